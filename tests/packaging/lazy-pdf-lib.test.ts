/*
 * pdf-lib's standard-font encodings in the built programs (scripts/lazy-pdf-lib.js): made on first use instead of
 * at load. The change must apply to the @pdf-lib/standard-fonts package.json pins (else the build silently ships
 * the eager one), be what the built chunks hold, and give the same encodings as the original, object for object.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const requireFromHere = createRequire(import.meta.url);
const encodingFile = path.join(path.dirname(requireFromHere.resolve('@pdf-lib/standard-fonts/package.json')), 'lib', 'Encoding.js');

interface Encoding {
  name: string;
  supportedCodePoints: number[];
  canEncodeUnicodeCodePoint(codePoint: number): boolean;
  encodeUnicodeCodePoint(codePoint: number): { code: number; name: string };
}
type Encodings = Record<'Symbol' | 'ZapfDingbats' | 'WinAnsi', Encoding>;

/** Runs a version of Encoding.js as CommonJS beside the original (its own requires resolve from there). */
function evaluate(source: string): Encodings {
  const module = { exports: {} as { Encodings: Encodings } };
  new Function('exports', 'require', 'module', source)(module.exports, createRequire(encodingFile), module);
  return module.exports.Encodings;
}

async function makeEncodingsLazy(source: string): Promise<string | undefined> {
  const plugin = (await import(path.join(root, 'scripts', 'lazy-pdf-lib.js'))) as { makeEncodingsLazy: (source: string) => string | undefined };
  return plugin.makeEncodingsLazy(source);
}

describe('pdf-lib’s standard-font encodings in the built programs', () => {
  it('are made lazily from the installed package, and the built chunks hold that version', async () => {
    const lazy = await makeEncodingsLazy(readFileSync(encodingFile, 'utf8'));
    expect(lazy, 'scripts/lazy-pdf-lib.js no longer matches this @pdf-lib/standard-fonts: update it').toBeDefined();
    expect(lazy).not.toContain('var decompressedEncodings =');
    // vitest's global set-up has just run scripts/build-node.js.
    const chunks = path.join(root, 'out', 'node', 'chunks');
    const built = readdirSync(chunks).filter((file) => file.endsWith('.js')).map((file) => readFileSync(path.join(chunks, file), 'utf8'));
    const withPdfLib = built.filter((text) => text.includes('ZapfDingbats'));
    expect(withPdfLib.length).toBeGreaterThan(0);
    for (const text of withPdfLib) {
      expect(text).toContain('allUnicodeMappingsMade');
      expect(text).not.toContain('var decompressedEncodings =');
    }
  });

  it('give the same encodings as the original, each made once', async () => {
    const source = readFileSync(encodingFile, 'utf8');
    const [original, lazy] = [evaluate(source), evaluate((await makeEncodingsLazy(source))!)];
    expect(Object.keys(lazy)).toEqual(Object.keys(original));
    for (const name of ['Symbol', 'ZapfDingbats', 'WinAnsi'] as const) {
      expect(lazy[name]).toBe(lazy[name]);
      expect(lazy[name].name).toBe(name);
      expect(lazy[name].supportedCodePoints.length).toBeGreaterThan(150);
      expect(lazy[name].supportedCodePoints).toEqual(original[name].supportedCodePoints);
      for (const codePoint of original[name].supportedCodePoints) expect(lazy[name].encodeUnicodeCodePoint(codePoint)).toEqual(original[name].encodeUnicodeCodePoint(codePoint));
      expect(lazy[name].canEncodeUnicodeCodePoint(0x4e00)).toBe(false);
    }
    expect(lazy.WinAnsi.encodeUnicodeCodePoint(0x20ac)).toEqual({ code: 128, name: 'Euro' });
  });

  it('leave a standard-fonts it does not know unchanged', async () => {
    expect(await makeEncodingsLazy('exports.Encodings = {};')).toBeUndefined();
  });
});
