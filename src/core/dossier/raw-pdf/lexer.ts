/*
 * The lexical layer of the raw PDF reader (ISO 32000-1 §7.2–7.3): where a value starts and ends, which
 * indirect references it holds, and the entries of a dictionary — found by scanning bytes, without building
 * an object per token. Exhibits are copied into a dossier as the bytes they are, with references renumbered;
 * only the few dictionaries the dossier must change (page, resources, fonts) are read entry by entry.
 *
 * Anything that does not scan as well-formed PDF throws RawPdfError; the caller then falls back to pdf-lib's
 * tolerant parser, so a strict scanner costs nothing but speed on unusual files.
 */

export class RawPdfError extends Error {}

/** A value's bytes: a range in the file or in an inflated object stream. */
export interface Span {
  bytes: Uint8Array;
  start: number;
  end: number;
}

const fail = (what: string, at: number): never => {
  throw new RawPdfError(`${what} at byte ${at}`);
};

// Character classes (§7.2.2): whitespace, delimiters, and "regular" characters that make up names, numbers, keywords.
const WHITESPACE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[c] = 1;
const REGULAR = new Uint8Array(256).fill(1);
for (const c of '()<>[]{}/%') REGULAR[c.charCodeAt(0)] = 0;
for (let c = 0; c < 256; c++) if (WHITESPACE[c]) REGULAR[c] = 0;
export const isRegular = (c: number) => REGULAR[c] === 1;

const enum Ch {
  Percent = 0x25,
  LParen = 0x28,
  RParen = 0x29,
  Backslash = 0x5c,
  Less = 0x3c,
  Greater = 0x3e,
  LBracket = 0x5b,
  RBracket = 0x5d,
  Slash = 0x2f,
  LF = 0x0a,
  CR = 0x0d,
  R = 0x52,
}

/** The first byte at or after `at` that is neither whitespace nor inside a comment. */
export function skipSpace(b: Uint8Array, at: number): number {
  const n = b.length;
  while (at < n) {
    const c = b[at];
    if (WHITESPACE[c]) at++;
    else if (c === Ch.Percent) {
      while (at < n && b[at] !== Ch.LF && b[at] !== Ch.CR) at++;
    } else break;
  }
  return at;
}

/** The end of a run of regular characters (a number, a keyword, or a name's body). */
export function regularEnd(b: Uint8Array, at: number): number {
  const n = b.length;
  while (at < n && REGULAR[b[at]] === 1) at++;
  return at;
}

function literalStringEnd(b: Uint8Array, at: number): number {
  let depth = 0;
  for (let i = at; i < b.length; i++) {
    const c = b[i];
    if (c === Ch.Backslash) i++;
    else if (c === Ch.LParen) depth++;
    else if (c === Ch.RParen && --depth === 0) return i + 1;
  }
  return fail('unterminated string', at);
}

function hexStringEnd(b: Uint8Array, at: number): number {
  const end = b.indexOf(Ch.Greater, at + 1);
  return end < 0 ? fail('unterminated hex string', at) : end + 1;
}

/** An unsigned integer token's value, or -1 when the bytes are not one. */
export function integerAt(b: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

export function bytesEqual(b: Uint8Array, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Called for a reference found in a value: the bytes `start`–`end` spell "num gen R" (no object made for it). */
export type OnRef = (start: number, end: number, num: number, gen: number) => void;

/**
 * Scans one value starting at `at` (after any space) and returns where it ends; every reference inside it is
 * passed to `onRef`. Strings and comments are stepped over, so "(1 0 R)" is text, not a reference.
 */
export function scanValue(b: Uint8Array, at: number, onRef?: OnRef): number {
  at = skipSpace(b, at);
  if (at >= b.length) return fail('value expected', at);
  const c = b[at];
  if (c === Ch.LParen) return literalStringEnd(b, at);
  if (c === Ch.Slash) return regularEnd(b, at + 1);
  if (c === Ch.Less) {
    if (b[at + 1] !== Ch.Less) return hexStringEnd(b, at);
    return containerEnd(b, at + 2, Ch.Greater, onRef, true);
  }
  if (c === Ch.LBracket) return containerEnd(b, at + 1, Ch.RBracket, onRef, false);
  if (!isRegular(c)) return fail(`unexpected "${String.fromCharCode(c)}"`, at);
  const end = regularEnd(b, at);
  // "12 0 R": an integer may be the first of a reference's three tokens.
  const num = integerAt(b, at, end);
  const refEnd = num >= 0 ? referenceEnd(b, end) : -1;
  if (refEnd < 0) return end;
  onRef?.(at, refEnd, num, generationAfter(b, end));
  return refEnd;
}

/** After an integer ending at `at`: the end of " gen R" if that follows (the integer starts a reference), else -1. */
function referenceEnd(b: Uint8Array, at: number): number {
  if (generationAfter(b, at) < 0) return -1;
  const rStart = skipSpace(b, regularEnd(b, skipSpace(b, at)));
  return b[rStart] === Ch.R && !isRegular(b[rStart + 1] ?? 0x20) ? rStart + 1 : -1;
}

/** The unsigned integer after the space following `at`, or -1 (a reference's generation; nothing allocated). */
function generationAfter(b: Uint8Array, at: number): number {
  const start = skipSpace(b, at);
  const end = regularEnd(b, start);
  return end > start ? integerAt(b, start, end) : -1;
}

/** The values of an array, or the keys and values of a dictionary, up to and past the closing bracket. */
function containerEnd(b: Uint8Array, at: number, close: number, onRef: OnRef | undefined, dict: boolean): number {
  for (;;) {
    at = skipSpace(b, at);
    if (at >= b.length) return fail('unterminated dictionary or array', at);
    if (b[at] === close) {
      if (!dict) return at + 1;
      if (b[at + 1] === Ch.Greater) return at + 2;
      return fail('">>" expected', at);
    }
    at = scanValue(b, at, onRef);
  }
}

/** A dictionary's entries: each key (a name, decoded) with the byte range of its value. */
export type DictEntries = Map<string, { start: number; end: number }>;

export function readDict(b: Uint8Array, at: number): { entries: DictEntries; end: number } {
  at = skipSpace(b, at);
  if (b[at] !== Ch.Less || b[at + 1] !== Ch.Less) return fail('dictionary expected', at);
  at += 2;
  const entries: DictEntries = new Map();
  for (;;) {
    at = skipSpace(b, at);
    if (b[at] === Ch.Greater && b[at + 1] === Ch.Greater) return { entries, end: at + 2 };
    if (b[at] !== Ch.Slash) return fail('a name expected as a dictionary key', at);
    const keyEnd = regularEnd(b, at + 1);
    const key = decodeName(b, at + 1, keyEnd);
    const start = skipSpace(b, keyEnd);
    const end = scanValue(b, start);
    entries.set(key, { start, end });
    at = end;
  }
}

/** A name's characters with its #xx escapes resolved (§7.3.5). */
export function decodeName(b: Uint8Array, start: number, end: number): string {
  let escaped = false;
  for (let i = start; i < end; i++) if (b[i] === 0x23) escaped = true;
  if (!escaped) return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
  let s = '';
  for (let i = start; i < end; i++) {
    if (b[i] === 0x23 && i + 2 < end) {
      s += String.fromCharCode(parseInt(String.fromCharCode(b[i + 1], b[i + 2]), 16));
      i += 2;
    } else s += String.fromCharCode(b[i]);
  }
  return s;
}

/** What a value is, as far as the reader needs to know. */
export type Scalar = { kind: 'ref'; num: number; gen: number } | { kind: 'number'; value: number } | { kind: 'name'; value: string } | { kind: 'other' };

const OTHER: Scalar = Object.freeze({ kind: 'other' });

export function readScalar(b: Uint8Array, start: number, end: number): Scalar {
  start = skipSpace(b, start);
  if (start >= b.length) return fail('value expected', start);
  const c = b[start];
  if (c === Ch.Slash) return { kind: 'name', value: decodeName(b, start + 1, regularEnd(b, start + 1)) };
  // A dictionary, array or string is none of the scalars asked for: no need to scan it (the callers' ranges were
  // scanned when they were found), which was most of the lexer's work on a page's resources.
  const numeric = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
  if (!numeric) {
    if (c === Ch.LParen || c === Ch.Less || c === Ch.LBracket || isRegular(c)) return OTHER;
    return fail(`unexpected "${String.fromCharCode(c)}"`, start);
  }
  const tokenEnd = regularEnd(b, start);
  const num = integerAt(b, start, tokenEnd);
  if (num >= 0 && referenceEnd(b, tokenEnd) >= 0) return { kind: 'ref', num, gen: generationAfter(b, tokenEnd) };
  return numberAt(b, start, Math.min(tokenEnd, end));
}

/** A number token (§7.3.3: an optional sign, digits with at most one period), read without making a string. */
function numberAt(b: Uint8Array, start: number, end: number): Scalar {
  if (end - start > 32) return OTHER;
  let at = start;
  const negative = b[at] === 0x2d;
  if (negative || b[at] === 0x2b) at++;
  let value = 0;
  let digits = 0;
  let scale = 0;
  let period = false;
  for (; at < end; at++) {
    const c = b[at];
    if (c === 0x2e && !period) period = true;
    else if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      digits++;
      if (period) scale++;
    } else return OTHER;
  }
  if (!digits) return OTHER;
  // Up to 15 digits the division is exact to the last bit, as Number() would read the text; past that, Number().
  if (digits > 15) return { kind: 'number', value: Number(String.fromCharCode(...b.subarray(start, end))) };
  const magnitude = scale ? value / 10 ** scale : value;
  return { kind: 'number', value: negative ? -magnitude : magnitude };
}

/** The byte range of each element of the array at `start`; throws RawPdfError if the value is not an array. */
export function arrayElements(b: Uint8Array, start: number, end: number): { start: number; end: number }[] {
  start = skipSpace(b, start);
  if (b[start] !== Ch.LBracket) return fail('an array expected', start);
  const elements: { start: number; end: number }[] = [];
  let at = start + 1;
  for (;;) {
    at = skipSpace(b, at);
    if (at >= end) return fail('an unterminated array', start);
    if (b[at] === Ch.RBracket) return elements;
    const valueEnd = scanValue(b, at);
    elements.push({ start: at, end: valueEnd });
    at = valueEnd;
  }
}

/** The elements of an array, each read by `pick`; undefined if the value is not an array or `pick` refuses one. */
function readArray<T>(b: Uint8Array, start: number, end: number, pick: (value: Scalar) => T | undefined): T[] | undefined {
  if (b[skipSpace(b, start)] !== Ch.LBracket) return undefined;
  const out: T[] = [];
  for (const element of arrayElements(b, start, end)) {
    const value = pick(readScalar(b, element.start, element.end));
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}

/** The numbers of an array of direct numbers, such as a MediaBox or a /W. */
export const readNumberArray = (b: Uint8Array, start: number, end: number) => readArray(b, start, end, (v) => (v.kind === 'number' ? v.value : undefined));

/** The references of an array of references, such as /Kids or /Contents. */
export const readRefArray = (b: Uint8Array, start: number, end: number) => readArray(b, start, end, (v) => (v.kind === 'ref' ? { num: v.num, gen: v.gen } : undefined));

const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

/** The bytes of a literal "(…)" or hex "<…>" string, escapes resolved (§7.3.4); undefined for any other value. */
export function readStringBytes(b: Uint8Array, start: number, end: number): Uint8Array | undefined {
  start = skipSpace(b, start);
  const out: number[] = [];
  if (b[start] === Ch.Less && b[start + 1] !== Ch.Less) {
    const digits: number[] = [];
    for (let i = start + 1; i < end && b[i] !== Ch.Greater; i++) if (!WHITESPACE[b[i]]) digits.push(b[i]);
    if (digits.length % 2) digits.push(0x30);
    for (let i = 0; i < digits.length; i += 2) out.push(parseInt(String.fromCharCode(digits[i], digits[i + 1]), 16));
    return out.some(Number.isNaN) ? undefined : Uint8Array.from(out);
  }
  if (b[start] !== Ch.LParen) return undefined;
  const close = literalStringEnd(b, start) - 1;
  for (let i = start + 1; i < close; i++) {
    const c = b[i];
    if (c === Ch.CR) {
      out.push(0x0a); // an end of line in a string is a line feed, however it was written
      if (b[i + 1] === Ch.LF) i++;
    } else if (c !== Ch.Backslash) out.push(c);
    else {
      const e = b[++i];
      if (ESCAPES[e] !== undefined) out.push(ESCAPES[e]);
      else if (e >= 0x30 && e <= 0x37) {
        let v = e - 0x30;
        for (let k = 0; k < 2 && b[i + 1] >= 0x30 && b[i + 1] <= 0x37; k++) v = v * 8 + (b[++i] - 0x30);
        out.push(v & 0xff);
      } else if (e === Ch.CR) {
        if (b[i + 1] === Ch.LF) i++; // a backslash before an end of line continues the string
      } else if (e !== Ch.LF) out.push(e);
    }
  }
  return Uint8Array.from(out);
}

/** A text string (§7.9.2.2): UTF-16BE after its byte order mark, otherwise one byte per character. */
export function readTextString(b: Uint8Array, start: number, end: number): string | undefined {
  const bytes = readStringBytes(b, start, end);
  if (!bytes) return undefined;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  // PDFDocEncoding differs from Latin-1 only in rarely used punctuation (0x18–0x1F, 0x80–0x9F).
  return Buffer.from(bytes).toString('latin1');
}
