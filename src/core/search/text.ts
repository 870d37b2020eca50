/*
 * Turning text into search terms, the same way for what is indexed and what is typed.
 *
 * A term is a run of letters, digits and combining marks; anything else separates terms, so a no-break
 * space (U+00A0, common in copied articles), a tab or a hyphen is just a gap: "murdered sisters" finds
 * "murdered\u00a0sisters". Apostrophes inside a word join it ("don’t" → "dont") and a trailing possessive
 * is dropped ("Met’s" → "met"). Terms are lower-cased and folded to plain letters ("Zoë" → "zoe",
 * "Łukasz" → "lukasz", "Straße" → "strasse"), so accents never stop a match.
 *
 * The scanner works on char codes with a lookup table rather than a Unicode regex: indexing 100,000
 * records tokenises about 80 MB of text, and this is several times faster.
 */

/** Bumped whenever tokenising or folding changes, so a persisted index built the old way is rebuilt. */
export const TEXT_VERSION = 2; // 2: Markdown fields indexed as the text a reader sees

const WORD = 1;
const GAP = 2;
const APOSTROPHE = 3;
const classes = new Uint8Array(65_536);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function classOf(code: number): number {
  let c = classes[code];
  if (c === 0) {
    c = code === 0x27 || code === 0x2019 ? APOSTROPHE : WORD_CHAR.test(String.fromCharCode(code)) ? WORD : GAP;
    classes[code] = c;
  }
  return c;
}
for (let code = 0; code < 128; code++) classOf(code);

const SPECIAL_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŀ: 'l', ħ: 'h' };
const SPECIAL = new RegExp(`[${Object.keys(SPECIAL_FOLDS).join('')}]`, 'g');
const MARKS = /\p{M}/gu;
const NON_ASCII = /[^\x00-\x7f]/; // eslint-disable-line no-control-regex -- a plain range test

/** Lower-cases and folds one raw token to its term. */
export function foldTerm(raw: string): string {
  let term = raw.toLowerCase();
  if (NON_ASCII.test(term)) {
    term = term.normalize('NFKD').replace(MARKS, '').replace(SPECIAL, (ch) => SPECIAL_FOLDS[ch]);
    if (term.includes('’')) term = term.replace(/’/g, "'");
  }
  if (term.includes("'")) {
    if (term.endsWith("'s")) term = term.slice(0, -2);
    term = term.replace(/'/g, '');
  }
  return term;
}

/**
 * Calls `visit(term, start, end, folded)` for each term in `text`, in order; start and end are UTF-16 offsets of
 * the raw token in `text`. Surrogate pairs (rare scripts, emoji) are gaps: they cannot be classed by one
 * code unit and are never part of the words people search for.
 */
export function scanTerms(text: string, visit: (term: string, start: number, end: number, folded: boolean) => void): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    while (i < length && classOf(text.charCodeAt(i)) !== WORD) i++;
    if (i >= length) break;
    const start = i;
    let end = i;
    // Most tokens are plain lower-case ASCII: those need no folding at all.
    let plain = true;
    let upper = false;
    while (i < length) {
      const code = text.charCodeAt(i);
      const c = code < 128 ? classes[code] : classOf(code);
      if (c === WORD) {
        if (code >= 128) plain = false;
        else if (code >= 65 && code <= 90) upper = true;
        i++;
        end = i;
      } else if (c === APOSTROPHE && i + 1 < length && classOf(text.charCodeAt(i + 1)) === WORD) {
        plain = false;
        i++;
      } else break;
    }
    if (end - start > MAX_TERM_LENGTH * 2) continue;
    const raw = text.slice(start, end);
    const term = plain ? (upper ? raw.toLowerCase() : raw) : foldTerm(raw);
    // `folded`: the term is not just the raw token lower-cased (less a possessive), so a plain regex over
    // the raw text could not find it.
    if (term.length > 0 && term.length <= MAX_TERM_LENGTH) visit(term, start, end, !plain && !POSSESSIVE.test(raw));
  }
}

const POSSESSIVE = /^[A-Za-z0-9]+['’][sS]$/;

/** Terms longer than this are data (hashes, encoded blobs), not words; they are not indexed. */
export const MAX_TERM_LENGTH = 48;

export function terms(text: string): string[] {
  const out: string[] = [];
  scanTerms(text, (term) => out.push(term));
  return out;
}

/**
 * Words too common to be worth a posting list of their own. They still count inside quoted phrases,
 * which are confirmed from each document's words in order (phrase-index.ts).
 */
export const STOP_WORDS = new Set(
  `a an and are as at be but by for from had has have he her his i if in into is it its of on or our she so that the their them then there these they this to was we were which who will with you`.split(
    ' ',
  ),
);

/** Collapses every run of whitespace (including no-break spaces and newlines) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
