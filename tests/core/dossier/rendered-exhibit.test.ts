/*
 * A PDF whose cross-reference table and trailer are garbage: raw-pdf cannot follow it and pdf-lib cannot parse
 * it, yet qpdf repairs it with warnings and poppler shows its pages. It goes into the dossier as pictures of its
 * pages rendered by pdf.js, with a warning saying so and that the text is not selectable; a file no reader can
 * open keeps its placeholder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { BUILD_DATE, library, oneExhibitCase } from './fixtures';

const work = mkdtempSync(path.join(tmpdir(), 'rendered-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Four pages, each with its number in words and a black bar 50 pt longer than the page before's. */
async function fourPages(): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 4; i++) {
    const page = doc.addPage([420, 595]);
    page.drawText(`Custody log, page ${i}`, { x: 40, y: 500, size: 24, font });
    page.drawRectangle({ x: 40, y: 100, width: 50 * i, height: 50 });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
}

/** Every cross-reference offset and the startxref pointer made nonsense, and the trailer left unparseable. */
function breakXref(pdf: string, trailer: string): Buffer {
  const xref = pdf.lastIndexOf('\nxref\n') + 1;
  const tail = pdf
    .slice(xref)
    .replace(/\d{10} \d{5} n/g, (entry) => `9${entry.slice(1)}`)
    .replace(/trailer[\s\S]*?startxref\s+\d+/, `trailer\n${trailer}\nstartxref\n123456789`);
  return Buffer.from(pdf.slice(0, xref) + tail, 'latin1');
}

async function build(bytes: Uint8Array) {
  const { caseFile, readAttachment } = oneExhibitCase(bytes, 'Custody log', 'custody-log.pdf');
  return buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Rendered', buildDate: BUILD_DATE });
}

/** A page rendered by poppler in grey (PGM: a short header, then one byte a pixel). */
function greyPage(file: string, page: number): { width: number; height: number; pixels: Buffer } {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', String(page), '-l', String(page), file], { maxBuffer: 1 << 26 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: pgm.subarray(header[0].length) };
}

/** The longest run of dark pixels on any row of the page's lower half: the black bar's length. */
function longestBar({ width, height, pixels }: ReturnType<typeof greyPage>): number {
  let longest = 0;
  for (let y = Math.floor(height / 2); y < height; y++) {
    let run = 0;
    for (let x = 0; x < width; x++) {
      run = pixels[y * width + x] < 64 ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
  }
  return longest;
}

describe('a PDF exhibit whose cross-reference is broken beyond repair by copying', () => {
  it('goes in as its four pages rendered, with a warning that its text is not selectable', async () => {
    const pdf = await fourPages();
    // The trailer names the right catalog (object 2 in pdf-lib's files), then a key without a value.
    const broken = breakXref(pdf, `<< /Size 13 /Root ${/(\d+) 0 obj\s*<<\s*\/Type \/Catalog/.exec(pdf)![1]} 0 R /Garbage >>`);
    const brokenFile = path.join(work, 'broken.pdf');
    writeFileSync(brokenFile, broken);
    // Common readers open it: qpdf repairs it with warnings, poppler counts its pages.
    const qpdf = spawnSync('qpdf', ['--check', brokenFile], { encoding: 'utf8' });
    expect(qpdf.stdout + qpdf.stderr).toContain('operation succeeded with warnings');
    expect(execFileSync('pdfinfo', [brokenFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).toMatch(/Pages:\s+4\n/);

    const result = await build(broken);
    expect(result.warnings.map((w) => w.code)).toEqual(['EXHIBIT_RENDERED']);
    expect(result.warnings[0].message).toMatch(/^EV-1 \(“custody-log\.pdf”, source S1 of “A case with one exhibit”\) went in as pictures of its pages: the file is damaged or incomplete \(its structure cannot be read\)/);
    expect(result.warnings[0].message).toContain('Their text cannot be selected or searched in the dossier.');
    const entry = result.pageMap.find((e) => e.kind === 'exhibit')!;
    expect(entry.exhibit).toMatchObject({ included: true, warning: 'EXHIBIT_RENDERED' });
    // The separator sheet, then the four pages.
    expect(entry.endPage - entry.startPage).toBe(4);

    const dossier = path.join(work, 'dossier.pdf');
    writeFileSync(dossier, result.bytes);
    const separator = execFileSync('pdftotext', ['-f', String(entry.startPage), '-l', String(entry.startPage), dossier, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(separator).toContain('PDF document, damaged: 4 pages as pictures of its pages (its text cannot be selected)');
    const bars: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const page = entry.startPage + i;
      // A picture: the page's own words are not text in the dossier, only the caption above the picture is.
      const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), dossier, '-'], { encoding: 'utf8' });
      expect(text).toContain(`EV-1 · custody-log.pdf · page ${i} of 4`);
      expect(text).not.toContain('Custody log, page');
      bars.push(longestBar(greyPage(dossier, page)));
    }
    // Each page is the right one, in order: its bar is i times the first page's (within a pixel or two of scaling).
    for (let i = 2; i <= 4; i++) expect(Math.abs(bars[i - 1] / bars[0] - i)).toBeLessThan(0.1);
    // And the bar has the size the page drew, scaled as the picture is: the first page's bar is 50 pt of 420.
    expect(bars[0]).toBeGreaterThan(20);
  });

  it('keeps the placeholder when no reader can open it either', async () => {
    // The trailer points at an object that does not exist, and nothing else says where the catalog is.
    const pdf = (await fourPages()).replace('/Type /Catalog', '/Type /Nothing');
    const hopeless = breakXref(pdf, '<< /Size 13 /Root 99 0 R /Garbage >>');
    const result = await build(hopeless);
    expect(result.warnings.map((w) => w.code)).toEqual(['EXHIBIT_DAMAGED']);
    expect(result.pageMap.find((e) => e.kind === 'exhibit')!.exhibit).toMatchObject({ included: false, warning: 'EXHIBIT_DAMAGED' });
  });
});
