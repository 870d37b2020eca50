/*
 * Filtering and sorting the middle pane's lists, and the text form of a filter that saved searches keep.
 * The text uses the library search's query language, so a saved search means the same in both places:
 *   tag:theme/misogyny kind:news-article,video status:found date:2021..2022-06 words to find
 * Pure functions, so the lists and the tests share them.
 */
import { comparePartialDates, parsePartialDate, type PartialDate } from '../../../../shared/partial-date';
import { tagWithin, type ClaimStatus, type EventRecord, type NoteRecord, type SourceKind, type SourceRecord } from '../../../../shared/domain';

export interface RecordFilter {
  text: string;
  /** A tag; records carrying it or anything beneath it match. */
  tag?: string;
  kinds: SourceKind[];
  claims: ClaimStatus[];
  /** As typed ("2021", "June 2022"); read with parsePartialDate. */
  from?: string;
  to?: string;
}

export const EMPTY_FILTER: RecordFilter = { text: '', kinds: [], claims: [] };

export function isFilterEmpty(f: RecordFilter): boolean {
  return !f.text.trim() && !f.tag && f.kinds.length === 0 && f.claims.length === 0 && !f.from && !f.to;
}

const quote = (value: string) => (/[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value);
const isoOf = (typed: string | undefined) => (typed ? parsePartialDate(typed)?.value : undefined);

export function filterToQuery(f: RecordFilter): string {
  const parts: string[] = [];
  if (f.tag) parts.push(`tag:${quote(f.tag)}`);
  if (f.kinds.length) parts.push(`kind:${f.kinds.join(',')}`);
  if (f.claims.length) parts.push(`status:${f.claims.join(',')}`);
  const from = isoOf(f.from);
  const to = isoOf(f.to);
  if (from || to) parts.push(from === to ? `date:${from}` : `date:${from ?? ''}..${to ?? ''}`);
  if (f.text.trim()) parts.push(f.text.trim());
  return parts.join(' ');
}

export function queryToFilter(query: string): RecordFilter {
  const filter: RecordFilter = { text: '', kinds: [], claims: [] };
  const words: string[] = [];
  const token = /(\w+):(?:"([^"]*)"|(\S+))|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(query))) {
    const [, key, quoted, bare, word] = m;
    const value = quoted ?? bare ?? '';
    const list = value.split(',').filter(Boolean);
    if (word !== undefined) words.push(word);
    else if (key === 'tag' || key === 'tags') filter.tag = value;
    else if (key === 'kind' || key === 'type') filter.kinds.push(...(list as SourceKind[]));
    else if (key === 'status') filter.claims.push(...(list as ClaimStatus[]));
    else if (key === 'date') {
      const [from, to] = value.includes('..') ? value.split('..') : [value, value];
      filter.from = from || undefined;
      filter.to = to || undefined;
    } else if (key === 'after') filter.from = value;
    else if (key === 'before') filter.to = value;
    else words.push(m[0]);
  }
  filter.text = words.join(' ');
  return filter;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function textMatches(haystack: string, needle: string): boolean {
  const words = fold(needle).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const folded = fold(haystack);
  return words.every((w) => folded.includes(w));
}

/** A date within [from, to], each end read at its own precision: "to: 2022" includes all of 2022. */
function dateWithin(date: PartialDate | undefined, from?: string, to?: string): boolean {
  const start = from ? parsePartialDate(from) : undefined;
  const end = to ? parsePartialDate(to) : undefined;
  if (!start && !end) return true;
  if (!date) return false;
  if (start && date.value < start.value && !start.value.startsWith(date.value)) return false;
  if (end && date.value > end.value && !date.value.startsWith(end.value)) return false;
  return true;
}

const hasTag = (tags: string[], tag?: string) => !tag || tags.some((t) => tagWithin(t, tag));

export function sourceMatches(s: SourceRecord, f: RecordFilter): boolean {
  return (
    hasTag(s.tags, f.tag) &&
    (f.kinds.length === 0 || f.kinds.includes(s.kind)) &&
    dateWithin(s.publishedDate, f.from, f.to) &&
    textMatches(`${s.title} ${s.publisher ?? ''} ${s.authors.map((a) => `${a.given ?? ''} ${a.family ?? ''} ${a.literal ?? ''}`).join(' ')} ${s.url ?? ''}`, f.text)
  );
}

export function noteMatches(n: NoteRecord, f: RecordFilter): boolean {
  return hasTag(n.tags, f.tag) && dateWithin({ value: n.updatedAt.slice(0, 10), certainty: 'exact' }, f.from, f.to) && textMatches(`${n.title} ${n.body} ${n.quotations.map((q) => q.quote).join(' ')}`, f.text);
}

export function eventMatches(e: EventRecord, f: RecordFilter): boolean {
  return (
    hasTag(e.tags, f.tag) &&
    (f.claims.length === 0 || f.claims.includes(e.claimStatus)) &&
    dateWithin(e.date, f.from, f.to) &&
    textMatches(`${e.title} ${e.description ?? ''}`, f.text)
  );
}

export type SourceSort = 'title' | 'published' | 'added' | 'kind';
export type NoteSort = 'title' | 'updated' | 'created';
export type EventSort = 'date' | 'title' | 'status';

// One collator for every comparison: localeCompare with options resolves the locale on each call, which
// made sorting a case of 2,000 records take tens of milliseconds.
const titleCollator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
const byTitle = (a: { title: string }, b: { title: string }) => titleCollator.compare(a.title, b.title);

export function sortSources(list: SourceRecord[], sort: SourceSort, descending = false): SourceRecord[] {
  const compare: Record<SourceSort, (a: SourceRecord, b: SourceRecord) => number> = {
    title: byTitle,
    published: (a, b) => comparePartialDates(a.publishedDate, b.publishedDate) || byTitle(a, b),
    added: (a, b) => a.createdAt.localeCompare(b.createdAt),
    kind: (a, b) => a.kind.localeCompare(b.kind) || byTitle(a, b),
  };
  const sorted = [...list].sort(compare[sort]);
  return descending ? sorted.reverse() : sorted;
}

export function sortNotes(list: NoteRecord[], sort: NoteSort, descending = false): NoteRecord[] {
  const compare: Record<NoteSort, (a: NoteRecord, b: NoteRecord) => number> = {
    title: byTitle,
    updated: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
    created: (a, b) => a.createdAt.localeCompare(b.createdAt),
  };
  const sorted = [...list].sort(compare[sort]);
  return descending ? sorted.reverse() : sorted;
}

const CLAIM_ORDER: ClaimStatus[] = ['established', 'found', 'admitted', 'disputed', 'alleged'];

export function sortEvents(list: EventRecord[], sort: EventSort, descending = false): EventRecord[] {
  const compare: Record<EventSort, (a: EventRecord, b: EventRecord) => number> = {
    date: (a, b) => comparePartialDates(a.date, b.date) || a.createdAt.localeCompare(b.createdAt),
    title: byTitle,
    status: (a, b) => CLAIM_ORDER.indexOf(a.claimStatus) - CLAIM_ORDER.indexOf(b.claimStatus) || comparePartialDates(a.date, b.date),
  };
  const sorted = [...list].sort(compare[sort]);
  return descending ? sorted.reverse() : sorted;
}
