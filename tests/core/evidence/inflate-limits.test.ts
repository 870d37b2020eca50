/*
 * Caps on decompression (src/core/evidence/inflate-limits.ts): a stream that expands past its cap is stopped
 * there, a PDF holding one is found before a reader inflates it, and ordinary files are untouched by the caps.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { extractText } from '../../../src/core/evidence/extracted-text';
import { InflateLimitError, TEXT_INFLATION_LIMITS, findPdfInflationBomb, inflateCapped } from '../../../src/core/evidence/inflate-limits';
import { BUILD_DATE, encodePng, library, oneExhibitCase } from '../dossier/fixtures';
import { deflatedPadding, pdfBomb, pdfOf, streamObject, tiffBomb } from '../../helpers/hostile-files';

const MiB = 1024 * 1024;

describe('decompression caps', () => {
  it('inflates up to the cap, and stops with InflateLimitError one byte past it', () => {
    const data = deflateSync(Buffer.alloc(MiB, 0x20));
    expect(inflateCapped(data, MiB).length).toBe(MiB);
    expect(() => inflateCapped(data, MiB - 1)).toThrow(InflateLimitError);
    expect(() => inflateCapped(Buffer.from('not zlib'), MiB)).toThrow(/incorrect header check/);
  });

  it('finds a content stream that expands past 64 MiB, but not one of 10 MiB', async () => {
    expect(await findPdfInflationBomb(await pdfBomb(10 * MiB))).toBeUndefined();
    expect(await findPdfInflationBomb(await pdfBomb(100 * MiB))).toBe('a compressed stream in it expands to more than 64 MiB');
  });

  it('counts images only where they are decoded, and counts every stream of a file together', async () => {
    const image = streamObject('/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode', await deflatedPadding('', 3 * MiB));
    const withImage = pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', image]);
    const small = { maxStreamBytes: 2 * MiB, maxFileBytes: 5 * MiB };
    expect(await findPdfInflationBomb(withImage, { ...small, includeImages: false })).toBeUndefined();
    expect(await findPdfInflationBomb(withImage, { ...small, includeImages: true })).toBe('a compressed stream in it expands to more than 2 MiB');
    const content = await deflatedPadding('', 1.5 * MiB);
    const many = pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', ...Array.from({ length: 4 }, () => streamObject('/Filter /FlateDecode', content))]);
    expect(await findPdfInflationBomb(many, { ...small, includeImages: false })).toBe('its compressed streams expand to more than 5 MiB in all');
    expect(await findPdfInflationBomb(many, TEXT_INFLATION_LIMITS)).toBeUndefined();
  });

  it('extracts the text of a PDF whose content stream is large but within the cap, and refuses a bomb with a reason', async () => {
    const padded = await extractText('0'.repeat(64), await pdfBomb(10 * MiB), 'application/pdf');
    expect(padded.error).toBeUndefined();
    expect(padded.pages.map((p) => p.text)).toEqual(['Decompression bomb']);
    const bomb = await extractText('0'.repeat(64), await pdfBomb(100 * MiB), 'application/pdf');
    expect(bomb.pages).toEqual([]);
    expect(bomb.error).toEqual({
      code: 'TOO_LARGE',
      message: 'The PDF’s text was not extracted: a compressed stream in it expands to more than 64 MiB, which is more than a page’s text needs (it may be a decompression bomb).',
    });
  });

  it('bundles a PDF with a 10 MiB content stream, and puts a placeholder with a warning for a bomb', async () => {
    const build = async (bytes: Uint8Array) => {
      const { caseFile, readAttachment } = oneExhibitCase(bytes, 'A report');
      return buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Bombs', buildDate: BUILD_DATE });
    };
    expect((await build(await pdfBomb(10 * MiB))).warnings).toEqual([]);
    const bombed = await build(await pdfBomb(100 * MiB));
    expect(bombed.warnings.map((w) => w.code)).toEqual(['EXHIBIT_TOO_LARGE']);
    expect(bombed.warnings[0].message).toContain('a compressed stream in it expands to more than 64 MiB');
    expect(bombed.warnings[0].message).toContain('decompression bomb');
    expect(bombed.pageMap.find((e) => e.kind === 'exhibit')?.exhibit?.included).toBe(false);
  });

  it('refuses a transparent PNG whose image data expands far past what its header says, before pdf-lib decodes it', async () => {
    // 10 × 10 pixels of RGBA need 410 bytes; this image data inflates to 200 MiB.
    const png = encodePng({ width: 10, height: 10, colorType: 6, bitDepth: 8, sample: () => 0, imageData: await deflatedPadding('', 200 * MiB) });
    const { caseFile, readAttachment } = oneExhibitCase(png, 'An image', 'image.png');
    caseFile.sources[0].attachments[0].mediaType = 'image/png';
    const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Images', buildDate: BUILD_DATE });
    expect(result.warnings.map((w) => w.code)).toEqual(['EXHIBIT_DAMAGED']);
    expect(result.warnings[0].message).toContain('its image data is longer than its header says');
  });

  it('bundles a TIFF whose one strip decodes to 64 MiB, and refuses one claiming 256 MiB before decoding it', async () => {
    const build = async (tiff: Uint8Array) => {
      const { caseFile, readAttachment } = oneExhibitCase(tiff, 'A scan', 'scan.tif');
      caseFile.sources[0].attachments[0].mediaType = 'image/tiff';
      return buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Scans', buildDate: BUILD_DATE });
    };
    expect((await build(await tiffBomb(8192, 8192))).warnings).toEqual([]);
    // 256 KB of file, 256 MiB of pixels: it once took 930 MB to bundle.
    const refused = await build(await tiffBomb(16384, 16383));
    expect(refused.warnings.map((w) => w.code)).toEqual(['EXHIBIT_UNSUPPORTED']);
    expect(refused.warnings[0].message).toContain('16384 × 16383 pixels, too many to decode');
  });
});
