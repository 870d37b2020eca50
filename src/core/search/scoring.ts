/*
 * Scoring the words of a query: each positive clause over its posting lists, rarest clause first; a
 * document has to match every clause (one alternative of each) to stay a candidate. Within a clause a
 * document's score is its best alternative, idf × impact × match quality (1 exact, less for a completion
 * or a typo), so one word expanding to forty completions cannot outweigh another word. Synchronous, on
 * the shared scratch arrays.
 */
import type { HighlightSpec } from './highlight';
import type { ParsedQuery, PhraseMatch, TermMatch } from './query';
import { candidatesOf, type Candidates, type Scratch } from './scratch';
import type { Expansion, SearchIndex } from './search-index';
import { STOP_WORDS } from './text';

export const KIND_BOOST = [1.5, 1, 1, 1, 0.85];
const PHRASE_BONUS = 1.5;
export const MAX_CLAUSES = 16;

export interface PlannedAlternative {
  match: TermMatch | PhraseMatch;
  /** For a term: its expansions. For a phrase: the exact postings of each of its content words. */
  expansions: Expansion[][];
  cost: number;
}

export interface PlannedClause {
  index: number;
  negated: boolean;
  alternatives: PlannedAlternative[];
  cost: number;
}

export function idf(total: number, df: number): number {
  // df counts dead documents too (until the next compaction), so it can exceed the live total.
  return Math.max(0.01, Math.log(1 + (Math.max(0, total - df) + 0.5) / (df + 0.5)));
}

export function plan(index: SearchIndex, query: ParsedQuery): { clauses: PlannedClause[]; spec: HighlightSpec; expanded: Record<string, string[]> } {
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
export function scoreClauses(index: SearchIndex, clauses: PlannedClause[], scratch: Scratch): Candidates {
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
export function phraseCandidates(index: SearchIndex, words: Expansion[][], total: number): Map<number, number> {
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
