/*
 * The redacted dossier checks itself before it is written: the finished PDF is read back as a reader would read
 * it (pdf.js) — each page's text, the document information and XMP metadata, the bookmarks, the annotations'
 * addresses and texts — and searched for every name and alias with the same matcher that replaced them. Any
 * name found stops the export with the places listed; a file that cannot be read back is not written either.
 */
import { ApiError } from '../../../shared/errors';
import type { PdfWorker } from '../../evidence/pdf-worker-host';
import { INSPECT_LIMITS, inspectPdf, pageText } from './pdf-inspect';
import { findRuleMatches, type RedactionRule } from './rules';

export interface LeftoverName {
  personId: string;
  place: string;
  found: string;
}

export async function findLeftoverNames(bytes: Uint8Array, rules: readonly RedactionRule[], worker?: PdfWorker): Promise<LeftoverName[]> {
  const read = await inspectPdf(bytes, { layout: false }, INSPECT_LIMITS, worker);
  if (!read.ok) throw new ApiError('INTERNAL', `The redacted dossier was not written: it could not be read back to check that no name is left in it (${read.reason}).`);
  const { pdf } = read;
  const places: [string, string][] = [
    ...pdf.pages.flatMap((page, i): [string, string][] => [[`page ${i + 1}`, pageText(page).text], ...page.annotationTexts.map((t): [string, string] => [`a link or note on page ${i + 1}`, t])]),
    ...Object.entries(pdf.info).map(([key, value]): [string, string] => [`document information (${key})`, value]),
    ...(pdf.xmp ? [['XMP metadata', pdf.xmp] as [string, string]] : []),
    ...pdf.bookmarks.map((title): [string, string] => ['a bookmark', title]),
  ];
  return places.flatMap(([place, text]) => findRuleMatches(text, rules).map((m) => ({ personId: m.rule.personId, place, found: m.found })));
}

export async function verifyRedacted(bytes: Uint8Array, rules: readonly RedactionRule[], worker?: PdfWorker): Promise<void> {
  const leftovers = await findLeftoverNames(bytes, rules, worker);
  if (!leftovers.length) return;
  const listed = leftovers.slice(0, 10).map((l) => `“${l.found}” in ${l.place}`);
  const more = leftovers.length > 10 ? ` and ${leftovers.length - 10} more` : '';
  throw new ApiError(
    'CONFLICT',
    `The redacted dossier was not written: a name it should leave out is still in it (${listed.join('; ')}${more}). Nothing was saved. Check how the name is written there (add that spelling as an alias of the person) and export again.`,
    { leftovers },
  );
}
