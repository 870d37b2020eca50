/*
 * Step 3 of a search: quoted phrases confirmed against the record's text (the index knows which words a
 * document holds, not where), and documents a negated phrase really matches dropped.
 *
 * A phrase with a common word ("independent of": "of" is not indexed) sends thousands of documents to be read,
 * and typing it letter by letter asks the same again on the next keystroke ("independent office" then
 * "independent office""). So each document's answer for a phrase is kept while the index stays as it is: any
 * change to the index (a save, a deletion, new attachment text) bumps its generation and drops them all.
 */
import { containsPhrase, phrasePattern } from './highlight';
import { fieldsOf, recordFieldsOf, type DocFields } from './hits';
import type { PhraseMatch } from './query';
import { retain, type Candidates } from './scratch';
import type { PlannedClause } from './scoring';
import type { SearchContext } from './search-options';
import { KIND_BY_CODE, type SearchIndex } from './search-index';

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

/** Whether one phrase is in a document's text, each document's text read at most once per search. */
class PhraseTest {
  private readonly pattern: RegExp | undefined;
  readonly answers: Map<number, boolean>;

  constructor(
    readonly phrase: PhraseMatch,
    known: KnownAnswers,
  ) {
    this.pattern = phrasePattern(phrase.terms);
    const key = phrase.terms.join(' ');
    this.answers = known.byPhrase.get(key) ?? new Map<number, boolean>();
    known.byPhrase.delete(key); // re-inserted last: the map's order is the order of use
    known.byPhrase.set(key, this.answers);
    for (const oldest of known.byPhrase.keys()) {
      if (known.byPhrase.size <= PHRASES_KEPT) break;
      known.byPhrase.delete(oldest);
    }
  }

  known(doc: number): boolean | undefined {
    return this.answers.get(doc);
  }

  decide(doc: number, info: DocFields, plainWords: boolean): boolean {
    const found = info.fields.some((f) => containsPhrase(f.text, this.phrase.terms, this.pattern, plainWords));
    this.answers.set(doc, found);
    return found;
  }
}

export async function confirmPhrases(index: SearchIndex, clauses: PlannedClause[], ctx: SearchContext, candidates: Candidates, maybeNegated: Set<number>): Promise<void> {
  const known = knownAnswers(index);
  const tests = new Map<string, PhraseTest>();
  const testOf = (phrase: PhraseMatch) => {
    const key = phrase.terms.join(' ');
    let test = tests.get(key);
    if (!test) tests.set(key, (test = new PhraseTest(phrase, known)));
    return test;
  };
  const phrasesOf = (clause: PlannedClause) => clause.alternatives.map((a) => a.match).filter((m): m is PhraseMatch => m.type === 'phrase').map(testOf);
  const clauseTests = clauses.map((c) => (c.negated ? [] : phrasesOf(c)));
  const negatedTests = clauses.filter((c) => c.negated).flatMap(phrasesOf);

  // Typing a phrase asks again about thousands of documents whose answers are known: this loop allocates
  // nothing per document, and waits (an await) only for an attachment page's text.
  const rejected = new Set<number>();
  const needsText = (doc: number, unconfirmed: number, negated: boolean): boolean => {
    const unknown = (test: PhraseTest) => test.known(doc) === undefined;
    if (negated && negatedTests.some(unknown)) return true;
    for (let i = 0; i < clauseTests.length; i++) if (unconfirmed & (1 << i) && clauseTests[i].some(unknown)) return true;
    return false;
  };
  /** Whether the document passes; `read` gives its fields, and is called only if some answer is unknown. */
  const passes = (doc: number, unconfirmed: number, negated: boolean, read: () => DocFields | undefined): boolean => {
    let info: DocFields | undefined;
    if (needsText(doc, unconfirmed, negated) && !(info = read())) return false;
    const plainWords = index.docs.folds.get(doc) === 0;
    const holds = (test: PhraseTest): boolean => test.known(doc) ?? test.decide(doc, info!, plainWords);
    for (let i = 0; i < clauseTests.length; i++) if (unconfirmed & (1 << i) && !clauseTests[i].some(holds)) return false;
    return !(negated && negatedTests.some(holds));
  };
  const attachmentPasses = async (doc: number, unconfirmed: number, negated: boolean): Promise<boolean> => {
    const info = needsText(doc, unconfirmed, negated) ? await fieldsOf(index, doc, ctx) : undefined;
    return passes(doc, unconfirmed, negated, () => info);
  };
  const isAttachment = (doc: number) => KIND_BY_CODE[index.docs.kind.get(doc)] === 'attachment';
  for (const [doc, unconfirmed] of toCheck(candidates.unconfirmed, maybeNegated)) {
    const negated = maybeNegated.has(doc);
    const ok = isAttachment(doc) ? await attachmentPasses(doc, unconfirmed, negated) : passes(doc, unconfirmed, negated, () => recordFieldsOf(index, doc, ctx));
    if (!ok) rejected.add(doc);
  }
  retain(candidates, (doc) => !rejected.has(doc));
}

/** Each document with unconfirmed clauses (and which), then those only a negated phrase may match. */
function* toCheck(unconfirmed: Map<number, number>, maybeNegated: Set<number>): Generator<[number, number]> {
  yield* unconfirmed;
  for (const doc of maybeNegated) if (!unconfirmed.has(doc)) yield [doc, 0];
}
