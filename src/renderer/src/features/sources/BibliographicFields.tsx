/*
 * The fields that fit a source's kind (a journal's volume and DOI, a judgment's court and neutral citation,
 * a Hansard debate's columns…), labelled as that kind calls them, from the one list in shared/bibliographic.ts.
 * Fields of another kind are not shown but keep their values, so changing the kind loses nothing.
 */
import { Textarea, TextInput } from '@mantine/core';
import { KIND_FIELDS, type SourceKind, type SourceRecord } from '../../../../shared/domain';
import { optional, type FieldErrors } from '../../ui/form';
import { authorsToText, textToAuthors } from './authors';

/** The text fields, each one line; `editors` (a list of names) and `publisher` (shown for every kind) are handled apart. */
export const TEXT_FIELDS = ['containerTitle', 'containerTitleShort', 'volume', 'issue', 'pages', 'edition', 'number', 'place', 'doi', 'issn', 'isbn', 'court', 'neutralCitation', 'reporter'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type BibliographicValues = Record<TextField | 'editors', string>;

const PLACEHOLDERS: Partial<Record<TextField, string>> = {
  doi: '10.1093/bjc/azz010',
  issn: '0007-0955',
  isbn: '978-0-19-876543-2',
  neutralCitation: '[2019] UKSC 5',
  reporter: 'WLR, AC, QB…',
  containerTitleShort: 'BJC',
  number: 'Cm 4262',
};

export function bibliographicValues(s?: SourceRecord): BibliographicValues {
  const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, s?.[f] ?? ''])) as Record<TextField, string>;
  return { ...values, editors: authorsToText(s?.editors ?? []) };
}

export function bibliographicFields(v: BibliographicValues) {
  const editors = textToAuthors(v.editors);
  return { ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, optional(v[f])])), editors: editors.length ? editors : undefined } as Partial<Record<TextField, string>> & { editors?: ReturnType<typeof textToAuthors> };
}

/** The label the kind gives its publisher ("Newspaper or outlet", "Institution", "Website"…). */
export function publisherLabel(kind: SourceKind): string | undefined {
  return KIND_FIELDS[kind].find(([f]) => f === 'publisher')?.[1];
}

export function BibliographicInputs({ kind, values, errors, onChange }: { kind: SourceKind; values: BibliographicValues; errors: FieldErrors; onChange: (field: TextField | 'editors', value: string) => void }) {
  const fields = KIND_FIELDS[kind].filter(([f]) => f !== 'publisher');
  if (!fields.length) return null;
  return (
    // A CSS grid from the stylesheet: Mantine's SimpleGrid writes an inline <style>, which the CSP refuses.
    <div className="bibliographic-fields">
      {fields.map(([field, label]) =>
        field === 'editors' ? (
          <Textarea key={field} label={label} description="One per line, as for authors." autosize minRows={1} maxRows={4} value={values.editors} error={errors.editors} onChange={(e) => onChange('editors', e.currentTarget.value)} />
        ) : (
          <TextInput key={field} label={label} placeholder={PLACEHOLDERS[field as TextField]} value={values[field as TextField]} error={errors[field]} onChange={(e) => onChange(field as TextField, e.currentTarget.value)} />
        ),
      )}
    </div>
  );
}
