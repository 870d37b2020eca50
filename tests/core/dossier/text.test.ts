import { describe, expect, it } from 'vitest';
import { FontSet } from '../../../src/core/dossier/typesetting/fonts';
import { truncate, wrap, type Span } from '../../../src/core/dossier/typesetting/text';
import { STYLES } from '../../../src/core/dossier/typesetting/theme';
import { LONG_URL, UNICODE_LINE, longText } from './fixtures';

const fonts = new FontSet();
const span = (text: string, style = STYLES.body): Span => ({ text, style });
const lineText = (l: ReturnType<typeof wrap>[number]) => l.fragments.map((f) => f.text).join('');

describe('line wrapping', () => {
  it('fills lines without exceeding the width and loses no words', () => {
    const text = longText(600);
    const lines = wrap([span(text)], 300, fonts);
    expect(lines.length).toBeGreaterThan(20);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(300.001);
    expect(lines.map(lineText).join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it('sets runs of spaces and tabs as one space, and joins a style continued over several spans', () => {
    const spans = [span('Three  spaces\tand a tab, then'), span(' the same style in a second span,'), span(' italic', STYLES.bodyItalic), span(' and back.')];
    const [line, ...rest] = wrap(spans, 2000, fonts);
    expect(rest).toEqual([]);
    expect(line.fragments.map((f) => f.text)).toEqual(['Three spaces and a tab, then the same style in a second span,', ' italic', ' and back.']);
    // Each fragment's width is what its text measures, and fragments sit side by side.
    for (const f of line.fragments) expect(f.width).toBeCloseTo(fonts.measure(f.text, f.style), 6);
    expect(line.fragments[1].x).toBeCloseTo(line.fragments[0].width, 6);
    expect(line.width).toBeCloseTo(line.fragments.reduce((sum, f) => sum + f.width, 0), 6);
  });

  it('breaks a 400-character URL after separators so that every piece fits', () => {
    const lines = wrap([span(`See ${LONG_URL} for details`)], 200, fonts);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(200.001);
    expect(lines.map(lineText).join('')).toContain(LONG_URL);
    // Breaks fall after a slash or hyphen wherever the line has room for one.
    const inner = lines.slice(1, -2).map(lineText);
    expect(inner.every((t) => /[/\-?=&.]$/.test(t))).toBe(true);
  });

  it('keeps a file name’s extension with the name: breaks after a hyphen, not before “txt”', () => {
    const name = 'the-met-is-in-special-measures.txt';
    const width = fonts.measure('the-met-is-in-special-measures.', STYLES.table) + 1;
    const lines = wrap([span(name, STYLES.table)], width, fonts).map(lineText);
    expect(lines.join('')).toBe(name);
    expect(lines[lines.length - 1]).toMatch(/^[a-z-]*measures\.txt$/);
  });

  it('breaks an unbroken run of characters between characters when it must', () => {
    const lines = wrap([span('x'.repeat(500))], 100, fonts);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(100.001);
  });

  it('keeps styles on the fragments of a line and honours hard breaks', () => {
    const lines = wrap([span('plain '), span('bold', STYLES.bodyBold), span(' more\nnext line')], 400, fonts);
    expect(lines).toHaveLength(2);
    expect(lines[0].fragments.map((f) => f.style.face)).toEqual(['serif', 'serif-bold', 'serif']);
    expect(lineText(lines[1])).toBe('next line');
  });

  it('measures decomposed and composed "Zoë" the same, and wider text as wider', () => {
    const composed = wrap([span('Zoë')], 400, fonts)[0].width;
    const decomposed = wrap([span('Zoe\u0308')], 400, fonts)[0].width;
    expect(decomposed).toBeCloseTo(composed, 5);
    expect(fonts.measure(UNICODE_LINE, STYLES.body)).toBeGreaterThan(fonts.measure('Zoë', STYLES.body));
  });

  it('drops invisible characters pasted from the web rather than printing them as boxes', () => {
    const set = new FontSet();
    const lines = wrap([span('zero\u200Bwidth soft\u00ADhyphen')], 400, set);
    expect(lineText(lines[0])).toBe('zerowidth softhyphen');
  });

  it('truncates a running header with an ellipsis', () => {
    const t = truncate('A'.repeat(300), STYLES.furniture, 100, fonts);
    expect(t.endsWith('…')).toBe(true);
    expect(fonts.measure(t, STYLES.furniture)).toBeLessThanOrEqual(100);
  });
});

describe('glyph coverage', () => {
  it('draws Greek and Cyrillic from the serif face and records characters no face has', () => {
    const set = new FontSet();
    set.encode('Αθηνά Дмитрий', 'serif');
    expect(set.missing.size).toBe(0);
    set.encode('中文', 'serif');
    expect([...set.missing]).toEqual(['中', '文']);
  });

  it('notices right-to-left text, which it cannot shape', () => {
    const set = new FontSet();
    set.encode('Latin only', 'serif');
    expect(set.rightToLeftSeen).toBe(false);
    set.encode('שלום', 'serif');
    expect(set.rightToLeftSeen).toBe(true);
  });

  it('falls back to DejaVu Sans for characters the serif lacks', () => {
    const set = new FontSet();
    const runs = set.encode('a\u203bb', 'serif'); // ※ is in DejaVu Sans only
    expect(runs.map((r) => r.face)).toEqual(['serif', 'sans', 'serif']);
    expect(set.missing.size).toBe(0);
  });
});
