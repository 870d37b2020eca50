/*
 * PNG exhibits. An opaque PNG goes into the PDF as its own compressed data (src/core/dossier/png.ts): each kind
 * is rendered by poppler and compared pixel for pixel with the same PNG decoded and embedded by pdf-lib. A PNG
 * damaged inside gets a placeholder; a huge opaque one goes in without being decoded, and a huge one that would
 * have to be decoded is refused with a reason instead of taking gigabytes of memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { embedPngData, readPng } from '../../../src/core/dossier/exhibits/png';
import { BUILD_DATE, encodePng, library, oneExhibitCase, type PngSpec } from './fixtures';

const work = mkdtempSync(path.join(tmpdir(), 'png-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A page the image's size in points, the image filling it, rendered by poppler at one pixel a point. */
async function rendered(png: Uint8Array, how: 'own data' | 'pdf-lib', name: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const info = readPng(png);
  const page = doc.addPage([info.width, info.height]);
  if (how === 'pdf-lib') {
    page.drawImage(await doc.embedPng(png), { x: 0, y: 0, width: info.width, height: info.height });
  } else {
    const ref = embedPngData(info, doc.context);
    page.node.setXObject(PDFName.of('Im1'), ref);
    const content = Buffer.from(`q ${info.width} 0 0 ${info.height} 0 0 cm /Im1 Do Q`, 'latin1');
    page.node.set(PDFName.of('Contents'), doc.context.register(PDFRawStream.of(doc.context.obj({}), content)));
  }
  const file = path.join(work, `${name}-${how === 'pdf-lib' ? 'pdf-lib' : 'own'}.pdf`);
  writeFileSync(file, await doc.save());
  return execFileSync('pdftoppm', ['-r', '72', '-png', file], { maxBuffer: 1 << 26 });
}

const W = 37;
const H = 23;
const gradient = (max: number) => (x: number, y: number, c: number) => ((x * 7 + y * 11 + c * 29) % (max + 1));
const KINDS: [string, PngSpec][] = [
  ['8-bit RGB', { width: W, height: H, colorType: 2, bitDepth: 8, sample: gradient(255) }],
  ['8-bit RGB, every row filter, four IDAT chunks', { width: W, height: H, colorType: 2, bitDepth: 8, sample: gradient(255), filters: true, chunks: 4 }],
  // Sixteen-bit samples whose two bytes agree, so that pdf-lib's reduction to eight bits loses nothing.
  ['16-bit RGB', { width: W, height: H, colorType: 2, bitDepth: 16, sample: (x, y, c) => gradient(255)(x, y, c) * 257, filters: true }],
  ['8-bit grey', { width: W, height: H, colorType: 0, bitDepth: 8, sample: gradient(255), filters: true }],
  ['1-bit grey', { width: W, height: H, colorType: 0, bitDepth: 1, sample: gradient(1), filters: true }],
  ['4-bit palette', { width: W, height: H, colorType: 3, bitDepth: 4, sample: gradient(9), palette: Array.from({ length: 10 }, (_, i) => [i * 25, 255 - i * 20, (i * 70) % 256] as [number, number, number]), filters: true }],
];

async function dossierWith(png: Uint8Array) {
  const { caseFile, readAttachment } = oneExhibitCase(png, 'An image', 'image.png');
  caseFile.sources[0].attachments[0].mediaType = 'image/png';
  return buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Images', buildDate: BUILD_DATE });
}

describe('PNG exhibits', () => {
  for (const [name, spec] of KINDS) {
    it(`puts a ${name} PNG in as its own data, pixel for pixel as pdf-lib's decoding shows it`, async () => {
      const png = encodePng(spec);
      expect((await rendered(png, 'own data', name)).equals(await rendered(png, 'pdf-lib', name))).toBe(true);
    });
  }

  it('bundles an opaque PNG without decoding it, and a transparent one decoded by pdf-lib', async () => {
    const opaque = await dossierWith(encodePng(KINDS[1][1]));
    expect(opaque.warnings).toEqual([]);
    expect(Buffer.from(opaque.bytes).includes('/Predictor 15')).toBe(true);
    const transparent = await dossierWith(encodePng({ width: W, height: H, colorType: 6, bitDepth: 8, sample: gradient(255) }));
    expect(transparent.warnings).toEqual([]);
    expect(Buffer.from(transparent.bytes).includes('/Predictor 15')).toBe(false);
    expect(transparent.pageMap.find((e) => e.kind === 'exhibit')?.exhibit?.included).toBe(true);
  });

  it('gives a placeholder for a PNG damaged inside: a failed checksum, image data cut short', async () => {
    const badChecksum = Buffer.from(encodePng(KINDS[0][1]));
    badChecksum[40] ^= 0xff; // a byte of the image data
    // Every checksum right, but the header promises five rows more than the data holds.
    const short = encodePng({ ...KINDS[0][1], height: H + 5, imageData: deflateSync(Buffer.alloc((W * 3 + 1) * H)) });
    for (const [file, detail] of [
      [badChecksum, 'fails its checksum'],
      [short, 'shorter than its header says'],
    ] as const) {
      const result = await dossierWith(file);
      expect(result.warnings.map((w) => w.code)).toEqual(['EXHIBIT_DAMAGED']);
      expect(result.warnings[0].message).toContain(detail);
    }
  });

  it('takes a 144-megapixel opaque PNG without decoding it, and refuses one with transparency that would need gigabytes', async () => {
    const side = 12_000;
    // One-bit rows of white: 18 MB of pixels in a file of a few kilobytes.
    const rows = Buffer.alloc((side / 8 + 1) * side, 0xff);
    for (let y = 0; y < side; y++) rows[y * (side / 8 + 1)] = 0;
    const huge = encodePng({ width: side, height: side, colorType: 0, bitDepth: 1, sample: () => 1, imageData: deflateSync(rows) });
    const result = await dossierWith(huge);
    expect(result.warnings).toEqual([]);
    expect(result.size).toBeLessThan(200_000);
    // The file's own data went in, with PNG predictors, rather than pixels decoded and compressed again.
    expect(Buffer.from(result.bytes).includes('/Predictor 15')).toBe(true);

    const transparent = encodePng({ width: side, height: side, colorType: 6, bitDepth: 8, sample: () => 0, imageData: deflateSync(Buffer.alloc(16)) });
    const refused = await dossierWith(transparent);
    expect(refused.warnings.map((w) => w.code)).toEqual(['EXHIBIT_TOO_LARGE']);
    expect(refused.warnings[0].message).toContain('12,000 × 12,000 pixels (144 megapixels)');
  });
});
