/* The name matcher: whole words, any case and diacritics, across line breaks and end-of-line hyphens, with offsets in the original text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNameOccurrences, foldName } from '../../src/shared/name-matcher';

const slices = (text: string, names: string[]) => findNameOccurrences(text, names).map((o) => text.slice(o.start, o.end));

describe('findNameOccurrences, the issue’s examples', () => {
  it('finds a name in capitals and an alias, with the name that matched', () => {
    const text = 'The school called police. CHILD Q was searched; Q later said so.';
    expect(findNameOccurrences(text, ['Child Q', 'Q'])).toEqual([
      { start: 26, end: 33, name: 'Child Q' },
      { start: 48, end: 49, name: 'Q' },
    ]);
  });

  it('finds a name broken across two lines, and a word broken by a hyphen at a line end', () => {
    expect(slices('statement of Jane\nDoe-Smith, taken', ['Jane Doe-Smith'])).toEqual(['Jane\nDoe-Smith']);
    expect(slices('officer Chris-\ntopher Brown said', ['Christopher Brown'])).toEqual(['Chris-\ntopher Brown']);
    expect(slices('Jane   \r\n\t Doe', ['Jane Doe'])).toEqual(['Jane   \r\n\t Doe']);
    expect(slices('Doe-Smith broken at its own hyphen: Doe-\nSmith', ['Doe-Smith'])).toEqual(['Doe-Smith', 'Doe-\nSmith']);
  });

  it('ignores case and diacritics either way, composed or decomposed, and maps offsets back to the original', () => {
    expect(slices('Zoë and ZOE and zoe\u0308 and Zoé', ['Zoe'])).toEqual(['Zoë', 'ZOE', 'zoe\u0308', 'Zoé']);
    expect(slices('Zoe was there', ['ZOË'])).toEqual(['Zoe']);
    expect(slices('Łukasz Strauß and Lukasz Strauss', ['Łukasz Strauss'])).toEqual(['Łukasz Strauß', 'Lukasz Strauss']);
    expect(slices('PC O’Brien and O\'Brien', ["O'Brien"])).toEqual(['O’Brien', "O'Brien"]);
  });

  it('matches whole words only', () => {
    expect(slices('Annabel, Hanna, Anna-Lena and Anna.', ['Anna'])).toEqual(['Anna', 'Anna']);
    expect(slices('Qatar, Q1, Q', ['Q'])).toEqual(['Q']);
    expect(slices('Brownlow and Brown', ['Brown'])).toEqual(['Brown']);
  });

  it('prefers the longer name where names overlap, and ignores empty names', () => {
    expect(findNameOccurrences('Officer W80 and W80', ['W80', 'Officer W80', '  '])).toEqual([
      { start: 0, end: 11, name: 'Officer W80' },
      { start: 16, end: 19, name: 'W80' },
    ]);
    expect(findNameOccurrences('anything', [])).toEqual([]);
    expect(findNameOccurrences('anything', ['', ' '])).toEqual([]);
  });

  it('treats characters that mean something in a pattern as plain text', () => {
    expect(slices('A.B. (Smith) and AxB. Smith', ['A.B. (Smith)'])).toEqual(['A.B. (Smith)']);
  });
});

// Words of letters, some accented, so folding has work to do.
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéèëöüçñåł'.split(''));
const word = fc.array(letter, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
const gap = fc.constantFrom(' ', '  ', '\n', ' \r\n ', '\t', '\u00A0');
const filler = fc.array(fc.oneof(word, fc.constantFrom('.', ',', ' ', '\n', '(', ')', '—', '1')), { maxLength: 12 }).map((xs) => xs.join(' '));

/** Writes a name as a document might: any case, accents added or dropped, any whitespace between words. */
const written = (n: string) =>
  fc.tuple(fc.array(fc.boolean(), { minLength: n.length, maxLength: n.length }), fc.array(gap, { minLength: 3, maxLength: 3 })).map(([upper, gaps]) => {
    let k = 0;
    const cased = Array.from(n, (c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
    return cased.split(' ').map((w, i) => (i === 0 ? w : gaps[k++ % gaps.length] + w)).join('');
  });

describe('findNameOccurrences, properties', () => {
  it('finds a name written in any case with any whitespace between filler, at exactly the place it was put', () => {
    fc.assert(
      fc.property(name, filler, filler, (n, before, after) =>
        fc.assert(
          fc.property(written(n), (w) => {
            const text = `${before} ${w} ${after}`;
            const start = before.length + 1;
            const found = findNameOccurrences(text, [n]);
            expect(found).toContainEqual({ start, end: start + w.length, name: n });
          }),
          { numRuns: 3 },
        ),
      ),
      { numRuns: 150 },
    );
  });

  it('every occurrence found is the name, folded, with its whitespace and line-end hyphens taken out', () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 3 }), fc.array(fc.oneof(word, name, gap), { maxLength: 30 }), (names, parts) => {
        const text = parts.join(' ');
        const wanted = new Set(names.map(foldName).map((f) => f.replace(/\s+/g, ' ')));
        for (const o of findNameOccurrences(text, names)) {
          const seen = foldName(text.slice(o.start, o.end).replace(/-[^\S\n]*\n\s*/g, '')).replace(/\s+/g, ' ');
          expect(wanted.has(seen)).toBe(true);
          expect(foldName(o.name).replace(/\s+/g, ' ')).toBe(seen);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never finds a name glued to a letter on either side', () => {
    fc.assert(
      fc.property(word, letter, letter, (n, a, b) => {
        expect(findNameOccurrences(`${a}${n} ${n}${b} ${a}${n}${b}`, [n])).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('occurrences are in order and never overlap', () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(word, name, gap), { maxLength: 40 }), (names, parts) => {
        const found = findNameOccurrences(parts.join(' '), names);
        for (let i = 1; i < found.length; i++) expect(found[i].start).toBeGreaterThanOrEqual(found[i - 1].end);
        for (const o of found) expect(o.end).toBeGreaterThan(o.start);
      }),
      { numRuns: 300 },
    );
  });
});
