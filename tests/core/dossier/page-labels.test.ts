/*
 * Printed page labels: a pinpoint "p. 1" into an exhibit whose first pages are numbered i, ii means the page
 * printed "1", the third; the dossier's "EV-1, dossier p. N" must lead there. Labels are read by raw-pdf and
 * checked against pdf.js's reading of the same file.
 */
import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { SourcePdf } from '../../../src/core/dossier/raw-pdf/transplant';
import { numeral, pageLabels } from '../../../src/core/dossier/raw-pdf/page-labels';
import { CaseFile, CURRENT_SCHEMA_VERSION, type Pinpoint } from '../../../src/shared/domain';
import { BUILD_DATE, library, sha256 } from './fixtures';
import { handWritten, stream } from './hand-written-pdf';
import { PdfReader } from './pdf-reader';

const PAGE_TEXT = ['Preface one', 'Preface two', 'Body one', 'Body two', 'Annex three', 'Annex four'];

/** Six pages labelled i, ii, 1, 2, A-3, A-4; the labels tree split into kids, one prefix in UTF-16. */
function labelledPdf(utf16Prefix = false): Uint8Array {
  const pageObjects = PAGE_TEXT.map((_, i) => `<< /Type /Page /Parent 2 0 R /Contents ${10 + i} 0 R >>`);
  const contents = PAGE_TEXT.map((text) => stream(`BT /F1 18 Tf 20 100 Td (${text}) Tj ET`));
  const prefix = utf16Prefix ? '<FEFF0041002D>' : '(A-)';
  return handWritten([
    '<< /Type /Catalog /Pages 2 0 R /PageLabels 9 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R 7 0 R 8 0 R] /Count 6 /MediaBox [0 0 300 200] /Resources << /Font << /F1 16 0 R >> >> >>',
    ...pageObjects,
    '<< /Kids [17 0 R 18 0 R] >>',
    ...contents,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Limits [0 2] /Nums [0 << /S /r >> 2 << /S /D >>] >>',
    `<< /Limits [4 4] /Nums [4 << /S /D /St 3 /P ${prefix} >>] >>`,
  ]);
}

describe('page labels', () => {
  it('writes numerals in every style the PDF format has', () => {
    expect([1, 4, 9, 14, 40, 1994].map((n) => numeral(n, 'r'))).toEqual(['i', 'iv', 'ix', 'xiv', 'xl', 'mcmxciv']);
    expect(numeral(12, 'R')).toBe('XII');
    expect([1, 26, 27, 53].map((n) => numeral(n, 'A'))).toEqual(['A', 'Z', 'AA', 'AAA']);
    expect(numeral(2, 'a')).toBe('b');
    expect(numeral(7, 'D')).toBe('7');
  });

  for (const utf16 of [false, true]) {
    it(`reads the labels a reader shows (${utf16 ? 'a UTF-16 prefix' : 'a plain prefix'}), as pdf.js does`, async () => {
      const bytes = labelledPdf(utf16);
      const labels = pageLabels(new SourcePdf(bytes), 6);
      expect(labels).toEqual(['i', 'ii', '1', '2', 'A-3', 'A-4']);
      const reader = await PdfReader.open(bytes);
      expect(await reader.doc.getPageLabels()).toEqual(labels);
      await reader.close();
    });
  }

  it('gives no labels for a file without them, so pinpoints count pages', () => {
    const bytes = handWritten(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>']);
    expect(pageLabels(new SourcePdf(bytes), 1)).toBeUndefined();
  });

  it('sends a pinpoint to the page printed with it, in the chronology and in a quotation', async () => {
    const file = labelledPdf();
    const T = '2025-11-20T10:00:00.000Z';
    const base = (id: string) => ({ id, createdAt: T, updatedAt: T });
    const event = (id: string, value: string) => ({ ...base(id), date: { value: '2022-06-28' }, title: `Cites p. ${value}`, sources: [{ sourceId: 'src-labelled', pinpoint: { kind: 'page', value } as Pinpoint }] });
    const caseFile = CaseFile.parse({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      case: { ...base('case-labels'), slug: 'labels', title: 'Labelled exhibit' },
      sources: [
        {
          ...base('src-labelled'),
          kind: 'official-report',
          title: 'A report with a preface',
          attachments: [{ id: 'att-labelled', fileName: 'report.pdf', mediaType: 'application/pdf', size: file.length, sha256: sha256(file), addedAt: T }],
        },
      ],
      // Dates in order, so the chronology lists them in this order.
      events: [event('ev-body', '1'), event('ev-preface', 'ii'), event('ev-annex', 'A-4'), event('ev-range', '2–3'), event('ev-absent', '99')].map((e, i) => ({
        ...e,
        date: { value: `2022-06-${String(10 + i)}` },
      })),
      notes: [{ ...base('note-q'), title: 'Quoted', body: 'A note.', quotations: [{ id: 'q-annex', sourceId: 'src-labelled', quote: 'Annex three', pinpoint: { kind: 'page', value: 'a-3' } }] }],
    });
    const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment: async () => file }, { title: 'Labels', buildDate: BUILD_DATE });
    const reader = await PdfReader.open(result.bytes);
    const texts = await Promise.all(Array.from({ length: reader.pageCount }, (_, i) => reader.text(i + 1)));
    const all = texts.join('\n');
    const pointers = [...all.matchAll(/EV-1, dossier p\. (\d+)/g)].map((m) => Number(m[1]));
    const exhibit = result.pageMap.find((e) => e.key === 'exhibit/EV-1')!;
    // Chronology: p. 1 → "Body one"; p. ii → "Preface two"; p. A-4 → "Annex four"; p. 2–3 → "Body two"; p. 99 → the
    // exhibit's separator sheet. Then the quotation: p. a-3 → "Annex three" (labels match without regard to case).
    const expected = ['Body one', 'Preface two', 'Annex four', 'Body two', undefined, 'Annex three'];
    expect(pointers).toHaveLength(expected.length);
    pointers.forEach((page, i) => {
      if (expected[i]) expect(texts[page - 1], `pointer ${i + 1}`).toContain(expected[i]);
      else expect(page, `pointer ${i + 1}`).toBe(exhibit.startPage);
    });
    await reader.close();
  });
});
