/*
 * Finding people's names in text: the one matcher behind mentions, highlighting, the `person:` search
 * filter and redaction, so that what the window shows as a mention is exactly what a redacted dossier
 * replaces. A name matches as whole words, whatever the case and diacritics ("Zoe" finds "ZOË"), across
 * line breaks and runs of whitespace between its words, and across a hyphen at the end of a line inside a
 * word ("Chris-\ntopher"), as text extracted from PDFs often has. Offsets are in the original text.
 */

export interface NameOccurrence {
  /** UTF-16 offsets in the text searched: text.slice(start, end) is what was written. */
  start: number;
  end: number;
  /** The name (as given) that matched. */
  name: string;
}

/** Letters that carry no combining mark to strip but are commonly written without their stroke or ligature. */
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ı: 'i',
  // Typographic apostrophes and hyphens are written either way.
  '\u2019': "'", '\u2018': "'", '\u02BC': "'", '\u2010': '-', '\u2011': '-',
  // A soft hyphen is invisible: a word broken by one is still the word.
  '\u00AD': '',
};

const MARKS = /\p{M}/gu;

/** One character (code point) folded for comparison: no marks, lower case, ligatures and strokes spelled out. */
function foldCodePoint(c: string): string {
  const folded = FOLDED_LETTERS[c];
  if (folded !== undefined) return folded;
  return c.normalize('NFD').replace(MARKS, '').toLowerCase().replace(MARKS, '');
}

/** Text folded for comparison, with each folded character's span in the original. */
interface FoldedText {
  folded: string;
  starts: number[];
  ends: number[];
}

function foldText(text: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const c of text) {
    const out = foldCodePoint(c);
    const next = i + c.length;
    if (out.length === 0) {
      // A combining mark (or soft hyphen) belongs to the character before it: a match ending there includes it.
      if (ends.length > 0 && ends[ends.length - 1] === i) ends[ends.length - 1] = next;
    } else {
      for (let k = 0; k < out.length; k++) {
        folded += out[k];
        starts.push(i);
        ends.push(next);
      }
    }
    i = next;
  }
  return { folded, starts, ends };
}

/** A name folded the same way, as one string. */
export function foldName(name: string): string {
  let out = '';
  for (const c of name) out += foldCodePoint(c);
  return out.trim();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
/** Inside a word: a hyphen at a line end, then the rest of the word on the next line. */
const LINE_END_HYPHEN = '(?:-[^\\S\\r\\n]*\\r?\\n\\s*)?';

/** The pattern for one folded name: its words separated by any whitespace, each word breakable at a line end. */
function namePattern(folded: string): string {
  return folded
    .split(/\s+/)
    .map((word) =>
      Array.from(word)
        .map((c) => (c === '-' ? '-\\s*' : escapeRegExp(c)))
        .join(LINE_END_HYPHEN),
    )
    .join('\\s+');
}

/** A word character for the whole-word rule: letters and digits of any script. */
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

/**
 * Every occurrence of any of `names` in `text`, in order, never overlapping; where two names match at the
 * same place the longer wins ("Child Q" over "Q"). Empty names are ignored.
 */
export function findNameOccurrences(text: string, names: readonly string[]): NameOccurrence[] {
  const byFolded = new Map<string, string>();
  for (const name of names) {
    const folded = foldName(name);
    if (folded.length > 0 && !byFolded.has(folded)) byFolded.set(folded, name);
  }
  if (byFolded.size === 0 || text.length === 0) return [];
  // Longest first, so at any position the alternation tries the longer name before a shorter one.
  const entries = [...byFolded.entries()].sort((a, b) => b[0].length - a[0].length);
  const pattern = new RegExp(`${BEFORE}(?:${entries.map(([f]) => `(${namePattern(f)})`).join('|')})${AFTER}`, 'gu');
  const { folded, starts, ends } = foldText(text);
  const found: NameOccurrence[] = [];
  for (const match of folded.matchAll(pattern)) {
    const group = match.findIndex((g, index) => index > 0 && g !== undefined);
    const from = match.index;
    const to = from + match[0].length;
    found.push({ start: starts[from], end: ends[to - 1], name: entries[group - 1][1] });
  }
  return found;
}

/** True when any of `names` occurs in `text` (the same matching as findNameOccurrences). */
export function mentionsAnyName(text: string, names: readonly string[]): boolean {
  return findNameOccurrences(text, names).length > 0;
}
