/*
 * The built programs are ASCII (scripts/ascii-output.js), so V8 holds their source one byte a character: a single
 * em dash in a comment made it keep a whole chunk as two-byte text, ~3 MB more of a fresh dossier's peak memory.
 * The escapes must not change what the program does.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script, without type declarations
import { asciiSource } from '../../scripts/ascii-output.js';

const outDir = path.resolve(__dirname, '../../out/node');
const importText = (code: string) => import(`data:text/javascript,${encodeURIComponent(code)}`);

describe('the built programs’ source', () => {
  it('is ASCII in every file Node loads, including the chunks with em dashes in comments and curly quotes in regexes', () => {
    // vitest's global set-up has just run scripts/build-node.js.
    const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(10);
    const engine = files.map((f) => readFileSync(path.join(outDir, f), 'utf8')).find((code) => code.includes('// src/core/dossier/typesetting/text.ts'));
    expect(engine, 'the dossier engine’s chunk').toBeDefined();
    for (const file of files) expect(readFileSync(path.join(outDir, file), 'utf8'), file).not.toMatch(/[\u0080-\uffff]/);
  });
});

describe('asciiSource', () => {
  const source = [
    '// a comment — with a dash',
    'export const quotes = /[’”]\\’/;',
    'export const astral = /^[😀’]$/u;',
    "export const text = 'é\\’😀';",
    '/** a doc comment … */',
    'export const cooked = () => `t’${1}`;',
    'export const raw = String.raw`r’\\’`;',
  ].join('\n');

  it('escapes comments, regular expressions and strings, and leaves template literals as they are', () => {
    const { text, left } = asciiSource(source);
    expect(text).toContain('// a comment \\u2014 with a dash');
    expect(text).toContain('/[\\u2019\\u201d]\\u2019/');
    expect(text).toContain('String.raw`r’\\’`');
    expect(left).toBe(3); // the two template literals' quotes (raw text a tagged template would see) and the raw one
  });

  it('gives values and patterns that behave exactly as the originals', async () => {
    const [before, after] = await Promise.all([importText(source), importText(asciiSource(source).text)]);
    for (const name of ['text', 'raw']) expect(after[name]).toBe(before[name]);
    expect(after.cooked()).toBe(before.cooked());
    for (const input of ['’’', '”’', '’\\’', 'x’']) expect(after.quotes.test(input)).toBe(before.quotes.test(input));
    for (const input of ['😀', '’', '\ud83d', 'x']) expect(after.astral.test(input)).toBe(before.astral.test(input));
    expect(after.astral.test('😀')).toBe(true);
  });

  it('leaves an ASCII file untouched', () => {
    const ascii = 'export const a = 1; // plain\n';
    expect(asciiSource(ascii)).toEqual({ text: ascii, left: 0 });
  });
});
