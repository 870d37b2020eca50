/*
 * An exhibit whose pages repeat the same resource dictionary (as many writers give every page its own copy of
 * `<< /Font << /F1 5 0 R >> >>`) gets one copy of it in the dossier, stamped once: the pages share it, and each
 * still shows its own text and the dossier's stamp. A page with other resources keeps its own. The stamp's running
 * title is drawn by one stream the exhibit's pages share; each page's own stream draws its page and Bates numbers.
 */
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { buildDossier } from '../../../src/core/dossier';
import { BUILD_DATE, library, oneExhibitCase } from './fixtures';
import { handWritten, stream } from './hand-written-pdf';
import { PdfReader } from './pdf-reader';

const SAME = '/Resources << /Font << /F1 6 0 R >> >>';
function repeatedResourcesPdf(): Uint8Array {
  return handWritten([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 /MediaBox [0 0 300 200] >>',
    `<< /Type /Page /Parent 2 0 R ${SAME} /Contents 7 0 R >>`,
    `<< /Type /Page /Parent 2 0 R ${SAME} /Contents 8 0 R >>`,
    '<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R /F2 10 0 R >> >> /Contents 9 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    stream('BT /F1 20 Tf 20 100 Td (Page one of three) Tj ET'),
    stream('BT /F1 20 Tf 20 100 Td (Page two of three) Tj ET'),
    stream('BT /F2 20 Tf 20 100 Td (Page three of three) Tj ET'),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>',
  ]);
}

describe('an exhibit whose pages repeat their resources', () => {
  it('shares one stamped copy between the pages that repeat them, and every page keeps its text and stamp', async () => {
    const { caseFile, readAttachment } = oneExhibitCase(repeatedResourcesPdf(), 'Repeated resources', 'repeated.pdf');
    const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Shared resources', buildDate: BUILD_DATE, bates: { prefix: 'RES' } });
    expect(result.warnings).toEqual([]);

    const doc = await PDFDocument.load(result.bytes, { updateMetadata: false });
    const pages = doc.getPages();
    const reader = await PdfReader.open(result.bytes);
    const texts = await Promise.all(pages.map((_, i) => reader.text(i + 1)));
    await reader.close();
    const at = (phrase: string) => texts.findIndex((t) => t.includes(phrase));
    const [one, two, three] = [at('Page one of three'), at('Page two of three'), at('Page three of three')];
    expect([one, two, three].every((i) => i >= 0)).toBe(true);
    for (const i of [one, two, three]) expect(texts[i]).toMatch(/RES-\d+/); // the Bates stamp drawn over each

    const resources = (i: number) => pages[i].node.get(PDFName.of('Resources'));
    expect(resources(one)).toBeInstanceOf(PDFRef);
    expect(resources(one)).toBe(resources(two));
    expect(resources(three)).not.toBe(resources(one));
    // The shared copy holds the exhibit's font and the stamp's fonts; the third page's has its second font too.
    const fontNames = (i: number) => [...doc.context.lookup(resources(i), PDFDict).lookup(PDFName.of('Font'), PDFDict).keys()].map((k) => k.asString());
    expect(fontNames(one)).toContain('/F1');
    expect(fontNames(one).length).toBeGreaterThan(1);
    expect(fontNames(three)).toEqual(expect.arrayContaining(['/F1', '/F2']));
  });

  it('draws the running title with one stream the exhibit\'s pages share, and each page\'s own numbers with its own', async () => {
    const { caseFile, readAttachment } = oneExhibitCase(repeatedResourcesPdf(), 'Repeated resources', 'repeated.pdf');
    const title = 'Shared stamp opening';
    const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title, buildDate: BUILD_DATE, bates: { prefix: 'RES' } });
    const doc = await PDFDocument.load(result.bytes, { updateMetadata: false });
    const reader = await PdfReader.open(result.bytes);
    const texts = await Promise.all(doc.getPages().map((_, i) => reader.text(i + 1)));
    await reader.close();
    const exhibitPages = ['Page one of three', 'Page two of three', 'Page three of three'].map((phrase) => texts.findIndex((t) => t.includes(phrase)));
    expect(exhibitPages.every((i) => i >= 0)).toBe(true);
    for (const i of exhibitPages) {
      expect(texts[i]).toContain(title);
      expect(texts[i]).toContain(`Page ${i + 1} of ${texts.length}`);
      expect(texts[i]).toContain(`RES-${String(i + 1).padStart(6, '0')}`);
    }
    // The page's content: the dossier's `q`, the exhibit's streams, then the stamp's shared opening and its own close.
    const contents = (i: number) => doc.getPages()[i].node.lookup(PDFName.of('Contents'), PDFArray).asArray();
    const [a, b, c] = exhibitPages.map(contents);
    expect(a.at(-2)).toBeInstanceOf(PDFRef);
    expect(a.at(-2)).toBe(b.at(-2));
    expect(a.at(-2)).toBe(c.at(-2));
    expect(new Set([a.at(-1), b.at(-1), c.at(-1)]).size).toBe(3);
  });
});
