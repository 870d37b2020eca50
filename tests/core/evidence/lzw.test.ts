/*
 * LZW decoded with a cap (src/core/evidence/lzw.ts), as TIFF strips and PDF's LZWDecode streams are: a stream
 * that claims far more than its cap is stopped there without allocating what it claims, a PDF holding one is
 * found before pdf.js (which has no cap) is given it, and its text is refused with the reason.
 */
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../src/core/evidence/extracted-text';
import { findPdfInflationBomb, RENDER_INFLATION_LIMITS } from '../../../src/core/evidence/inflate-limits';
import { LzwDamagedError, lzwDecode, lzwDecodedSize } from '../../../src/core/evidence/lzw';
import { inspectPdf } from '../../../src/core/dossier/redaction/pdf-inspect';
import { lzwSpaces, pdfLzwBomb } from '../../helpers/hostile-files';

const MiB = 1024 * 1024;

describe('LZW decoding', () => {
  it('decodes a stream exactly, codes widening from 9 to 12 bits on the way', () => {
    // 1 + 2 + … + 3,839 spaces needs every code up to 4,095: all three widenings.
    const all = (3839 * 3840) / 2;
    const decoded = lzwDecode(lzwSpaces(all), all + 10);
    expect(decoded.length).toBe(all);
    expect(decoded.every((b) => b === 0x20)).toBe(true);
    expect(lzwDecodedSize(lzwSpaces(all), all)).toBe(all);
  });

  it('stops at its cap however much the stream stands for, and measures without decoding', () => {
    const bomb = lzwSpaces(2048 * MiB);
    expect(bomb.length).toBeLessThan(MiB);
    expect(lzwDecode(bomb, MiB).length).toBe(MiB);
    expect(lzwDecodedSize(bomb, 64 * MiB)).toBeUndefined();
    expect(lzwDecodedSize(lzwSpaces(10 * MiB), 64 * MiB)).toBeGreaterThanOrEqual(10 * MiB);
  });

  it('refuses impossible codes in data it decodes, and counts damaged data up to where it breaks', () => {
    // 9-bit code 300 first: no entry 300 exists yet.
    const damaged = Buffer.from([0b10010110, 0b00000000]);
    expect(() => lzwDecode(damaged, 100)).toThrow(LzwDamagedError);
    expect(lzwDecodedSize(damaged, 100)).toBe(0);
    // A bomb with garbage after it still counts as the bomb it is.
    const bombThenGarbage = Buffer.concat([lzwSpaces(300 * MiB).subarray(0, -2), Buffer.from([0xff, 0xff, 0xff])]);
    expect(lzwDecodedSize(bombThenGarbage, 64 * MiB)).toBeUndefined();
  });

  it('finds a PDF whose LZW content stream expands past the cap, and leaves a small one alone', async () => {
    expect(await findPdfInflationBomb(pdfLzwBomb(10 * MiB))).toBeUndefined();
    expect(await findPdfInflationBomb(pdfLzwBomb(300 * MiB))).toBe('a compressed stream in it expands to more than 64 MiB');
    expect(await findPdfInflationBomb(pdfLzwBomb(300 * MiB), RENDER_INFLATION_LIMITS)).toBe('a compressed stream in it expands to more than 256 MiB');
  });

  it('refuses such a PDF’s text with the reason, on attaching and when redacting it, before pdf.js reads it', async () => {
    const bomb = pdfLzwBomb(1024 * MiB);
    const text = await extractText('0'.repeat(64), bomb, 'application/pdf');
    expect(text).toMatchObject({ pages: [], error: { message: expect.stringContaining('a compressed stream in it expands to more than 64 MiB') } });
    expect(await inspectPdf(bomb, { layout: true })).toEqual({ ok: false, reason: 'a compressed stream in it expands to more than 256 MiB' });
  }, 180_000);
});
