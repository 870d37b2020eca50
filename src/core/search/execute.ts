/*
 * Running a parsed query against the index.
 *
 *   1. Words are scored (scoring.ts), rarest first; a document has to match every clause.
 *   2. Filters (filters.ts) are checked per candidate, or supply the candidates themselves when the query
 *      has no words.
 *   3. Quoted phrases are confirmed from the documents' words in order (phrase-index.ts), then negated clauses are taken out.
 *   4. Results are grouped by case and put in order (ordering.ts); passages and highlights are made only
 *      for what is returned (hits.ts).
 *
 * Steps 1 and 2 run synchronously on scratch arrays shared by all queries of an index; searches on one
 * index run one at a time (SearchService), so the candidates can stay in those arrays to the end.
 */
import type { SearchGroup, SearchResults } from '../../shared/api/search-types';
import type { CaseStatus } from '../../shared/domain';
import { compileFilters, resolvePersonFilters } from './filters';
import type { HighlightSpec } from './highlight';
import { makeHit, round } from './hits';
import { comparator, sortedPositions } from './ordering';
import { confirmPhrases } from './phrase-check';
import type { ParsedQuery } from './query';
import { candidatesOf, retain, Scratch, scratchFor, type Candidates } from './scratch';
import { MAX_CLAUSES, phraseCandidates, plan, scoreClauses, type PlannedClause } from './scoring';
import type { SearchContext, SearchOptions } from './search-options';
import type { SearchIndex } from './search-index';

export { DEFAULT_SEARCH_OPTIONS, type SearchContext, type SearchOptions } from './search-options';

export async function executeSearch(index: SearchIndex, parsed: ParsedQuery, raw: string, ctx: SearchContext, options: SearchOptions): Promise<SearchResults> {
  const started = performance.now();
  const warnings = [...parsed.warnings];
  // Where people are takes reading the library (attachment text too), so it is found before the synchronous steps.
  const query = parsed.filters.some((f) => f.field === 'person') ? { ...parsed, filters: await resolvePersonFilters(parsed.filters, ctx, warnings) } : parsed;
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
    return await run({ index, query, clauses, spec, hasPositive, result, ctx, options, scratch, started });
  } finally {
    scratch.maskClear?.();
    scratch.maskClear = undefined;
  }
}

/** One search in progress: what was asked, the index and scratch it runs on, and the result being filled in. */
interface SearchRun {
  index: SearchIndex;
  query: ParsedQuery;
  clauses: PlannedClause[];
  spec: HighlightSpec;
  /** True when some clause must match (not only negated clauses and filters). */
  hasPositive: boolean;
  result: SearchResults;
  ctx: SearchContext;
  options: SearchOptions;
  scratch: Scratch;
  started: number;
}

async function run(r: SearchRun): Promise<SearchResults> {
  const candidates = findCandidates(r);
  const maybeNegated = dropNegated(r, candidates);
  if (candidates.unconfirmed.size > 0 || maybeNegated.size > 0) confirmPhrases(r.index, r.clauses, candidates, maybeNegated);
  const sort = r.options.sort === 'relevance' && !r.hasPositive ? 'newest' : r.options.sort;
  const compare = comparator(r.index, candidates, sort);
  r.result.total = candidates.length;
  const perCase = countByCase(r, candidates, sort, compare);
  r.result.caseCount = perCase.slots.length;
  if (!r.options.group) await listHits(r, candidates, sort, compare);
  else await listGroups(r, candidates, sort, compare, perCase);
  r.result.tookMs = round(performance.now() - r.started);
  return r.result;
}

/** Steps 1 and 2: the documents every positive clause matches, or, with no words, those the filters let through. */
function findCandidates({ index, query, clauses, hasPositive, result, ctx, scratch }: SearchRun): Candidates {
  const filter = compileFilters(index, query.filters, ctx, result.warnings, scratch);
  if (hasPositive) {
    const candidates = scoreClauses(index, clauses, scratch);
    if (query.filters.length > 0) retain(candidates, filter.test);
    return candidates;
  }
  const found: number[] = [];
  const seeds = filter.seed?.();
  if (seeds) {
    for (const doc of seeds) if (index.isLive(doc) && filter.test(doc)) found.push(doc);
  } else {
    for (let doc = 0; doc < index.slotCount; doc++) if (index.isLive(doc) && filter.test(doc)) found.push(doc);
  }
  return candidatesOf(found, scratch);
}

/**
 * Negated clauses: marks what they match (synchronously, on scratch) and drops it. Returns the documents a
 * negated phrase may match, to be confirmed.
 */
function dropNegated({ index, clauses, scratch }: SearchRun, candidates: Candidates): Set<number> {
  const negatives = clauses.filter((c) => c.negated);
  const maybeNegated = new Set<number>();
  if (negatives.length === 0) return maybeNegated;
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
  return maybeNegated;
}

type Sort = SearchOptions['sort'];
type Compare = ReturnType<typeof comparator>;

interface PerCase {
  hitCount: Uint32Array;
  /** Per case slot, the position in `candidates` of its best hit (by score, or first in the chosen order). */
  bestAt: Int32Array;
  /** The case slots with at least one hit. */
  slots: number[];
}

/** How many hits each case has, and its best one. */
function countByCase({ index, options }: SearchRun, candidates: Candidates, sort: Sort, compare: Compare): PerCase {
  const slotOf = index.docs.caseSlot.values;
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
  return { hitCount, bestAt, slots };
}

/** Step 4, ungrouped: one page of hits in the chosen order. */
async function listHits({ index, options, ctx, spec, scratch, result }: SearchRun, candidates: Candidates, sort: Sort, compare: Compare): Promise<void> {
  const order = sortedPositions(index, candidates, sort, compare, scratch, options.offset + options.limit);
  for (const i of order.subarray(options.offset, options.offset + options.limit)) {
    const hit = await makeHit(index, candidates.docs[i], candidates.scores[i], ctx, spec);
    if (hit) result.hits!.push(hit);
  }
}

/** Step 4, grouped: one page of cases in order, each with its best hits. */
async function listGroups({ index, options, ctx, spec, result }: SearchRun, candidates: Candidates, sort: Sort, compare: Compare, { hitCount, bestAt, slots }: PerCase): Promise<void> {
  const slotOf = index.docs.caseSlot.values;
  const caseCount = index.cases.ids.length;
  const groupScores = new Float64Array(caseCount);
  for (const slot of slots) groupScores[slot] = candidates.scores[bestAt[slot]] * (1 + 0.1 * Math.log2(hitCount[slot]));
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
      score: round(sort === 'relevance' ? groupScores[slot] : candidates.scores[bestAt[slot]]),
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
