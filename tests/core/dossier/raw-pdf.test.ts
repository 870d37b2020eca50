/*
 * The raw PDF copier (src/core/dossier/raw-pdf): exhibit pages copied as bytes must look exactly as they do in
 * the file they came from. Each file is copied into an empty document, saved with the dossier's writer, checked
 * with qpdf, and every page rendered by poppler and compared pixel for pixel with the source page.
 *
 * The files cover the ways PDFs store their objects: pdf-lib's (object streams, a cross-reference stream),
 * qpdf's rewritings of it (a classic table; object streams with a PNG-predicted cross-reference stream;
 * linearized, with two sections), a hybrid-reference file, an incremental update (/Prev), and a file written by
 * hand with inherited page attributes, a split content stream, references inside strings and comments, and a link
 * to another page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { buildDossier } from '../../../src/core/dossier';
import { RawPdfError, SourcePdf, transplantPages } from '../../../src/core/dossier/raw-pdf/transplant';
import { saveDocument } from '../../../src/core/dossier/writer';
import { BUILD_DATE, library, oneExhibitCase, rotatedPdf, samplePdf } from './fixtures';
import { handWritten, hybridPdf, stream } from './hand-written-pdf';
import { PdfReader } from './pdf-reader';

const work = mkdtempSync(path.join(tmpdir(), 'raw-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let files = 0;

function save(bytes: Uint8Array, name = `f${files++}.pdf`): string {
  const file = path.join(work, name);
  writeFileSync(file, bytes);
  return file;
}

function qpdf(args: string[], input: Uint8Array): Uint8Array {
  const inFile = save(input);
  const outFile = `${inFile}.qpdf.pdf`;
  execFileSync('qpdf', [...args, inFile, outFile]);
  return new Uint8Array(readFileSync(outFile));
}

const render = (file: string, page: number) => execFileSync('pdftoppm', ['-r', '36', '-f', String(page), '-l', String(page), '-png', file], { maxBuffer: 1 << 26 });

async function transplanted(bytes: Uint8Array): Promise<{ file: string; pages: number }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const pages = transplantPages(new SourcePdf(bytes), doc);
  for (const p of pages) doc.addPage(p);
  const { chunks } = await saveDocument(doc);
  return { file: save(Buffer.concat(chunks)), pages: pages.length };
}

/**
 * Two pages that inherit their size, rotation and resources from the page tree; the second page's content is
 * split over two streams; a string and a comment hold text that looks like a reference; page 2 links to page 1.
 */
function inheritingPdf(): Uint8Array {
  return handWritten([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 300 200] /Rotate 90 /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Type /Page /Parent 2 0 R /Contents 6 0 R /Info (not 2 0 R, nor \\(9 0 R\\)) >>',
    '<< /Type /Page /Parent 2 0 R /Contents [7 0 R 8 0 R] % 2 0 R in a comment\n /Annots [9 0 R] >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    stream('BT /F1 24 Tf 20 100 Td (First page) Tj ET'),
    stream('BT /F1 24 Tf 20 100 Td (Second'),
    stream(' page) Tj ET 0 0 1 RG 10 10 100 40 re S'),
    '<< /Type /Annot /Subtype /Link /Rect [10 10 110 50] /Border [0 0 1] /Dest [3 0 R /Fit] >>',
  ]);
}

/** `bytes` with an incremental update appended that replaces object `num` by `object`. */
function withUpdate(bytes: Uint8Array, num: number, object: string, size: number): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const offset = text.length;
  let tail = `${num} 0 obj\n${object}\nendobj\n`;
  const xref = offset + tail.length;
  tail += `xref\n${num} 1\n${String(offset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size} /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(text + tail, (c) => c.charCodeAt(0));
}

describe('copying exhibit pages as bytes', () => {
  /** Each file, and optionally what poppler is shown as the source to compare with. */
  const variants: [string, () => Promise<Uint8Array>, ((bytes: Uint8Array) => Uint8Array)?][] = [
    ['pdf-lib (object streams, cross-reference stream)', () => samplePdf(3, 'Raw copy')],
    ['pdf-lib with a landscape and a rotated page', () => rotatedPdf()],
    ['a classic cross-reference table (qpdf)', async () => qpdf(['--object-streams=disable'], await samplePdf(3, 'Table'))],
    ['object streams with a predicted cross-reference stream (qpdf)', async () => qpdf(['--object-streams=generate'], await samplePdf(3, 'Predicted'))],
    ['a linearized file (qpdf)', async () => qpdf(['--linearize'], await samplePdf(3, 'Linearized'))],
    ['inherited attributes, split content, look-alike references, a link (by hand)', async () => inheritingPdf()],
    // Poppler ignores /XRefStm for objects the table lists as free (qpdf and pdf.js follow it): it is shown qpdf's rewrite.
    ['a hybrid-reference file (a table, and /XRefStm for an object stream)', async () => hybridPdf(), (bytes) => qpdf(['--object-streams=disable'], bytes)],
    ['an incremental update (/Prev) replacing a page’s content', async () => withUpdate(inheritingPdf(), 6, stream('BT /F1 24 Tf 20 100 Td (Updated first page) Tj ET'), 10)],
  ];

  for (const [name, make, reference] of variants) {
    it(`renders every page of ${name} exactly as the source does, in a file qpdf accepts`, async () => {
      const source = await make();
      const sourceFile = save(reference ? reference(source) : source);
      const copy = await transplanted(source);
      const sourcePages = (await PDFDocument.load(source, { updateMetadata: false })).getPageCount();
      expect(copy.pages).toBe(sourcePages);
      expect(execFileSync('qpdf', ['--check', copy.file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
      for (let page = 1; page <= copy.pages; page++) expect(render(copy.file, page).equals(render(sourceFile, page)), `page ${page}`).toBe(true);
    });
  }

  it('reads the newest version of an object after an incremental update, and keeps a link to another page', async () => {
    const copy = await transplanted(withUpdate(inheritingPdf(), 6, stream('BT /F1 24 Tf 20 100 Td (Updated first page) Tj ET'), 10));
    const reader = await PdfReader.open(new Uint8Array(readFileSync(copy.file)));
    expect(await reader.text(1)).toContain('Updated first page');
    expect(await reader.text(2)).toContain('Second page');
    expect((await reader.links(2)).map((l) => l.destPage)).toEqual([1]);
    await reader.close();
  });

  it('refuses, with RawPdfError, files it cannot follow exactly', async () => {
    const good = inheritingPdf();
    const text = Buffer.from(good).toString('latin1');
    const shifted = Uint8Array.from(text.replace('%PDF-1.4\n', '%PDF-1.4\n\n\n'), (c) => c.charCodeAt(0)); // offsets now wrong
    const missing = handWritten(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 9 0 R >>']);
    const damagedContent = handWritten([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R >>',
      stream('not deflated at all', ' /Filter /FlateDecode'),
    ]);
    for (const bytes of [shifted, missing, damagedContent]) {
      const out = await PDFDocument.create();
      expect(() => transplantPages(new SourcePdf(bytes), out)).toThrow(RawPdfError);
    }
  });

  it('falls back to pdf-lib for a file with a broken cross-reference, so its pages still reach the dossier', async () => {
    const text = Buffer.from(inheritingPdf()).toString('latin1');
    const shifted = Uint8Array.from(text.replace('%PDF-1.4\n', '%PDF-1.4\n\n\n'), (c) => c.charCodeAt(0));
    const { caseFile, readAttachment } = oneExhibitCase(shifted, 'A file with shifted offsets', 'shifted.pdf');
    const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Fallback', buildDate: BUILD_DATE });
    expect(result.warnings).toEqual([]);
    const exhibit = result.pageMap.find((e) => e.kind === 'exhibit')!;
    expect(exhibit.exhibit?.included).toBe(true);
    const reader = await PdfReader.open(result.bytes);
    const texts = await Promise.all(Array.from({ length: reader.pageCount }, (_, i) => reader.text(i + 1)));
    expect(texts.some((t) => t.includes('First page'))).toBe(true);
    expect(texts.some((t) => t.includes('Second page'))).toBe(true);
    await reader.close();
  });
});
