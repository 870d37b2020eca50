/*
 * Step 3 of a search: quoted phrases confirmed from each document's words in order (phrase-index.ts), and
 * documents a negated phrase really matches dropped. No record's text is read: a phrase with a common word
 * ("independent of": "of" has no posting list) once sent thousands of records through markdown-it.
 *
 * Typing a phrase letter by letter asks about the same documents again on the next keystroke ("independent
 * office" then "independent office""), so each document's answer for a phrase is kept while the index stays as
 * it is: any change to the index (a save, a deletion, new attachment text) bumps its generation and drops them all.
 */
import type { PhraseMatch } from './query';
import { retain, type Candidates } from './scratch';
import type { PlannedClause } from './scoring';
import type { SearchIndex } from './search-index';

/** The phrases whose answers are kept (the most recently asked); a few are enough for one person's typing. */
const PHRASES_KEPT = 16;

interface KnownAnswers {
  generation: number;
  /** Phrase (its folded words) → document → whether the document's text holds it. */
  byPhrase: Map<string, Map<number, boolean>>;
}

const answersFor = new WeakMap<SearchIndex, KnownAnswers>();

function knownAnswers(index: SearchIndex): KnownAnswers {
  let known = answersFor.get(index);
  if (!known || known.generation !== index.generation) {
    known = { generation: index.generation, byPhrase: new Map() };
    answersFor.set(index, known);
  }
  return known;
}

/** Whether one phrase is in a document, each document's words read at most once while the index stays as it is. */
class PhraseTest {
  /** The phrase's words coded as the index codes them; undefined when one was never indexed, so nothing holds it. */
  private readonly words: Uint8Array | undefined;
  readonly answers: Map<number, boolean>;

  constructor(
    private readonly index: SearchIndex,
    phrase: PhraseMatch,
    known: KnownAnswers,
  ) {
    this.words = index.phrases.wordsOf(phrase.terms);
    const key = phrase.terms.join(' ');
    this.answers = known.byPhrase.get(key) ?? new Map<number, boolean>();
    known.byPhrase.delete(key); // re-inserted last: the map's order is the order of use
    known.byPhrase.set(key, this.answers);
    for (const oldest of known.byPhrase.keys()) {
      if (known.byPhrase.size <= PHRASES_KEPT) break;
      known.byPhrase.delete(oldest);
    }
  }

  holds(doc: number): boolean {
    let found = this.answers.get(doc);
    if (found === undefined) this.answers.set(doc, (found = this.words !== undefined && this.index.phrases.holds(doc, this.words)));
    return found;
  }
}

export function confirmPhrases(index: SearchIndex, clauses: PlannedClause[], candidates: Candidates, maybeNegated: Set<number>): void {
  const known = knownAnswers(index);
  const tests = new Map<string, PhraseTest>();
  const testOf = (phrase: PhraseMatch) => {
    const key = phrase.terms.join(' ');
    let test = tests.get(key);
    if (!test) tests.set(key, (test = new PhraseTest(index, phrase, known)));
    return test;
  };
  const phrasesOf = (clause: PlannedClause) => clause.alternatives.map((a) => a.match).filter((m): m is PhraseMatch => m.type === 'phrase').map(testOf);
  const clauseTests = clauses.map((c) => (c.negated ? [] : phrasesOf(c)));
  const negatedTests = clauses.filter((c) => c.negated).flatMap(phrasesOf);

  // Thousands of documents for a phrase with a common word: this loop allocates nothing per document.
  const rejected = new Set<number>();
  for (const [doc, unconfirmed] of toCheck(candidates.unconfirmed, maybeNegated)) {
    let ok = true;
    for (let i = 0; ok && i < clauseTests.length; i++) if (unconfirmed & (1 << i) && !anyHolds(clauseTests[i], doc)) ok = false;
    if (ok && maybeNegated.has(doc) && anyHolds(negatedTests, doc)) ok = false;
    if (!ok) rejected.add(doc);
  }
  retain(candidates, (doc) => !rejected.has(doc));
}

function anyHolds(tests: readonly PhraseTest[], doc: number): boolean {
  for (const test of tests) if (test.holds(doc)) return true;
  return false;
}

/** Each document with unconfirmed clauses (and which), then those only a negated phrase may match. */
function* toCheck(unconfirmed: Map<number, number>, maybeNegated: Set<number>): Generator<[number, number]> {
  yield* unconfirmed;
  for (const doc of maybeNegated) if (!unconfirmed.has(doc)) yield [doc, 0];
}
