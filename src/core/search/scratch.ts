/* The working arrays queries share, and the candidate list that lives in them. */
import type { SearchIndex } from './search-index';

/**
 * Working arrays reused by every query on an index (searches on one index run one at a time). Allocating
 * them per query would be megabytes of short-lived memory outside the heap each time, which makes V8 run
 * full collections of a heap holding the whole library: the pauses show as slow queries.
 */
export class Scratch {
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

export const scratchFor = new WeakMap<SearchIndex, Scratch>();

/** The documents matching so far, with their scores, as parallel arrays. */
export interface Candidates {
  docs: Int32Array;
  scores: Float32Array;
  length: number;
  /** Per document: clauses (a bit each) matched only by a phrase still to be confirmed (phrase-check.ts). */
  unconfirmed: Map<number, number>;
}

export function candidatesOf(docs: ArrayLike<number>, scratch: Scratch): Candidates {
  const out: Candidates = { docs: scratch.candidateDocs, scores: scratch.candidateScores, length: docs.length, unconfirmed: new Map() };
  out.docs.set(docs);
  out.scores.fill(0, 0, docs.length);
  return out;
}

/** Keeps the candidates for which `keep(doc)` holds, in place. */
export function retain(c: Candidates, keep: (doc: number) => boolean): void {
  let n = 0;
  for (let i = 0; i < c.length; i++) {
    const doc = c.docs[i];
    if (!keep(doc)) continue;
    c.docs[n] = doc;
    c.scores[n++] = c.scores[i];
  }
  c.length = n;
}
