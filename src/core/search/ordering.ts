/* Putting candidates in order: by relevance, date or title, a whole large result set or just one page of it. */
import type { SearchSort } from '../../shared/api/search-types';
import type { Candidates, Scratch } from './scratch';
import type { SearchIndex } from './search-index';

/** Orders candidates (by position in `c`) for a sort; ties fall back to relevance, then document order. */
export function comparator(index: SearchIndex, c: Candidates, sort: SearchSort): (a: number, b: number) => number {
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
export function sortedPositions(index: SearchIndex, c: Candidates, sort: SearchSort, compare: (a: number, b: number) => number, scratch: Scratch, keep = c.length): Uint32Array {
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
