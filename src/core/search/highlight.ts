/*
 * Where the query matched, as offsets into plain text, and the passage worth showing: the stretch of about
 * 200 characters in the best field that holds the most matches. Whitespace in what is returned is
 * collapsed (newlines, no-break spaces, runs of spaces become one space), and offsets refer to the text
 * exactly as returned. Matches are found on the raw field and only the chosen window is collapsed, so a
 * long note costs one scan.
 */
import type { SearchPassage, TextRange } from '../../shared/api/search-types';
import { FIELD_WEIGHTS, type Field } from './documents';
import { scanTerms } from './text';

export interface HighlightSpec {
  /** Folded index terms that count as matches: what was typed and the completions and near-misses it matched. */
  terms: ReadonlySet<string>;
  /** Folded term sequences that must appear together. */
  phrases: readonly (readonly string[])[];
}

export function findMatches(text: string, spec: HighlightSpec): TextRange[] {
  const ranges: TextRange[] = [];
  if (spec.phrases.length === 0) {
    scanTerms(text, (term, start, end) => {
      if (spec.terms.has(term)) ranges.push({ start, end });
    });
    return ranges;
  }
  const tokens: { term: string; start: number; end: number }[] = [];
  scanTerms(text, (term, start, end) => tokens.push({ term, start, end }));
  for (const t of tokens) if (spec.terms.has(t.term)) ranges.push({ start: t.start, end: t.end });
  for (const phrase of spec.phrases) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      let k = 0;
      while (k < phrase.length && tokens[i + k].term === phrase[k]) k++;
      if (k === phrase.length) ranges.push({ start: tokens[i].start, end: tokens[i + phrase.length - 1].end });
    }
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: TextRange[]): TextRange[] {
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TextRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

export function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * text.slice(start, end) with whitespace runs collapsed to one space and the ends trimmed, and `ranges`
 * (offsets into `text`, within the slice) moved to match.
 */
export function collapseSlice(text: string, start: number, end: number, ranges: readonly TextRange[]): { text: string; matches: TextRange[] } {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const map = new Int32Array(end - start + 1);
  let out = '';
  let pending = false;
  let runStart = start;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      if (!pending) {
        out += text.slice(runStart, i);
        pending = true;
      }
      map[i - start] = out.length;
      continue;
    }
    if (pending) {
      out += ' ';
      runStart = i;
      pending = false;
    }
    map[i - start] = out.length + (i - runStart);
  }
  if (!pending) out += text.slice(runStart, end);
  map[end - start] = out.length;
  const matches = ranges.filter((r) => r.start >= start && r.end <= end).map((r) => ({ start: map[r.start - start], end: map[r.end - start] }));
  return { text: out, matches };
}

const PASSAGE_LENGTH = 200;
const LEAD_IN = 50;

/** The best passage among `fields` (titles excluded: they are highlighted on their own). */
export function bestPassage(fields: readonly Field[], spec: HighlightSpec, options: { skipTags?: boolean } = {}): SearchPassage | undefined {
  let best: { field: Field; ranges: TextRange[]; score: number } | undefined;
  for (const field of fields) {
    if (field.name === 'title' || (options.skipTags && field.name === 'tags')) continue;
    const ranges = findMatches(field.text, spec);
    if (ranges.length === 0) continue;
    const distinct = new Set(ranges.map((r) => field.text.slice(r.start, r.end).toLowerCase())).size;
    const score = FIELD_WEIGHTS[field.name] * distinct + ranges.length * 0.01;
    if (!best || score > best.score) best = { field, ranges, score };
  }
  if (!best) return undefined;
  const { ranges } = best;
  const text = best.field.text;
  if (text.length <= PASSAGE_LENGTH) return { field: best.field.name, ...collapseSlice(text, 0, text.length, ranges) };
  // The window of PASSAGE_LENGTH characters holding the most matches.
  let bestStart = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < ranges.length; i++) {
    if (j < i) j = i;
    while (j + 1 < ranges.length && ranges[j + 1].end - ranges[i].start <= PASSAGE_LENGTH - LEAD_IN) j++;
    if (j - i + 1 > bestCount) {
      bestCount = j - i + 1;
      bestStart = i;
    }
  }
  const first = ranges[bestStart];
  let start = Math.max(0, first.start - LEAD_IN);
  if (start > 0) {
    // Begin at a word: after the first space in the lead-in, if there is one.
    let s = start;
    while (s < first.start && !isSpace(text.charCodeAt(s))) s++;
    if (s < first.start) start = s + 1;
  }
  let end = Math.min(text.length, start + PASSAGE_LENGTH);
  if (end < text.length) {
    let e = end;
    while (e > first.end && !isSpace(text.charCodeAt(e))) e--;
    if (e > first.end) end = e;
  }
  const collapsed = collapseSlice(text, start, end, ranges);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return {
    field: best.field.name,
    text: prefix + collapsed.text + suffix,
    matches: collapsed.matches.map((r) => ({ start: r.start + prefix.length, end: r.end + prefix.length })),
  };
}
