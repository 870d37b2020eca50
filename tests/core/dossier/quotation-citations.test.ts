/*
 * A quotation in a dossier is cited as a footnote would cite its source, in the dossier's style, with its pinpoint
 * in that style's form: OSCOLA's "[31]" for a paragraph of a judgment, "s 6" for a section of an Act, "560" for a
 * page of a journal article.
 */
import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { CaseFile, CURRENT_SCHEMA_VERSION } from '../../../src/shared/domain';
import { BUILD_DATE, library } from './fixtures';
import { PdfReader } from './pdf-reader';

const T = '2025-11-20T10:00:00.000Z';
const base = (id: string) => ({ id, createdAt: T, updatedAt: T });

const caseFile = CaseFile.parse({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  case: { ...base('case-duty'), slug: 'duty', title: 'Duty of care' },
  sources: [
    { ...base('src-corr'), kind: 'court-judgment', title: 'Corr v IBC Vehicles Ltd', neutralCitation: '[2008] UKHL 13', reporter: 'AC', volume: '1', pages: '884', publishedDate: { value: '2008' } },
    { ...base('src-hra'), kind: 'legislation', title: 'Human Rights Act 1998' },
    { ...base('src-mlr'), kind: 'journal-article', title: 'In Defence of Due Deference', authors: [{ family: 'Young', given: 'Alison L' }], containerTitle: 'Modern Law Review', containerTitleShort: 'MLR', volume: '72', pages: '554-580', publishedDate: { value: '2009' } },
  ],
  notes: [
    {
      ...base('note-q'),
      title: 'Passages',
      body: 'Three passages.',
      quotations: [
        { id: 'q-corr', sourceId: 'src-corr', quote: 'A passage of the judgment', pinpoint: { kind: 'paragraph', value: '31' } },
        { id: 'q-hra', sourceId: 'src-hra', quote: 'A passage of the Act', pinpoint: { kind: 'section', value: '6(1)' } },
        { id: 'q-mlr', sourceId: 'src-mlr', quote: 'A passage of the article', pinpoint: { kind: 'page', value: '560' } },
      ],
    },
  ],
});

describe('quotations in a dossier', () => {
  it('are cited in OSCOLA footnote form with their pinpoints', async () => {
    const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment: async () => new Uint8Array() }, { title: 'Duty', buildDate: BUILD_DATE, citationStyle: 'oscola' });
    const reader = await PdfReader.open(result.bytes);
    const all = (await Promise.all(Array.from({ length: reader.pageCount }, (_, i) => reader.text(i + 1)))).join('\n').replace(/\s+/g, ' ');
    await reader.close();
    expect(all).toContain('S1: Corr v IBC Vehicles Ltd [2008] UKHL 13, [2008] 1 AC 884 [31].');
    expect(all).toContain('S2: Human Rights Act 1998, s 6(1).');
    expect(all).toContain('S3: Alison L Young, ‘In Defence of Due Deference’ (2009) 72 MLR 554, 560.');
  });
});
