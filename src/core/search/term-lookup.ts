/*
 * Finding terms in a sorted term list: exactly and by prefix (binary-searched ranges), and within an edit
 * distance (a trie walk, below).
 */

export function lowerBound(terms: readonly string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findExact(terms: readonly string[], term: string): number {
  const i = lowerBound(terms, term);
  return i < terms.length && terms[i] === term ? i : -1;
}

/** The half-open range [from, to) of terms starting with `prefix`. */
export function prefixRange(terms: readonly string[], prefix: string): [number, number] {
  return [lowerBound(terms, prefix), lowerBound(terms, `${prefix}\uffff`)];
}

const MAX_DEPTH = 64;

/**
 * A trie over a sorted term list, in flat arrays (first child, next sibling, character, term index), for
 * the fuzzy search: a depth-first walk computes one row of the edit-distance table per node, shared by
 * every term below it, and abandons a branch as soon as no term below it can come within reach.
 */
export class TermTrie {
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly char: Uint16Array;
  private readonly termAt: Int32Array;
  private readonly size: number;

  constructor(terms: readonly string[]) {
    let capacity = 1;
    for (const t of terms) capacity += t.length;
    this.firstChild = new Int32Array(capacity).fill(-1);
    this.nextSibling = new Int32Array(capacity).fill(-1);
    this.char = new Uint16Array(capacity);
    this.termAt = new Int32Array(capacity).fill(-1);
    const lastChild = new Int32Array(capacity).fill(-1);
    let size = 1;
    const path: number[] = [0];
    let previous = '';
    terms.forEach((term, index) => {
      let shared = 0;
      const limit = Math.min(previous.length, term.length);
      while (shared < limit && previous.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
      path.length = shared + 1;
      for (let k = shared; k < term.length; k++) {
        const parent = path[k];
        const node = size++;
        this.char[node] = term.charCodeAt(k);
        if (lastChild[parent] < 0) this.firstChild[parent] = node;
        else this.nextSibling[lastChild[parent]] = node;
        lastChild[parent] = node;
        path.push(node);
      }
      this.termAt[path[term.length]] = index;
      previous = term;
    });
    this.size = size;
  }

  get nodes(): number {
    return this.size;
  }

  /**
   * Calls `visit(termIndex, distance)` for every term within `maxDistance` edits of `query`: insertions,
   * deletions, substitutions and swaps of two neighbouring letters ("inqeust" is one edit from "inquest").
   */
  fuzzy(query: string, maxDistance: number, visit: (termIndex: number, distance: number) => void): void {
    const n = query.length;
    if (n === 0 || n > MAX_DEPTH) return;
    const rows: Int32Array[] = [];
    for (let k = 0; k <= MAX_DEPTH + 1; k++) rows.push(new Int32Array(n + 1));
    for (let j = 0; j <= n; j++) rows[0][j] = j;
    const q = new Uint16Array(n);
    for (let j = 0; j < n; j++) q[j] = query.charCodeAt(j);
    const { firstChild, nextSibling, char, termAt } = this;
    const walk = (node: number, depth: number, previousChar: number, previousMin: number) => {
      for (let child = firstChild[node]; child >= 0; child = nextSibling[child]) {
        const ch = char[child];
        const above = rows[depth];
        const row = rows[depth + 1];
        const twoAbove = depth > 0 ? rows[depth - 1] : undefined;
        row[0] = depth + 1;
        let rowMin = row[0];
        for (let j = 1; j <= n; j++) {
          let v = above[j - 1] + (q[j - 1] === ch ? 0 : 1);
          const del = above[j] + 1;
          if (del < v) v = del;
          const ins = row[j - 1] + 1;
          if (ins < v) v = ins;
          if (twoAbove && j > 1 && ch === q[j - 2] && previousChar === q[j - 1]) {
            const swap = twoAbove[j - 2] + 1;
            if (swap < v) v = swap;
          }
          row[j] = v;
          if (v < rowMin) rowMin = v;
        }
        if (termAt[child] >= 0 && row[n] <= maxDistance) visit(termAt[child], row[n]);
        // A swap can reach back two rows, so a branch is dead only when this row and the one above are.
        if (depth + 1 < MAX_DEPTH && (rowMin <= maxDistance || previousMin < maxDistance)) walk(child, depth + 1, ch, rowMin);
      }
    };
    walk(0, 0, -1, 0);
  }
}
