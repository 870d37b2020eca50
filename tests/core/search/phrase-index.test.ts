/*
 * Quoted phrases are answered from the index's word streams (phrase-index.ts), not from the records' text. The
 * answers must be those reading the text gave: `textHolds` below is how phrases were confirmed before (the
 * phrase's terms in a row in one field as scanTerms tokenises it; for a document of plain words, a regex over
 * the raw text), kept here as the reference the streams are checked against.
 */
import { describe, expect, it } from 'vitest';
import { IndexBuilder } from '../../../src/core/search/build';
import type { FieldName, IndexDocument } from '../../../src/core/search/documents';
import { DEFAULT_AVERAGES, SearchIndex } from '../../../src/core/search/search-index';
import { scanTerms, terms } from '../../../src/core/search/text';
import { openTempLibrary, tempLibrary } from '../../helpers/temp-library';
import { hitIds } from './fixture';

function regexOf(phrase: readonly string[]): RegExp | undefined {
  if (!phrase.every((t) => /^[a-z0-9]+$/.test(t))) return undefined;
  const word = (t: string) => `${t}(?:['’][sS])?`;
  return new RegExp(`(?<![A-Za-z0-9])${phrase.map(word).join('[^A-Za-z0-9]+')}(?![A-Za-z0-9])`, 'i');
}

/** The reference: whether a document's text holds the phrase, read as before the phrase index. */
function textHolds(doc: IndexDocument, phrase: readonly string[]): boolean {
  let plain = true;
  for (const f of doc.fields) scanTerms(f.text, (_t, _s, _e, folded) => (plain &&= !folded));
  const pattern = regexOf(phrase);
  return doc.fields.some((f) => {
    if (pattern && plain) return pattern.test(f.text);
    const tokens = terms(f.text);
    outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
      for (let k = 0; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) continue outer;
      return true;
    }
    return false;
  });
}

function documentOf(i: number, fields: [FieldName, string][]): IndexDocument {
  return { kind: 'note', recordId: `n${i}`, fields: fields.map(([name, text]) => ({ name, text })), tags: [], titleKey: `n${i}` };
}

const LONG = 'x'.repeat(120);
const LONG_FOLDED = 'é'.repeat(120);
const TEXTS: [FieldName, string][][] = [
  [['body', 'The Independent Office for Police Conduct said so.']],
  [['body', 'independent—office; independent, of course: independent/office']],
  [['body', 'It was independent of the force and independent of them']],
  [['title', 'Independent'], ['body', 'office staff']], // a phrase never runs from one field into the next
  [['body', 'police police officer and the the report']],
  [['body', 'The panel stayed independent']],
  [['body', `independent ${LONG} office`]], // a word too long to be a term, in a document of plain words
  [['body', `independent ${LONG} office; Zoë spoke`]], // the same, in a document whose words need folding
  [['body', `independent ${LONG_FOLDED} office`]],
  [['body', 'the Met’s officers and the met’s officers, don’t stop']],
  [['body', 'Zoë Łukasz met the independent office; STRASSE and Straße']],
  [['body', 'independent\u00a0office\nindependent\r\noffice\tindependent   office']],
  [['quotation', 'independent2 office independent office2 independentoffice']],
  [['body', "independent's office and independent'office"]],
];
const PHRASES = [
  'independent office',
  'independent of',
  'of the force',
  'independent of them',
  'police officer',
  'police police',
  'the the report',
  'the report',
  'stayed independent',
  'independent x',
  'independent office staff',
  'office staff',
  'met officers',
  'met s officers',
  'dont stop',
  'zoe lukasz',
  'strasse and strasse',
  'independent2 office',
  'independentoffice',
  'independent office for police conduct said so',
  'office independent',
  'never indexed',
].map(terms);

/** The index's answer for each of `docs`, the documents numbered from `first`. */
function answers(index: SearchIndex, docs: readonly IndexDocument[], phrase: readonly string[], first = 0): boolean[] {
  const words = index.phrases.wordsOf(phrase);
  return docs.map((_, d) => words !== undefined && index.phrases.holds(first + d, words));
}

describe('the phrase index', () => {
  const docs = TEXTS.map((fields, i) => documentOf(i, fields));

  it('answers every phrase as reading the text did, for a built index, documents added later and after compaction', () => {
    const builder = new IndexBuilder(DEFAULT_AVERAGES);
    builder.addCase('c1', { live: true, status: 'open' }, docs);
    const built = builder.finish();
    const added = SearchIndex.empty();
    added.setCase('c1', { live: true, status: 'open' });
    docs.forEach((doc, i) => added.putRecord('c1', `n:${i}`, [doc]));
    for (const phrase of PHRASES) {
      const expected = docs.map((doc) => textHolds(doc, phrase));
      expect(answers(built, docs, phrase), phrase.join(' ')).toEqual(expected);
      expect(answers(added, docs, phrase), phrase.join(' ')).toEqual(expected);
    }
    // Some answers are yes and some no, so the comparison above can fail either way.
    expect(docs.map((doc) => textHolds(doc, terms('independent office')))).toContain(true);
    expect(docs.map((doc) => textHolds(doc, terms('independent office')))).toContain(false);

    // Dropping the first two documents renumbers the rest; their words move with them.
    added.removeRecord('c1', 'n:0');
    added.removeRecord('c1', 'n:1');
    added.compact();
    for (const phrase of PHRASES) expect(answers(added, docs.slice(2), phrase), phrase.join(' ')).toEqual(docs.slice(2).map((doc) => textHolds(doc, phrase)));
  });

  it('agrees with the text on random texts of common words, punctuation, accents and over-long words', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    // Enough other words that most are numbered past 127, so coded in two bytes: a match must start at a word.
    const others = Array.from({ length: 300 }, (_, i) => `w${i}`);
    const common = ['the', 'of', 'police', 'Police', 'office', 'officer’s', 'independent', 'Zoë', 'zoe', 'don’t', 'dont', LONG, '2021', 'of', 'the'];
    const words = [...common, ...common, ...others.slice(200, 230)];
    const gaps = [' ', ' ', ' ', ', ', '. ', '\n', ' — ', '-', '’ ', '/'];
    const docsOfWords = Array.from({ length: 300 }, (_, i) =>
      documentOf(
        i,
        Array.from({ length: 1 + random(2) }, () => ['body', Array.from({ length: 3 + random(12) }, () => words[random(words.length)] + gaps[random(gaps.length)]).join('')] as [FieldName, string]),
      ),
    );
    docsOfWords[0] = documentOf(0, [['body', 'w210 office and w211 police, w212 the w213 of']]);
    const builder = new IndexBuilder(DEFAULT_AVERAGES);
    builder.addCase('c0', { live: true, status: 'open' }, [documentOf(-1, [['body', others.join(' ')]])]);
    builder.addCase('c1', { live: true, status: 'open' }, docsOfWords);
    const index = builder.finish();
    // The 48 stop words are numbered 2–49 ("a" is 2), then w0, w1… from 50: w210 is 260, coded 0x84 0x02, whose
    // second byte is the code of "a". "a office" is not in "w210 office".
    const chosen = ['a office', 'a police', 'w210 office', 'a the', 'of w213'].map(terms);
    let matched = 0;
    for (let p = 0; p < 200 + chosen.length; p++) {
      const phrase = chosen[p - 200] ?? terms(Array.from({ length: 2 + random(2) }, () => words[random(words.length)]).join(' '));
      if (phrase.length < 2) continue;
      const expected = docsOfWords.map((doc) => textHolds(doc, phrase));
      matched += expected.filter(Boolean).length;
      expect(answers(index, docsOfWords, phrase, 1), phrase.join(' ')).toEqual(expected);
    }
    expect(matched).toBeGreaterThan(50);
  });
});

describe('phrases searched in a library', () => {
  async function library() {
    const t = await tempLibrary();
    const c = await t.api['cases:create']({ fields: { title: 'Phrases', summary: 'The review was independent' } });
    const note = (title: string, body: string) => t.api['notes:create']({ caseId: c.id, fields: { title, body } });
    const notes = {
      punctuation: await note('Punctuation', 'They were independent—office holders, not staff.'),
      markdown: await note('Markdown', 'The **Independent** [Office](https://example.org/iopc) for Police Conduct'),
      repeated: await note('Repeated', 'the police police officer wrote that'),
      end: await note('At the end', 'Everything was referred to the independent office'),
      negative: await note('Elsewhere', 'The office was independent of the force.'),
    };
    const search = async (query: string) => hitIds(await t.api['search:query']({ query, limit: 100, hitsPerCase: 100 }));
    return { ...t, c, notes, search };
  }

  it('finds phrases across punctuation and Markdown, with repeated words, at a record’s end, and negated', async () => {
    const { notes, search, c, session } = await library();
    expect(await search('"independent office"')).toEqual([notes.punctuation.id, notes.markdown.id, notes.end.id].sort());
    expect(await search('"office for police conduct"')).toEqual([notes.markdown.id]);
    expect(await search('"police police officer"')).toEqual([notes.repeated.id]);
    expect(await search('"police officer wrote"')).toEqual([notes.repeated.id]);
    expect(await search('"officer police"')).toEqual([]);
    expect(await search('"was independent"')).toEqual([c.id, notes.negative.id].sort());
    // The case's title ends "Phrases" and its summary starts "The": fields do not run together.
    expect(await search('"phrases the"')).toEqual([]);
    expect(await search('independent -"independent office"')).toEqual([c.id, notes.negative.id].sort());
    // "office" also finds "officer" (a prefix), in a record without "independent of".
    expect(await search('office -"independent of"')).toEqual([notes.punctuation.id, notes.markdown.id, notes.repeated.id, notes.end.id].sort());
    await session.close();
  });

  it('sees an edit at once and answers the same after the library is reopened', async () => {
    const { api, dir, notes, search, c, session } = await library();
    await api['notes:update']({ caseId: c.id, noteId: notes.end.id, patch: { body: 'Nothing was referred to the independent panel' } });
    expect(await search('"independent office"')).toEqual([notes.punctuation.id, notes.markdown.id].sort());
    expect(await search('"independent panel"')).toEqual([notes.end.id]);
    const before = await Promise.all(['"independent office"', '"independent panel"', '"was independent"', 'office -"independent of"'].map(search));
    await session.close();

    const again = await openTempLibrary(dir);
    const searchAgain = async (query: string) => hitIds(await again.api['search:query']({ query, limit: 100, hitsPerCase: 100 }));
    expect(await Promise.all(['"independent office"', '"independent panel"', '"was independent"', 'office -"independent of"'].map(searchAgain))).toEqual(before);
    const status = await again.api['search:status']({});
    expect(status.reason).toBeUndefined();
    expect(status).toMatchObject({ origin: 'loaded' });
    await again.close();
  });
});
