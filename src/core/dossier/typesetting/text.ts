/*
 * Inline text: styled spans, and breaking them into lines of a given width.
 *
 * Greedy line filling, left-aligned (justification would need per-glyph spacing, since Tw does not apply to
 * two-byte fonts). Lines break at spaces; a single word wider than the line — a 400-character URL, a SHA-256 —
 * breaks after a slash, hyphen or other separator, or between any two characters if it must, so nothing ever
 * runs past the margin. Each measured word is cached by the FontSet, so a long document measures each word once.
 */
import type { FontSet } from './fonts';
import type { TextStyle } from './theme';

export type LinkTarget = { kind: 'uri'; uri: string } | { kind: 'dest'; anchor: string };

/** A reference to the page an anchor lands on, formatted once page numbers are known. */
export interface PageRef {
  anchor: string;
  format: (page: number) => string;
}

export interface Span {
  text: string;
  style: TextStyle;
  link?: LinkTarget;
  /** When set, the text is produced from the page number of the anchor (the `text` field is ignored). */
  ref?: PageRef;
}

export interface LineFragment {
  text: string;
  style: TextStyle;
  link?: LinkTarget;
  /** Offset from the line's start, in points. */
  x: number;
  width: number;
}

export interface Line {
  fragments: LineFragment[];
  width: number;
  /** Baseline-to-baseline height of this line: the largest leading on it. */
  height: number;
  /** The largest font size on it, for placing the baseline. */
  size: number;
}

/** Resolves page references; before page numbers are known it returns undefined and a placeholder is measured. */
export type RefResolver = (anchor: string) => number | undefined;

/**
 * A word (or a space, or part of a word in one style) as measured. `source`/`start` say where its text lies in the
 * span's cleaned text, so a line's fragment can be cut from that text in one slice instead of being concatenated
 * word by word: a concatenated fragment is a tree of one small string per word, which held most of a 3,000-page
 * dossier's laid-out pages in memory (see bench/README.md, "dossrss").
 */
interface Piece {
  text: string;
  style: TextStyle;
  link?: LinkTarget;
  width: number;
  source?: string;
  start?: number;
}

interface Word {
  pieces: Piece[];
  width: number;
  /** The space before this word (collapsed to one), or undefined at the start of a line or after a hard break. */
  space?: Piece;
  hardBreakBefore: boolean;
}

const BREAK_AFTER = new Set(['/', '-', '?', '&', '=', '_', '.', ',', ';', ':', '#', '|', '\u2010', '\u2013', '\u2014']);

export function resolveSpans(spans: Span[], resolve: RefResolver, placeholderDigits: number): Span[] {
  // Most paragraphs have no page reference: the same list, not a copy of it.
  if (!spans.some((s) => s.ref)) return spans;
  return spans.map((s) => {
    if (!s.ref) return s;
    const page = resolve(s.ref.anchor);
    return { text: s.ref.format(page ?? Number('8'.repeat(placeholderDigits))), style: s.style, link: s.link };
  });
}

const SPACE_CODE = 0x20;
const NEWLINE_CODE = 0x0a;

/** Text that cleanText leaves as it is: printable ASCII and line feeds (NFC changes no ASCII character). */
const ALREADY_CLEAN = /^[\x20-\x7e\n]*$/;

/** A span's text as it is typeset. */
function cleanText(text: string): string {
  // One scan for the usual case instead of four (normalising, then three replacements).
  if (ALREADY_CLEAN.test(text)) return text;
  // NFC keeps "Zoë" as one code point whichever way it was typed; tabs become spaces; invisible format
  // characters pasted from the web (soft hyphen, zero-width space and joiners, BOM) would print as boxes.
  return text
    .normalize('NFC')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\t/g, ' ')
    .replace(/\r\n?/g, '\n');
}

function toWords(spans: Span[], fonts: FontSet): Word[] {
  const words: Word[] = [];
  let current: Word | undefined;
  let pendingSpace: Piece | undefined;
  let pendingBreak = false;
  for (const span of spans) {
    const text = cleanText(span.text);
    // Scanned by index rather than split: runs of spaces and line breaks separate words; only the words are cut out.
    let i = 0;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === NEWLINE_CODE) {
        // A second break in a row is a blank line: an empty word carries it.
        if (pendingBreak) words.push({ pieces: [], width: 0, hardBreakBefore: true });
        current = undefined;
        pendingSpace = undefined;
        pendingBreak = true;
        i++;
        continue;
      }
      if (code === SPACE_CODE) {
        current = undefined;
        if (!pendingSpace) pendingSpace = { text: ' ', style: span.style, link: span.link, width: fonts.spaceWidth(span.style), source: text, start: i };
        while (i < text.length && text.charCodeAt(i) === SPACE_CODE) i++;
        continue;
      }
      const start = i;
      while (i < text.length && text.charCodeAt(i) !== SPACE_CODE && text.charCodeAt(i) !== NEWLINE_CODE) i++;
      const part = text.slice(start, i);
      const piece: Piece = { text: part, style: span.style, link: span.link, width: fonts.measure(part, span.style), source: text, start };
      if (current) {
        current.pieces.push(piece);
        current.width += piece.width;
      } else {
        current = { pieces: [piece], width: piece.width, space: pendingSpace, hardBreakBefore: pendingBreak };
        words.push(current);
        pendingSpace = undefined;
        pendingBreak = false;
      }
    }
  }
  if (pendingBreak) words.push({ pieces: [], width: 0, hardBreakBefore: true });
  return words;
}

/** Splits a word too wide for `width` into chunks that fit, preferring to break after separators. */
function splitWord(word: Word, width: number, fonts: FontSet): Piece[][] {
  const chars: { ch: string; piece: Piece; w: number }[] = [];
  for (const piece of word.pieces) {
    for (const ch of piece.text) chars.push({ ch, piece, w: fonts.measure(ch, piece.style) });
  }
  // A file name's extension stays with the name before it: "special-measures.txt" breaks after a hyphen
  // rather than leaving "txt" alone on a line.
  const lastDot = chars.map((c) => c.ch).lastIndexOf('.');
  const extensionDot = lastDot > 0 && chars.length - lastDot - 1 <= 5 && /^[A-Za-z0-9]+$/.test(chars.slice(lastDot + 1).map((c) => c.ch).join('')) ? lastDot : -1;
  const chunks: Piece[][] = [];
  let start = 0;
  while (start < chars.length) {
    let used = 0;
    let end = start;
    let lastBreak = -1;
    while (end < chars.length && (used + chars[end].w <= width || end === start)) {
      used += chars[end].w;
      if (BREAK_AFTER.has(chars[end].ch) && end > start && end !== extensionDot) lastBreak = end + 1;
      end++;
    }
    // Break at a separator if that keeps at least a third of the line filled; otherwise between characters.
    if (end < chars.length && lastBreak > start && lastBreak - start >= (end - start) / 3) end = lastBreak;
    chunks.push(regroup(chars.slice(start, end), fonts));
    start = end;
  }
  return chunks;
}

function regroup(chars: { ch: string; piece: Piece; w: number }[], fonts: FontSet): Piece[] {
  const pieces: Piece[] = [];
  for (const c of chars) {
    const last = pieces[pieces.length - 1];
    if (last && last.style === c.piece.style && last.link === c.piece.link) last.text += c.ch;
    else pieces.push({ text: c.ch, style: c.piece.style, link: c.piece.link, width: 0 });
  }
  for (const p of pieces) p.width = fonts.measure(p.text, p.style);
  return pieces;
}

export interface WrapOptions {
  /** Width of the first line when it differs (a hanging label, a dot leader's number column). */
  firstLineWidth?: number;
}

/**
 * Lines of a paragraph that is laid out more than once (a flow with page references is laid out again until its
 * page numbers settle; a table's first row is measured before it is laid out): wrapped once per width and font
 * set, the same lines given each time. Keyed by the paragraph's span list itself (the blocks outlive the passes);
 * lines are never changed once wrapped, so they can be shared. A paragraph with a page reference is wrapped every
 * time through `resolve`, since its text depends on the pass. Not for flows typeset once, whose lines are let go
 * page by page: kept here, they would live as long as the blocks.
 */
export function wrapForPasses(spans: Span[], width: number, fonts: FontSet, resolve: (spans: Span[]) => Span[]): Line[] {
  if (spans.some((s) => s.ref)) return wrap(resolve(spans), width, fonts);
  let known = wrappedForPasses.get(spans);
  if (known?.fonts !== fonts) {
    known = { fonts, byWidth: new Map() };
    wrappedForPasses.set(spans, known);
  }
  let lines = known.byWidth.get(width);
  if (!lines) {
    lines = wrap(spans, width, fonts);
    known.byWidth.set(width, lines);
  }
  return lines;
}

const wrappedForPasses = new WeakMap<Span[], { fonts: FontSet; byWidth: Map<number, Line[]> }>();

/** Breaks spans into lines no wider than `width`. An empty span list gives no lines. */
export function wrap(spans: Span[], width: number, fonts: FontSet, options: WrapOptions = {}): Line[] {
  const words = toWords(spans, fonts);
  const lines: Line[] = [];
  let pieces: Piece[] = [];
  let lineWidth = 0;
  // The width the line being filled may take: the first line's own width until a line is done.
  let limit = options.firstLineWidth ?? width;
  const flush = () => {
    lines.push(buildLine(pieces, spans));
    pieces = [];
    lineWidth = 0;
    limit = width;
  };
  for (const word of words) {
    if (word.hardBreakBefore && (pieces.length || lines.length || word.pieces.length === 0)) flush();
    if (word.pieces.length === 0) continue;
    const gap = pieces.length && word.space ? word.space.width : 0;
    if (lineWidth + gap + word.width <= limit + 0.001) {
      if (gap) pieces.push(word.space!);
      for (const piece of word.pieces) pieces.push(piece);
      lineWidth += gap + word.width;
      continue;
    }
    if (pieces.length) flush();
    if (word.width <= limit + 0.001) {
      for (const piece of word.pieces) pieces.push(piece);
      lineWidth = word.width;
      continue;
    }
    const chunks = splitWord(word, limit, fonts);
    chunks.forEach((chunk, i) => {
      pieces.push(...chunk);
      lineWidth = chunk.reduce((sum, p) => sum + p.width, 0);
      if (i < chunks.length - 1) flush();
    });
  }
  if (pieces.length) flush();
  return lines;
}

function buildLine(pieces: Piece[], spans: Span[]): Line {
  const fragments: LineFragment[] = [];
  let x = 0;
  let first = 0;
  let fragmentX = 0;
  let fragmentWidth = 0;
  for (let i = 0; i <= pieces.length; i++) {
    const p = pieces[i];
    const open = pieces[first];
    if (p && i > first && p.style === open.style && p.link === open.link) {
      fragmentWidth += p.width;
      x += p.width;
      continue;
    }
    if (i > first) fragments.push({ text: fragmentText(pieces, first, i), style: open.style, link: open.link, x: fragmentX, width: fragmentWidth });
    if (!p) break;
    first = i;
    fragmentX = x;
    fragmentWidth = p.width;
    x += p.width;
  }
  // An empty line (a blank line in plain text) still takes the height of the paragraph's style.
  let height = 0;
  let size = 0;
  if (fragments.length) {
    for (const f of fragments) {
      height = Math.max(height, f.style.leading);
      size = Math.max(size, f.style.size);
    }
  } else if (spans.length) {
    height = Math.max(0, spans[0].style.leading);
    size = Math.max(0, spans[0].style.size);
  }
  return { fragments, width: x, height, size };
}

/**
 * The text of pieces `from`…`to`: one slice of the span's text when they lie there side by side (a run of words with
 * single spaces between them, the usual case), else joined into one flat string.
 */
function fragmentText(pieces: Piece[], from: number, to: number): string {
  const head = pieces[from];
  if (to - from === 1) return head.text;
  const { source, start } = head;
  let end = start ?? 0;
  let contiguous = source !== undefined;
  for (let i = from; i < to && contiguous; i++) {
    const p = pieces[i];
    contiguous = p.source === source && p.start === end;
    end += p.text.length;
  }
  if (contiguous) return source!.slice(start, end);
  const texts: string[] = [];
  for (let i = from; i < to; i++) texts.push(pieces[i].text);
  return texts.join('');
}

/** Cuts `text` to fit `width`, ending with an ellipsis: for one-line furniture such as the running header. */
export function truncate(text: string, style: TextStyle, width: number, fonts: FontSet): string {
  const clean = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (fonts.measure(clean, style) <= width) return clean;
  const chars = [...clean];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fonts.measure(chars.slice(0, mid).join('').trimEnd() + '…', style) <= width) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}
