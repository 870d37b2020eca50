/*
 * Running a parsed query against the index.
 *
 *   1. Each positive clause is scored over its posting lists, rarest clause first; a document has to
 *      match every clause (one alternative of each) to stay a candidate. Within a clause, a document's
 *      score is its best alternative: idf × impact × match quality (1 exact, less for a completion or a
 *      typo), so one word expanding to forty completions cannot outweigh another word.
 *   2. Filters (case, tag subtree, kind, status, date span, reliability) are checked per candidate, or
 *      supply the candidates themselves when the query has no words.
 *   3. Quoted phrases are confirmed against the record's text, then negated clauses are taken out.
 *   4. Results are grouped by case and sorted; passages and highlights are made only for what is returned.
 *
 * Step 1 runs synchronously on scratch arrays shared by all queries, and copies out its candidates
 * before anything asynchronous (reading an attachment's text) happens.
 */
import type { SearchGroup, SearchHit, SearchResults, SearchSort } from '../../shared/api/search-types';
import type { Attachment, CaseFile, CaseStatus, EventRecord, NoteRecord, SourceRecord } from '../../shared/domain';
import { ClaimStatus, SOURCE_KINDS, ReliabilityGrade } from '../../shared/domain';
import { attachmentPageFields, caseFields, eventFields, noteFields, sourceFields, type DocKind, type Field } from './documents';
import { bestPassage, containsPhrase, findMatches, phrasePattern, type HighlightSpec } from './highlight';
import type { Filter, ParsedQuery, PhraseMatch, TermMatch } from './query';
import { CASE_STATUS_CODES, KIND_BY_CODE, KIND_CODES, type Expansion, type SearchIndex } from './search-index';
import { collapseWhitespace, STOP_WORDS } from './text';

export interface SearchOptions {
  limit: number;
  hitsPerCase: number;
  offset: number;
  sort: SearchSort;
  group: boolean;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { limit: 10, hitsPerCase: 3, offset: 0, sort: 'relevance', group: true };

/** What the executor needs from the library: the records themselves, looked up by id. */
export interface SearchContext {
  /** Cases a case: filter names: by id, by slug, by slug prefix, or by words of the title. */
  resolveCase(value: string): string[];
  caseFile(caseId: string): CaseFile | undefined;
  /** A record by kind and id within a case (records in the trash excluded). */
  record(caseId: string, kind: Exclude<DocKind, 'attachment'>, id: string): unknown;
  /** The text of one page of an attachment, with the attachment record. */
  attachmentPage(caseId: string, sourceId: string, attachmentId: string, page: number): Promise<{ attachment: Attachment; text: string } | undefined>;
}

const KIND_BOOST = [1.5, 1, 1, 1, 0.85];
const PHRASE_BONUS = 1.5;
const MAX_CLAUSES = 16;

/**
 * Working arrays reused by every query on an index (searches on one index run one at a time). Allocating
 * them per query would be megabytes of short-lived memory outside the heap each time, which makes V8 run
 * full collections of a heap holding the whole library: the pauses show as slow queries.
 */
class Scratch {
  score = new Float32Array(0);
  best = new Float32Array(0);
  count = new Uint8Array(0);
  /** Low 16 bits: clauses matched by a word; high 16: clauses matched only by an unconfirmed phrase. */
  bits = new Uint32Array(0);
  excluded = new Uint8Array(0);
  /** Zeroed after each use, by maskClear. */
  mask = new Uint8Array(0);
  maskClear: (() => void) | undefined;
  candidateDocs = new Int32Array(0);
  candidateScores = new Float32Array(0);
  packed = new Float64Array(0);
  selection = new Float64Array(0);
  primary = new Float64Array(0);
  order = new Uint32Array(0);

  ensure(n: number): void {
    if (this.score.length >= n) return;
    const size = Math.ceil(n * 1.25) + 1024;
    this.score = new Float32Array(size);
    this.best = new Float32Array(size);
    this.count = new Uint8Array(size);
    this.bits = new Uint32Array(size);
    this.excluded = new Uint8Array(size);
    this.mask = new Uint8Array(size);
    this.candidateDocs = new Int32Array(size);
    this.candidateScores = new Float32Array(size);
    this.packed = new Float64Array(size);
    this.selection = new Float64Array(size);
    this.primary = new Float64Array(size);
    this.order = new Uint32Array(size);
  }
}

const scratchFor = new WeakMap<SearchIndex, Scratch>();

interface PlannedAlternative {
  match: TermMatch | PhraseMatch;
  /** For a term: its expansions. For a phrase: the exact postings of each of its content words. */
  expansions: Expansion[][];
  cost: number;
}

interface PlannedClause {
  index: number;
  negated: boolean;
  alternatives: PlannedAlternative[];
  cost: number;
}

/** The documents matching so far, with their scores, as parallel arrays. */
interface Candidates {
  docs: Int32Array;
  scores: Float32Array;
  length: number;
  /** Per document: clauses (a bit each) matched only by a phrase still to be confirmed against the text. */
  unconfirmed: Map<number, number>;
}

function candidatesOf(docs: ArrayLike<number>, scratch: Scratch): Candidates {
  const out: Candidates = { docs: scratch.candidateDocs, scores: scratch.candidateScores, length: docs.length, unconfirmed: new Map() };
  out.docs.set(docs);
  out.scores.fill(0, 0, docs.length);
  return out;
}

/** Keeps the candidates for which `keep(doc)` holds, in place. */
function retain(c: Candidates, keep: (doc: number) => boolean): void {
  let n = 0;
  for (let i = 0; i < c.length; i++) {
    const doc = c.docs[i];
    if (!keep(doc)) continue;
    c.docs[n] = doc;
    c.scores[n++] = c.scores[i];
  }
  c.length = n;
}

function idf(total: number, df: number): number {
  // df counts dead documents too (until the next compaction), so it can exceed the live total.
  return Math.max(0.01, Math.log(1 + (Math.max(0, total - df) + 0.5) / (df + 0.5)));
}

function plan(index: SearchIndex, query: ParsedQuery): { clauses: PlannedClause[]; spec: HighlightSpec; expanded: Record<string, string[]> } {
  const terms = new Set<string>();
  const phrases: string[][] = [];
  const expanded: Record<string, string[]> = {};
  const clauses = query.clauses.slice(0, MAX_CLAUSES).map((clause, i) => {
    const alternatives = clause.alternatives.map((match): PlannedAlternative => {
      if (match.type === 'term') {
        const expansions = index.expand(match.term, { prefix: match.prefix, fuzzy: match.fuzzy && !clause.negated });
        if (!clause.negated) {
          for (const e of expansions) terms.add(e.term);
          expanded[match.raw] = expansions.map((e) => e.term);
        }
        return { match, expansions: [expansions], cost: expansions.reduce((n, e) => n + e.df, 0) };
      }
      const content = [...new Set(match.terms.filter((t) => !STOP_WORDS.has(t)))];
      const expansions = content.map((t) => index.expand(t, { prefix: false, fuzzy: false }));
      if (!clause.negated) phrases.push(match.terms);
      const missing = expansions.some((e) => e.length === 0);
      return { match, expansions: missing ? [] : expansions, cost: missing ? 0 : Math.min(...expansions.map((e) => e[0].df)) };
    });
    return { index: i, negated: clause.negated, alternatives, cost: alternatives.reduce((n, a) => n + a.cost, 0) };
  });
  return { clauses, spec: { terms, phrases }, expanded };
}

/** Scores the positive clauses; returns the documents matching all of them. Synchronous by design. */
function scoreClauses(index: SearchIndex, clauses: PlannedClause[], scratch: Scratch): Candidates {
  const positive = clauses.filter((c) => !c.negated).sort((a, b) => a.cost - b.cost);
  const total = Math.max(1, index.documentCount);
  const { score, best, count, bits } = scratch;
  const alive = index.docs.alive.values;
  const slotOf = index.docs.caseSlot.values;
  const caseLive = index.cases.live.values;
  const kinds = index.docs.kind.values;
  const { postDoc, postImpact, termStart } = index.segment;
  let firstTouched: number[] = [];
  let current: number[] = [];
  positive.forEach((clause, step) => {
    const touched: number[] = [];
    const wordBit = 1 << clause.index;
    const phraseBit = wordBit << 16;
    for (const alt of clause.alternatives) {
      if (alt.match.type === 'term') {
        for (const e of alt.expansions[0]) {
          const weight = idf(total, e.df) * e.quality * (1 / 255);
          if (e.base >= 0) {
            for (let p = termStart[e.base], end = termStart[e.base + 1]; p < end; p++) {
              const doc = postDoc[p];
              if (count[doc] !== step || alive[doc] === 0 || caseLive[slotOf[doc]] === 0) continue;
              const value = weight * postImpact[p] * KIND_BOOST[kinds[doc]];
              if (best[doc] === 0) touched.push(doc);
              if (value > best[doc]) best[doc] = value;
              bits[doc] |= wordBit;
            }
          }
          if (e.delta) {
            const { docs, impacts } = e.delta;
            for (let p = 0; p < docs.length; p++) {
              const doc = docs[p];
              if (count[doc] !== step || alive[doc] === 0 || caseLive[slotOf[doc]] === 0) continue;
              const value = weight * impacts[p] * KIND_BOOST[kinds[doc]];
              if (best[doc] === 0) touched.push(doc);
              if (value > best[doc]) best[doc] = value;
              bits[doc] |= wordBit;
            }
          }
        }
      } else if (alt.expansions.length > 0) {
        for (const [doc, weight] of phraseCandidates(index, alt.expansions, total)) {
          if (count[doc] !== step || alive[doc] === 0 || caseLive[slotOf[doc]] === 0) continue;
          const value = weight * PHRASE_BONUS * KIND_BOOST[kinds[doc]];
          if (best[doc] === 0) touched.push(doc);
          if (value > best[doc]) best[doc] = value;
          bits[doc] |= phraseBit;
        }
      }
    }
    for (const doc of touched) {
      count[doc] = step + 1;
      score[doc] += best[doc];
      best[doc] = 0;
    }
    if (step === 0) firstTouched = touched;
    current = touched;
  });
  const out = candidatesOf(current, scratch);
  for (let i = 0; i < current.length; i++) {
    const doc = current[i];
    out.scores[i] = score[doc];
    const b = bits[doc];
    // A clause is unconfirmed only when no word alternative matched it.
    const unconfirmed = (b >>> 16) & ~(b & 0xffff);
    if (unconfirmed !== 0) out.unconfirmed.set(doc, unconfirmed);
  }
  for (const doc of firstTouched) {
    score[doc] = 0;
    count[doc] = 0;
    bits[doc] = 0;
  }
  return out;
}

/** Documents holding every content word of a phrase (exactly), with the summed weight of those words. */
function phraseCandidates(index: SearchIndex, words: Expansion[][], total: number): Map<number, number> {
  const ordered = [...words].sort((a, b) => a[0].df - b[0].df);
  let found = new Map<number, number>();
  ordered.forEach((expansions, i) => {
    const next = new Map<number, number>();
    for (const e of expansions) {
      const weight = idf(total, e.df) / 255;
      index.forEachPosting(e, (doc, impact) => {
        if (i === 0 ? !next.has(doc) : found.has(doc) && !next.has(doc)) next.set(doc, (found.get(doc) ?? 0) + weight * impact);
      });
    }
    found = next;
  });
  return found;
}

interface CompiledFilter {
  test(doc: number): boolean;
  /** Documents to start from when the query has no words; undefined means every document. */
  seed?: () => Iterable<number>;
}

function compileFilters(index: SearchIndex, filters: Filter[], ctx: SearchContext, warnings: string[], scratch: Scratch): CompiledFilter {
  let maskUsed = false;
  const tests: ((doc: number) => boolean)[] = [];
  let seed: (() => Iterable<number>) | undefined;
  const { docs, cases } = index;
  for (const filter of filters) {
    let test: (doc: number) => boolean;
    switch (filter.field) {
      case 'case': {
        const slots = new Set<number>();
        for (const value of filter.values) {
          const ids = ctx.resolveCase(value);
          if (ids.length === 0) warnings.push(`case: no case matches “${value}”.`);
          for (const id of ids) {
            const slot = index.caseSlot(id);
            if (slot !== undefined) slots.add(slot);
          }
        }
        const inCase = new Uint8Array(Math.max(1, cases.ids.length));
        for (const slot of slots) inCase[slot] = 1;
        const slotOf = docs.caseSlot.values;
        test = (doc) => inCase[slotOf[doc]] === 1;
        if (!filter.negated && !seed) seed = () => [...slots].flatMap((slot) => index.documentsOfCase(slot));
        break;
      }
      case 'tag': {
        // One tag filter may use the shared mask; any further one gets its own.
        const mask = maskUsed ? new Uint8Array(index.slotCount) : scratch.mask;
        if (mask === scratch.mask) scratch.maskClear = () => scratch.mask.fill(0);
        maskUsed = true;
        const tagged: number[] = [];
        for (const value of filter.values) {
          index.forEachTagged(value, (doc) => {
            if (mask[doc]) return;
            mask[doc] = 1;
            tagged.push(doc);
          });
        }
        test = (doc) => mask[doc] === 1;
        if (!filter.negated) seed = () => tagged;
        break;
      }
      case 'kind': {
        const kinds = new Uint8Array(8);
        const subs = new Uint8Array(32);
        for (const v of filter.values) {
          if (v in KIND_CODES) kinds[KIND_CODES[v as DocKind]] = 1;
          else subs[SOURCE_KINDS.indexOf(v as (typeof SOURCE_KINDS)[number]) + 1] = 1;
        }
        const kind = docs.kind.values;
        const sub = docs.sub.values;
        test = (doc) => kinds[kind[doc]] === 1 || ((kind[doc] === 1 || kind[doc] === 4) && subs[sub[doc]] === 1);
        break;
      }
      case 'status': {
        const caseStatuses = new Uint8Array(8);
        const claims = new Uint8Array(8);
        for (const v of filter.values) {
          if (v in CASE_STATUS_CODES) caseStatuses[CASE_STATUS_CODES[v]] = 1;
          else claims[ClaimStatus.options.indexOf(v as ClaimStatus) + 1] = 1;
        }
        const status = cases.status.values;
        const slotOf = docs.caseSlot.values;
        const kind = docs.kind.values;
        const sub = docs.sub.values;
        test = (doc) => caseStatuses[status[slotOf[doc]]] === 1 || (kind[doc] === 3 && claims[sub[doc]] === 1);
        break;
      }
      case 'date': {
        const { from, to } = filter;
        const dateFrom = docs.dateFrom.values;
        const dateTo = docs.dateTo.values;
        test = (doc) => dateFrom[doc] !== 0 && dateFrom[doc] <= to && dateTo[doc] >= from;
        break;
      }
      case 'reliability': {
        const grades = new Uint8Array(8);
        for (const g of filter.values) grades[ReliabilityGrade.options.indexOf(g) + 1] = 1;
        const reliability = docs.reliability.values;
        test = (doc) => grades[reliability[doc]] === 1;
        break;
      }
    }
    tests.push(filter.negated ? (doc) => !test(doc) : test);
  }
  const test =
    tests.length === 0
      ? () => true
      : tests.length === 1
        ? tests[0]
        : (doc: number) => {
            for (const t of tests) if (!t(doc)) return false;
            return true;
          };
  return { test, seed };
}

function kindOf(index: SearchIndex, doc: number): DocKind {
  return KIND_BY_CODE[index.docs.kind.get(doc)];
}

async function fieldsOf(index: SearchIndex, doc: number, ctx: SearchContext): Promise<{ fields: Field[]; record?: unknown; page?: { attachment: Attachment; text: string } } | undefined> {
  const caseId = index.cases.ids[index.docs.caseSlot.get(doc)];
  const kind = kindOf(index, doc);
  const id = index.docs.recordId[doc];
  if (kind === 'attachment') {
    const page = await ctx.attachmentPage(caseId, id, index.docs.attachmentId[doc]!, index.docs.page.get(doc));
    const source = ctx.record(caseId, 'source', id) as SourceRecord | undefined;
    return page && source ? { fields: attachmentPageFields(page.attachment, page.text), record: source, page } : undefined;
  }
  const record = ctx.record(caseId, kind, id);
  if (!record) return undefined;
  switch (kind) {
    case 'case':
      return { fields: caseFields(record as CaseFile['case']), record };
    case 'source':
      return { fields: sourceFields(record as SourceRecord), record };
    case 'note':
      return { fields: noteFields(record as NoteRecord), record };
    case 'event':
      return { fields: eventFields(record as EventRecord), record };
  }
}

/** Orders candidates (by position in `c`) for a sort; ties fall back to relevance, then document order. */
function comparator(index: SearchIndex, c: Candidates, sort: SearchSort): (a: number, b: number) => number {
  const { docs, scores } = c;
  const dateFrom = index.docs.dateFrom.values;
  // Newest and oldest go by when a record starts (its date, or the start of its span); undated ones last.
  const newest = (a: number, b: number) => dateFrom[docs[b]] - dateFrom[docs[a]];
  switch (sort) {
    case 'relevance':
      return (a, b) => scores[b] - scores[a] || newest(a, b) || docs[a] - docs[b];
    case 'newest':
      return (a, b) => newest(a, b) || scores[b] - scores[a] || docs[a] - docs[b];
    case 'oldest': {
      const key = (i: number) => dateFrom[docs[i]] || Number.MAX_SAFE_INTEGER; // undated last
      return (a, b) => key(a) - key(b) || scores[b] - scores[a] || docs[a] - docs[b];
    }
    case 'title': {
      const rank = titleRanks(index);
      return (a, b) => rank[docs[a]] - rank[docs[b]] || docs[a] - docs[b];
    }
  }
}

/** The k-th smallest value (0-based) of `values`, which it reorders (Hoare's selection). */
function nthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i++] = values[j];
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

/**
 * Each document's place in title order, once per version of the index: the base segment's order (saved
 * with the index) merged with the few documents added since.
 */
const titleRankCache = new WeakMap<SearchIndex, { generation: number; slots: number; rank: Uint32Array }>();
function titleRanks(index: SearchIndex): Uint32Array {
  const cached = titleRankCache.get(index);
  if (cached && cached.generation === index.generation && cached.slots === index.slotCount) return cached.rank;
  const keys = index.docs.titleKey;
  const base = index.titleOrderOfBase();
  const added: number[] = [];
  for (let d = index.baseDocuments; d < index.slotCount; d++) added.push(d);
  added.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
  const rank = new Uint32Array(index.slotCount);
  let i = 0;
  let j = 0;
  let r = 0;
  while (i < base.length || j < added.length) {
    const takeBase = j >= added.length || (i < base.length && keys[base[i]] <= keys[added[j]]);
    rank[takeBase ? base[i++] : added[j++]] = r++;
  }
  titleRankCache.set(index, { generation: index.generation, slots: index.slotCount, rank });
  return rank;
}

/**
 * Candidate positions in sorted order. The primary key (date, title rank, or a quantised score) is packed
 * with the position into one float, so a native numeric sort does the work; runs with equal primary keys
 * are then put in full order by the comparator. Exact, and about ten times faster than a comparator sort.
 */
function sortedPositions(index: SearchIndex, c: Candidates, sort: SearchSort, compare: (a: number, b: number) => number, scratch: Scratch, keep = c.length): Uint32Array {
  const n = c.length;
  keep = Math.max(1, Math.min(keep, n));
  const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  if (bits > 22) {
    const positions = new Uint32Array(n);
    for (let i = 0; i < n; i++) positions[i] = i;
    return positions.sort(compare);
  }
  const { docs, scores } = c;
  const dateFrom = index.docs.dateFrom.values;
  let key: (i: number) => number;
  switch (sort) {
    case 'newest':
      key = (i) => 99_999_999 - dateFrom[docs[i]];
      break;
    case 'oldest':
      key = (i) => dateFrom[docs[i]] || 99_999_999;
      break;
    case 'title': {
      const rank = titleRanks(index);
      key = (i) => rank[docs[i]];
      break;
    }
    case 'relevance': {
      let max = 0;
      for (let i = 0; i < n; i++) if (scores[i] > max) max = scores[i];
      const scale = max > 0 ? (2 ** 30 - 1) / max : 0;
      key = (i) => Math.floor((max - scores[i]) * scale);
      break;
    }
  }
  const multiplier = 2 ** bits;
  let packed = scratch.packed.subarray(0, n);
  for (let i = 0; i < n; i++) packed[i] = key(i) * multiplier + i;
  if (keep < n / 8) {
    // Only the first `keep` are wanted: keep those whose primary key is no later than the keep-th's
    // (ties included, so the comparator can still order them), and sort just those.
    const selection = scratch.selection.subarray(0, n);
    selection.set(packed);
    const threshold = Math.floor(nthSmallest(selection, keep - 1) / multiplier);
    let m = 0;
    for (let i = 0; i < n; i++) if (Math.floor(packed[i] / multiplier) <= threshold) packed[m++] = packed[i];
    packed = packed.subarray(0, m);
  }
  packed.sort();
  const count = packed.length;
  const out = scratch.order.subarray(0, count);
  const primary = scratch.primary.subarray(0, count);
  for (let i = 0; i < count; i++) {
    const p = packed[i];
    primary[i] = Math.floor(p / multiplier);
    out[i] = p - primary[i] * multiplier;
  }
  for (let start = 0, i = 1; i <= count; i++) {
    if (i < count && primary[i] === primary[start]) continue;
    if (i - start > 1) out.subarray(start, i).sort(compare);
    start = i;
  }
  return out;
}

export async function executeSearch(index: SearchIndex, query: ParsedQuery, raw: string, ctx: SearchContext, options: SearchOptions): Promise<SearchResults> {
  const started = performance.now();
  const warnings = [...query.warnings];
  if (query.clauses.length > MAX_CLAUSES) warnings.push(`Only the first ${MAX_CLAUSES} words or phrases were searched for.`);
  const { clauses, spec, expanded } = plan(index, query);
  const hasPositive = clauses.some((c) => !c.negated);
  const result: SearchResults = { query: raw, total: 0, caseCount: 0, groups: [], warnings, expandedTerms: expanded, tookMs: 0 };
  if (!options.group) result.hits = [];
  if (!hasPositive && query.filters.length === 0) {
    result.tookMs = round(performance.now() - started);
    return result;
  }
  const scratch = scratchFor.get(index) ?? new Scratch();
  scratchFor.set(index, scratch);
  scratch.ensure(index.slotCount);
  try {
    return await run(index, query, clauses, spec, hasPositive, result, ctx, options, scratch, started);
  } finally {
    scratch.maskClear?.();
    scratch.maskClear = undefined;
  }
}

async function run(
  index: SearchIndex,
  query: ParsedQuery,
  clauses: PlannedClause[],
  spec: HighlightSpec,
  hasPositive: boolean,
  result: SearchResults,
  ctx: SearchContext,
  options: SearchOptions,
  scratch: Scratch,
  started: number,
): Promise<SearchResults> {
  const filter = compileFilters(index, query.filters, ctx, result.warnings, scratch);
  let candidates: Candidates;
  if (hasPositive) {
    candidates = scoreClauses(index, clauses, scratch);
    if (query.filters.length > 0) retain(candidates, filter.test);
  } else {
    const found: number[] = [];
    const seeds = filter.seed?.();
    if (seeds) {
      for (const doc of seeds) if (index.isLive(doc) && filter.test(doc)) found.push(doc);
    } else {
      for (let doc = 0; doc < index.slotCount; doc++) if (index.isLive(doc) && filter.test(doc)) found.push(doc);
    }
    candidates = candidatesOf(found, scratch);
  }
  // Negated clauses: mark what they match (synchronously, on scratch), then drop it.
  const negatives = clauses.filter((c) => c.negated);
  const negatedPhrases = negatives.flatMap((n) => n.alternatives.map((a) => a.match).filter((m): m is PhraseMatch => m.type === 'phrase'));
  const maybeNegated = new Set<number>();
  if (negatives.length > 0) {
    const { excluded } = scratch;
    const marked: number[] = [];
    for (const clause of negatives) {
      for (const alt of clause.alternatives) {
        if (alt.match.type === 'term') {
          for (const e of alt.expansions[0]) {
            index.forEachPosting(e, (doc) => {
              if (!excluded[doc]) marked.push(doc);
              excluded[doc] = 1;
            });
          }
        } else if (alt.expansions.length > 0) {
          for (const doc of phraseCandidates(index, alt.expansions, 1).keys()) {
            if (excluded[doc]) continue;
            excluded[doc] = 2; // excluded only if the phrase is really there
            marked.push(doc);
          }
        }
      }
    }
    retain(candidates, (doc) => {
      if (excluded[doc] === 2) maybeNegated.add(doc);
      return excluded[doc] !== 1;
    });
    for (const doc of marked) excluded[doc] = 0;
  }
  // Confirm phrases against the text (asynchronous from here on: attachment pages may be read).
  if (candidates.unconfirmed.size > 0 || maybeNegated.size > 0) {
    const patterns = new Map<string, RegExp | undefined>();
    const patternFor = (terms: readonly string[]) => {
      const key = terms.join(' ');
      if (!patterns.has(key)) patterns.set(key, phrasePattern(terms));
      return patterns.get(key);
    };
    const phrasesOfClause = (i: number) => clauses[i].alternatives.map((a) => a.match).filter((m): m is PhraseMatch => m.type === 'phrase');
    const rejected = new Set<number>();
    for (const doc of new Set([...candidates.unconfirmed.keys(), ...maybeNegated])) {
      const info = await fieldsOf(index, doc, ctx);
      if (!info) {
        rejected.add(doc);
        continue;
      }
      const plainWords = index.docs.folds.get(doc) === 0;
      const has = (phrase: PhraseMatch) => info.fields.some((f) => containsPhrase(f.text, phrase.terms, patternFor(phrase.terms), plainWords));
      const unconfirmed = candidates.unconfirmed.get(doc) ?? 0;
      let ok = true;
      for (let i = 0; ok && i < clauses.length; i++) if (unconfirmed & (1 << i)) ok = phrasesOfClause(i).some(has);
      if (ok && maybeNegated.has(doc)) ok = !negatedPhrases.some(has);
      if (!ok) rejected.add(doc);
    }
    retain(candidates, (doc) => !rejected.has(doc));
  }

  const sort = options.sort === 'relevance' && !hasPositive ? 'newest' : options.sort;
  const compare = comparator(index, candidates, sort);
  const slotOf = index.docs.caseSlot.values;
  result.total = candidates.length;
  // Per case: how many match, and the best of them (by score, or first in the chosen order).
  const caseCount = index.cases.ids.length;
  const hitCount = new Uint32Array(caseCount);
  const bestAt = new Int32Array(caseCount).fill(-1);
  if (!options.group) {
    for (let i = 0; i < candidates.length; i++) hitCount[slotOf[candidates.docs[i]]]++;
  } else if (sort === 'relevance') {
    const { docs, scores } = candidates;
    for (let i = 0; i < candidates.length; i++) {
      const slot = slotOf[docs[i]];
      hitCount[slot]++;
      if (bestAt[slot] < 0 || scores[i] > scores[bestAt[slot]]) bestAt[slot] = i;
    }
  } else {
    for (let i = 0; i < candidates.length; i++) {
      const slot = slotOf[candidates.docs[i]];
      hitCount[slot]++;
      if (bestAt[slot] < 0 || compare(i, bestAt[slot]) < 0) bestAt[slot] = i;
    }
  }
  const slots: number[] = [];
  for (let slot = 0; slot < caseCount; slot++) if (hitCount[slot] > 0) slots.push(slot);
  result.caseCount = slots.length;
  if (!options.group) {
    const order = sortedPositions(index, candidates, sort, compare, scratch, options.offset + options.limit);
    for (const i of order.subarray(options.offset, options.offset + options.limit)) {
      const hit = await makeHit(index, candidates.docs[i], candidates.scores[i], ctx, spec);
      if (hit) result.hits!.push(hit);
    }
  } else {
    const groupScores = new Float64Array(caseCount);
    for (const slot of slots) groupScores[slot] = candidates.scores[bestAt[slot]] * (1 + 0.1 * Math.log2(hitCount[slot]));
    const groupScore = (slot: number) => groupScores[slot];
    if (sort === 'relevance') slots.sort((a, b) => groupScores[b] - groupScores[a] || compare(bestAt[a], bestAt[b]));
    else slots.sort((a, b) => compare(bestAt[a], bestAt[b]));
    const shown = slots.slice(options.offset, options.offset + options.limit);
    const groupOf = new Int32Array(caseCount).fill(-1);
    const members: number[][] = shown.map((slot, g) => {
      groupOf[slot] = g;
      return [];
    });
    for (let i = 0; i < candidates.length; i++) {
      const g = groupOf[slotOf[candidates.docs[i]]];
      if (g >= 0) members[g].push(i);
    }
    for (const [g, slot] of shown.entries()) {
      const caseId = index.cases.ids[slot];
      const file = ctx.caseFile(caseId);
      if (!file) continue;
      const group: SearchGroup = {
        caseId,
        slug: file.case.slug,
        title: file.case.title,
        status: file.case.status as CaseStatus,
        score: round(sort === 'relevance' ? groupScore(slot) : candidates.scores[bestAt[slot]]),
        hitCount: hitCount[slot],
        hits: [],
      };
      const list = members[g].sort(compare);
      for (const i of list.slice(0, options.hitsPerCase)) {
        const hit = await makeHit(index, candidates.docs[i], candidates.scores[i], ctx, spec);
        if (hit) group.hits.push(hit);
      }
      result.groups.push(group);
    }
  }
  result.tookMs = round(performance.now() - started);
  return result;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

async function makeHit(index: SearchIndex, doc: number, score: number, ctx: SearchContext, spec: HighlightSpec): Promise<SearchHit | undefined> {
  const info = await fieldsOf(index, doc, ctx);
  if (!info) return undefined;
  const caseId = index.cases.ids[index.docs.caseSlot.get(doc)];
  const kind = kindOf(index, doc);
  const record = info.record as { id: string; title: string; tags: string[] } & Partial<SourceRecord & EventRecord & CaseFile['case']>;
  const title = collapseWhitespace(kind === 'attachment' ? info.page!.attachment.fileName : record.title);
  const hit: SearchHit = {
    ref: { caseId, kind: kind === 'attachment' ? 'source' : kind, id: record.id },
    kind,
    title,
    titleMatches: findMatches(title, spec),
    score: round(score),
    tags: record.tags ?? [],
  };
  // A tag list says little beside a title that already shows the match.
  const passage = bestPassage(info.fields, spec, { skipTags: hit.titleMatches.length > 0 });
  if (passage) hit.passage = passage;
  const date = kind === 'case' ? record.incidentDate : kind === 'event' ? record.date : kind === 'source' || kind === 'attachment' ? record.publishedDate : undefined;
  if (date) hit.date = date;
  if (kind === 'source' || kind === 'attachment') {
    if (record.kind) hit.sourceKind = record.kind;
    if (record.reliability) hit.reliability = record.reliability;
  }
  if (kind === 'event' && record.claimStatus) hit.claimStatus = record.claimStatus;
  if (kind === 'attachment' && info.page) {
    const a = info.page.attachment;
    const pageIndex = index.docs.page.get(doc);
    hit.attachment = { id: a.id, fileName: a.fileName, sha256: a.sha256, page: { index: pageIndex, label: index.docs.pageLabel[doc] }, sourceTitle: record.title };
  }
  return hit;
}
