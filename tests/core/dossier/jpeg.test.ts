/*
 * Photos shown upright: a JPEG's Exif Orientation tag is read (either byte order) and obeyed, as every photo
 * viewer obeys it, so that a phone photo stored on its side is not bundled on its side. The fixture photo shows
 * a blue square left of a red circle; rendered by poppler, the two must end up where the tag sends them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { jpegOrientation, orientationMatrix, type Orientation } from '../../../src/core/dossier/exhibits/jpeg';
import { BUILD_DATE, library, oneExhibitCase } from './fixtures';

const PHOTO = readFileSync(new URL('../../fixtures/dossier/photo.jpg', import.meta.url));

/** The photo with an Exif segment holding `orientation`, written in little- or big-endian TIFF. */
function withOrientation(orientation: number, order: 'II' | 'MM' = 'II'): Uint8Array {
  const tiff = Buffer.alloc(26);
  const le = order === 'II';
  const u16 = (v: number, at: number) => (le ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  tiff.write(order, 0, 'latin1');
  u16(42, 2);
  u32(8, 4); // the first directory
  u16(1, 8); // one entry: Orientation, SHORT, one value
  u16(0x0112, 10);
  u16(3, 12);
  u32(1, 14);
  u16(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([PHOTO.subarray(0, 2), header, body, PHOTO.subarray(2)]);
}

/** Where the blue square and the red circle are on the image page, as centres in pixels of a poppler rendering. */
async function shapes(jpeg: Uint8Array): Promise<{ page: { width: number; height: number }; blue: [number, number]; red: [number, number] }> {
  const { caseFile, readAttachment } = oneExhibitCase(jpeg, 'A photograph', 'photo.jpg');
  caseFile.sources[0].attachments[0].mediaType = 'image/jpeg';
  const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Photos', buildDate: BUILD_DATE });
  expect(result.warnings).toEqual([]);
  const page = result.pageMap.find((e) => e.kind === 'exhibit')!.endPage;
  const ppm = execFileSync('pdftoppm', ['-r', '20', '-f', String(page), '-l', String(page)], { input: Buffer.from(result.bytes), maxBuffer: 1 << 26 });
  const [, w, h] = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 40))!.map(Number);
  const pixels = ppm.subarray(ppm.length - w * h * 3);
  const sums = { blue: [0, 0, 0], red: [0, 0, 0] };
  for (let i = 0; i < w * h; i++) {
    const [r, g, b] = [pixels[i * 3], pixels[i * 3 + 1], pixels[i * 3 + 2]];
    const which = b > 120 && r < 100 && g < 120 ? sums.blue : r > 150 && g < 110 && b < 110 ? sums.red : undefined;
    if (which) {
      which[0] += i % w;
      which[1] += Math.floor(i / w);
      which[2]++;
    }
  }
  const centre = (s: number[]): [number, number] => [s[0] / s[2], s[1] / s[2]];
  return { page: { width: w, height: h }, blue: centre(sums.blue), red: centre(sums.red) };
}

describe('JPEG orientation', () => {
  it('reads the Exif Orientation tag in either byte order, and takes a photo without one as it is stored', () => {
    expect(jpegOrientation(withOrientation(6, 'II'))).toBe(6);
    expect(jpegOrientation(withOrientation(8, 'MM'))).toBe(8);
    expect(jpegOrientation(PHOTO)).toBe(1);
    expect(jpegOrientation(withOrientation(0))).toBe(1);
    expect(jpegOrientation(withOrientation(6).subarray(0, 30))).toBe(1);
  });

  it('sends the stored first row and first column where TIFF 6.0 says each orientation puts them', () => {
    // Tag 274: the side of the shown image that the stored first row is, and the side the first column is.
    const rowColumn: Record<Orientation, [string, string]> = {
      1: ['top', 'left'], 2: ['top', 'right'], 3: ['bottom', 'right'], 4: ['bottom', 'left'],
      5: ['left', 'top'], 6: ['right', 'top'], 7: ['right', 'bottom'], 8: ['left', 'bottom'],
    };
    const side = (x: number, y: number) => (x === 0 ? 'left' : x === 1 ? 'right' : y === 1 ? 'top' : y === 0 ? 'bottom' : '?');
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
      const [a, b, c, d, e, f] = orientationMatrix(o, 0, 0, 1, 1);
      const at = (u: number, v: number) => [a * u + c * v + e, b * u + d * v + f];
      // The first row runs along v = 1, the first column along u = 0: where do their middles go?
      const [row, column] = [at(0.5, 1), at(0, 0.5)];
      expect([side(row[0], row[1]), side(column[0], column[1])], `orientation ${o}`).toEqual(rowColumn[o]);
    }
  });

  it('shows a photo upright on its page, turned as its tag says, on a page of the shape it then has', async () => {
    const plain = await shapes(PHOTO);
    expect(plain.page.width).toBeGreaterThan(plain.page.height); // a landscape photo on a landscape page
    expect(plain.blue[0]).toBeLessThan(plain.red[0]);
    const turned = await shapes(withOrientation(6)); // a quarter clockwise: the left side goes to the top
    expect(turned.page.width).toBeLessThan(turned.page.height);
    expect(turned.blue[1]).toBeLessThan(turned.red[1]);
    const back = await shapes(withOrientation(8, 'MM')); // a quarter anticlockwise: the left side goes to the bottom
    expect(back.blue[1]).toBeGreaterThan(back.red[1]);
    const upsideDown = await shapes(withOrientation(3));
    expect(upsideDown.page.width).toBeGreaterThan(upsideDown.page.height);
    expect(upsideDown.blue[0]).toBeGreaterThan(upsideDown.red[0]);
  });
});
