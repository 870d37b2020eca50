/*
 * The built programs' fontkit (scripts/lazy-fontkit.js): fontkit with its Brotli dictionary and Unicode tries
 * built on first use. It must apply to the fontkit package.json pins (else the build silently ships the slow
 * one), be the fontkit the built chunks resolve, and give the same results as the original, in the calls the
 * dossier engine makes (TrueType subsets) and in the ones that now decompress late (WOFF2, shaping).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const requireFromHere = createRequire(import.meta.url);
const builtChunks = path.join(root, 'out', 'node', 'chunks');
const lazyPath = path.join(root, 'out', 'node', 'node_modules', '@pdf-lib', 'fontkit', 'dist', 'fontkit.umd.js');

const original = requireFromHere('@pdf-lib/fontkit') as typeof Fontkit;
// vitest's global set-up has just run scripts/build-node.js, which wrote the copy.
const lazy = requireFromHere(lazyPath) as typeof Fontkit;

function subsetBytes(fontkit: typeof Fontkit, file: string, text: string): Promise<Buffer> {
  const font = fontkit.create(readFileSync(file));
  const subset = font.createSubset();
  for (const ch of text) subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!).id);
  const parts: Uint8Array[] = [];
  return new Promise((resolve) => subset.encodeStream().on('data', (chunk: Uint8Array) => parts.push(chunk)).on('end', () => resolve(Buffer.concat(parts))));
}

describe('the built programs’ fontkit', () => {
  it('is made from the installed fontkit and is the one the built chunks load', async () => {
    const { makeFontkitLazy } = (await import(path.join(root, 'scripts', 'lazy-fontkit.js'))) as { makeFontkitLazy: (source: string) => string | undefined };
    const source = readFileSync(requireFromHere.resolve('@pdf-lib/fontkit'), 'utf8');
    const made = makeFontkitLazy(source);
    expect(made, 'scripts/lazy-fontkit.js no longer matches this fontkit: update its CHANGES').toBeDefined();
    expect(readFileSync(lazyPath, 'utf8')).toBe(made);
    expect(made).not.toContain('\tdictionary.init(BrotliDecompressBuffer);');

    const chunk = readdirSync(builtChunks).find((file) => file.endsWith('.js'))!;
    expect(createRequire(path.join(builtChunks, chunk)).resolve('@pdf-lib/fontkit')).toBe(lazyPath);
  });

  it('writes the same TrueType subsets as fontkit itself', async () => {
    const text = 'Sarah Everard — “Ελληνικά”, кириллица, ½ № ∑ fi';
    for (const face of ['DejaVuSerif.ttf', 'DejaVuSans-Bold.ttf']) {
      const file = requireFromHere.resolve(`dejavu-fonts-ttf/ttf/${face}`);
      const [a, b] = [await subsetBytes(original, file, text), await subsetBytes(lazy, file, text)];
      expect(b.length).toBeGreaterThan(1000);
      expect(b.equals(a)).toBe(true);
    }
  });

  it('still reads WOFF2 (the Brotli dictionary, built late) and shapes text (the Unicode tries, built late)', () => {
    const fonts = path.join(path.dirname(requireFromHere.resolve('@fontsource-variable/inter/package.json')), 'files');
    const woff2 = path.join(fonts, readdirSync(fonts).find((file) => file.endsWith('latin-standard-normal.woff2'))!);
    const glyphs = (fontkit: typeof Fontkit) => {
      const font = fontkit.create(readFileSync(woff2));
      return font.layout('Office affairs, naïve').glyphs.map((g) => [g.id, Math.round(g.advanceWidth)]);
    };
    const expected = glyphs(original);
    expect(expected.length).toBeGreaterThan(10);
    expect(glyphs(lazy)).toEqual(expected);
    const serif = (fontkit: typeof Fontkit) => fontkit.create(readFileSync(requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))).layout('Ελληνικά ﬁne').glyphs.map((g) => g.id);
    expect(serif(lazy)).toEqual(serif(original));
  });
});
