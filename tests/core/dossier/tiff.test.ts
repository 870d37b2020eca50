/*
 * TIFF exhibits (src/core/dossier/tiff.ts). Ghostscript writes the same two pages as TIFFs of every common
 * kind (fax Group 4, Group 3 one- and two-dimensional, Modified Huffman, LZW, PackBits, uncompressed; black and
 * white, grey and colour). Each page is put in a PDF at a point a pixel and rendered by poppler: every kind must
 * render exactly as the uncompressed file of the same pixels does, whether it went in as it is (fax) or was
 * decoded by our own code (LZW, PackBits, Deflate). Damaged and unusual files get placeholders, never a hang.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { embedTiffPage, readTiff } from '../../../src/core/dossier/exhibits/tiff';
import { BUILD_DATE, library, mutate, oneExhibitCase, random } from './fixtures';
import { PdfReader } from './pdf-reader';

const work = mkdtempSync(path.join(tmpdir(), 'tiff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let source = '';

beforeAll(async () => {
  // Two small pages with text and colour, the source of every TIFF below.
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const [n, label] of [
    [1, 'Fax page one'],
    [2, 'Fax page two'],
  ] as const) {
    const page = doc.addPage([216, 144]);
    page.drawRectangle({ x: 12, y: 12, width: 60, height: 30, color: rgb(0.8, 0.2, 0.1) });
    page.drawText(`${label}: “Zoë”`, { x: 12, y: 100, size: 16 + n, font });
  }
  source = path.join(work, 'source.pdf');
  writeFileSync(source, await doc.save());
});

function tiff(device: string, compression?: string): Uint8Array {
  const out = path.join(work, `${device}-${compression ?? 'default'}.tif`);
  execFileSync('gs', ['-q', '-dSAFER', '-dNOPAUSE', '-dBATCH', `-sDEVICE=${device}`, ...(compression ? [`-sCompression=${compression}`] : []), '-r72', `-sOutputFile=${out}`, source]);
  return new Uint8Array(readFileSync(out));
}

/** The first page's directory entries of a little-endian TIFF: tag → where its entry is. */
function entries(bytes: Uint8Array): Map<number, number> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ifd = view.readUInt32LE(4);
  const found = new Map<number, number>();
  for (let i = 0; i < view.readUInt16LE(ifd); i++) found.set(view.readUInt16LE(ifd + 2 + i * 12), ifd + 2 + i * 12);
  return found;
}

/** `bytes` with the single inline value of `tag` on the first page set to `value`. */
function withTag(bytes: Uint8Array, tag: number, value: number, newTag = tag): Uint8Array {
  const out = Buffer.from(bytes);
  const at = entries(bytes).get(tag)!;
  out.writeUInt16LE(newTag, at);
  if (out.readUInt16LE(at + 2) === 3) out.writeUInt16LE(value, at + 8);
  else out.writeUInt32LE(value, at + 8);
  return new Uint8Array(out);
}

/** An uncompressed single-strip file with its strip compressed by Deflate (compression 8), appended at the end. */
function deflated(bytes: Uint8Array): Uint8Array {
  const view = Buffer.from(bytes);
  const tags = entries(bytes);
  const offset = view.readUInt32LE(tags.get(273)! + 8);
  const length = view.readUInt32LE(tags.get(279)! + 8);
  const data = deflateSync(view.subarray(offset, offset + length));
  const out = withTag(withTag(withTag(Buffer.concat([view, data]), 273, view.length), 279, data.length), 259, 8);
  return out;
}

/** The first page in a PDF at a point a pixel, rendered by poppler at 72 dpi: its raw pixels. */
async function rendered(bytes: Uint8Array, colour = false): Promise<Buffer> {
  const page = readTiff(bytes)[0];
  const doc = await PDFDocument.create();
  const pdfPage = doc.addPage([page.width, page.height]);
  pdfPage.node.setXObject(PDFName.of('Im1'), embedTiffPage(bytes, page, doc.context));
  const content = Buffer.from(`q ${page.width} 0 0 ${page.height} 0 0 cm /Im1 Do Q`, 'latin1');
  pdfPage.node.set(PDFName.of('Contents'), doc.context.register(PDFRawStream.of(doc.context.obj({}), content)));
  return execFileSync('pdftoppm', ['-r', '72', ...(colour ? [] : ['-gray']), '-singlefile'], { input: Buffer.from(await doc.save()), maxBuffer: 1 << 24 });
}

async function dossierWith(bytes: Uint8Array) {
  const { caseFile, readAttachment } = oneExhibitCase(bytes, 'A faxed statement', 'fax.tif');
  caseFile.sources[0].attachments[0].mediaType = 'image/tiff';
  return buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Faxes', buildDate: BUILD_DATE });
}

describe('TIFF exhibits', () => {
  it('renders every kind of black-and-white TIFF exactly as the uncompressed one: fax data as it is, the rest decoded', async () => {
    const plain = await rendered(tiff('tifflzw', 'none'));
    // White paper, black type: the page is mostly white, with some black.
    const pixels = plain.subarray(plain.length - 216 * 144);
    expect(pixels.filter((p) => p === 255).length).toBeGreaterThan(pixels.length * 0.7);
    expect(pixels.some((p) => p === 0)).toBe(true);
    const kinds: [string, Uint8Array][] = [
      ['fax Group 4', tiff('tiffg4')],
      ['fax Group 3', tiff('tiffg3')],
      ['fax Group 3, two-dimensional', tiff('tiffg32d')],
      ['Modified Huffman', tiff('tiffcrle')],
      ['LZW', tiff('tifflzw')],
      ['PackBits', tiff('tiffpack')],
      ['Deflate', deflated(tiff('tiffg4', 'none'))],
    ];
    for (const [name, file] of kinds) expect((await rendered(file)).equals(plain), name).toBe(true);
  });

  it('renders grey and colour TIFFs, LZW and PackBits, exactly as the uncompressed ones', async () => {
    for (const device of ['tiffgray', 'tiff24nc']) {
      const plain = await rendered(tiff(device, 'none'), true);
      for (const compression of ['lzw', 'pack']) expect((await rendered(tiff(device, compression), true)).equals(plain), `${device} ${compression}`).toBe(true);
    }
  });

  it('shows a fax that calls zero black the other way round, as the file says', async () => {
    const fax = tiff('tiffg4');
    const normal = await rendered(fax);
    const inverted = await rendered(withTag(fax, 262, 1));
    // Poppler smooths the edges of a one-bit image, so pixels are compared as light or dark.
    const header = normal.length - 216 * 144;
    let opposite = 0;
    for (let i = header; i < normal.length; i++) if (normal[i] >= 128 !== inverted[i] >= 128) opposite++;
    expect(opposite).toBeGreaterThan(216 * 144 * 0.98);
  });

  it('bundles a two-page fax as two pages of the exhibit, each captioned with its page', async () => {
    const result = await dossierWith(tiff('tiffg4'));
    expect(result.warnings).toEqual([]);
    const exhibit = result.pageMap.find((e) => e.kind === 'exhibit')!;
    expect(exhibit.endPage - exhibit.startPage).toBe(2); // the separator sheet, then the two pages
    const reader = await PdfReader.open(result.bytes);
    expect(await reader.text(exhibit.startPage)).toContain('Image, 2 pages');
    expect(await reader.text(exhibit.startPage + 1)).toContain('EV-1 · fax.tif · page 1 of 2');
    expect(await reader.text(exhibit.startPage + 2)).toContain('EV-1 · fax.tif · page 2 of 2');
    await reader.close();
  });

  it('gives a placeholder, never a hang, for a damaged TIFF, and names what it cannot take in an unusual one', async () => {
    const fax = tiff('tiffg4');
    const view = Buffer.from(fax);
    const firstPage = view.readUInt32LE(4);
    // The second page's directory says the next page is the first: the list of pages never ends.
    const secondPage = view.readUInt32LE(firstPage + 2 + view.readUInt16LE(firstPage) * 12);
    const looping = Buffer.from(fax);
    looping.writeUInt32LE(firstPage, secondPage + 2 + view.readUInt16LE(secondPage) * 12);
    const cases: [string, Uint8Array, string, string][] = [
      ['looping pages', looping, 'EXHIBIT_DAMAGED', 'its list of pages loops or never ends'],
      ['data past the end', withTag(fax, 273, fax.length + 10), 'EXHIBIT_DAMAGED', 'runs past the end of the file'],
      ['tiles', withTag(fax, 278, 64, 322), 'EXHIBIT_UNSUPPORTED', 'page 1 uses tiles'],
      ['JPEG inside', withTag(tiff('tiff24nc', 'none'), 259, 7), 'EXHIBIT_UNSUPPORTED', 'page 1 uses JPEG'],
    ];
    for (const [name, file, code, detail] of cases) {
      const result = await dossierWith(file);
      expect(result.warnings.map((w) => w.code), name).toEqual([code]);
      expect(result.warnings[0].message, name).toContain(detail);
    }
  });

  it('bundles or refuses a TIFF with bytes changed anywhere, and the export always goes on', async () => {
    const next = random(20261202);
    const outcomes = new Set<string>();
    for (const file of [tiff('tiffg4'), tiff('tiffgray', 'lzw')]) {
      for (let run = 0; run < 25; run++) {
        const result = await dossierWith(mutate(file, next));
        const exhibit = result.pageMap.find((e) => e.kind === 'exhibit')!.exhibit!;
        expect(result.warnings.map((w) => w.code)).toEqual(exhibit.included ? [] : [exhibit.warning]);
        outcomes.add(exhibit.included ? 'included' : 'placeholder');
      }
    }
    expect(outcomes).toEqual(new Set(['included', 'placeholder']));
  });
});
