import { describe, expect, it } from 'vitest';
import { dateSpan, parseQuery } from '../../../src/core/search/query';
import { foldTerm, terms } from '../../../src/core/search/text';

describe('terms', () => {
  it('treats no-break spaces, tabs, newlines and hyphens as gaps', () => {
    expect(terms('murdered\u00a0sisters')).toEqual(['murdered', 'sisters']);
    expect(terms('stop-and-search\tpowers\nused')).toEqual(['stop', 'and', 'search', 'powers', 'used']);
  });

  it('folds case and accents, joins apostrophes and drops a possessive', () => {
    expect(terms('Zoë Łukasz Straße')).toEqual(['zoe', 'lukasz', 'strasse']);
    expect(terms('the Met’s officers don’t')).toEqual(['the', 'met', 'officers', 'dont']);
    expect(terms("O'Brien's car")).toEqual(['obrien', 'car']);
    expect(foldTerm('ÉCOLE')).toBe('ecole');
  });
});

describe('parseQuery', () => {
  it('reads words with prefix and typo matching by length', () => {
    const { clauses } = parseQuery('Inquest on po');
    // "on" is a stop word and is left out.
    expect(clauses.map((c) => c.alternatives[0])).toEqual([
      { type: 'term', term: 'inquest', prefix: true, fuzzy: true, raw: 'Inquest' },
      { type: 'term', term: 'po', prefix: false, fuzzy: false, raw: 'po' },
    ]);
  });

  it('reads an explicit prefix, and a quoted word as exact', () => {
    const { clauses } = parseQuery('polic* "inquest"');
    expect(clauses[0].alternatives[0]).toMatchObject({ type: 'term', term: 'polic', prefix: true, fuzzy: false });
    expect(clauses[1].alternatives[0]).toMatchObject({ type: 'term', term: 'inquest', prefix: false, fuzzy: false });
  });

  it('reads phrases in straight and curly quotes, and hyphenated words as phrases', () => {
    expect(parseQuery('"special measures"').clauses[0].alternatives[0]).toEqual({ type: 'phrase', terms: ['special', 'measures'], raw: 'special measures' });
    expect(parseQuery('“murdered sisters”').clauses[0].alternatives[0]).toMatchObject({ type: 'phrase', terms: ['murdered', 'sisters'] });
    expect(parseQuery('strip-search').clauses[0].alternatives[0]).toMatchObject({ type: 'phrase', terms: ['strip', 'search'] });
    // An unclosed quote runs to the end.
    expect(parseQuery('"in special').clauses[0].alternatives[0]).toMatchObject({ type: 'phrase', terms: ['in', 'special'] });
  });

  it('reads exclusions and OR', () => {
    const { clauses } = parseQuery('taser OR restraint -inquest -"special measures"');
    expect(clauses).toHaveLength(3);
    expect(clauses[0]).toMatchObject({ negated: false, alternatives: [{ term: 'taser' }, { term: 'restraint' }] });
    expect(clauses[1]).toMatchObject({ negated: true, alternatives: [{ term: 'inquest' }] });
    expect(clauses[2]).toMatchObject({ negated: true, alternatives: [{ type: 'phrase', terms: ['special', 'measures'] }] });
    // "or" in lower case is a word (and a stop word here), not an operator.
    expect(parseQuery('taser or restraint').clauses).toHaveLength(2);
  });

  it('reads each filter', () => {
    const { filters, warnings } = parseQuery('case:everard tag:/theme/misogyny/ kind:note,court-judgment status:found reliability:a..c -tag:review');
    expect(warnings).toEqual([]);
    expect(filters).toEqual([
      { field: 'case', values: ['everard'], negated: false },
      { field: 'tag', values: ['theme/misogyny'], negated: false },
      { field: 'kind', values: ['note', 'court-judgment'], negated: false },
      { field: 'status', values: ['found'], negated: false },
      { field: 'reliability', values: ['A', 'B', 'C'], negated: false },
      { field: 'tag', values: ['review'], negated: true },
    ]);
    expect(parseQuery('rel:B,A type:event').filters).toEqual([
      { field: 'reliability', values: ['B', 'A'], negated: false },
      { field: 'kind', values: ['event'], negated: false },
    ]);
    expect(parseQuery('case:"child q"').filters).toEqual([{ field: 'case', values: ['child q'], negated: false }]);
  });

  it('reads date filters as inclusive day ranges that partial dates overlap', () => {
    const date = (q: string) => parseQuery(q).filters[0];
    expect(date('date:2021')).toMatchObject({ from: 20210101, to: 20211231 });
    expect(date('date:2021-03')).toMatchObject({ from: 20210301, to: 20210331 });
    expect(date('date:2020..2022-06')).toMatchObject({ from: 20200101, to: 20220631 });
    expect(date('date:2021-06..')).toMatchObject({ from: 20210601, to: 99_999_999 });
    expect(date('date:..2019')).toMatchObject({ from: 0, to: 20191231 });
    expect(date('date:>2021')).toMatchObject({ from: 20211232 });
    expect(date('date:>=2021-03')).toMatchObject({ from: 20210301 });
    expect(date('date:<2020')).toMatchObject({ from: 0, to: 20200100 });
    expect(date('date:<=2020-05')).toMatchObject({ to: 20200531 });
    expect(date('after:2020')).toMatchObject({ from: 20201232 });
    expect(date('before:2019-06-15')).toMatchObject({ to: 20190614 });
    expect(date('date:28/06/2022')).toMatchObject({ from: 20220628, to: 20220628 });
    expect(dateSpan({ value: '2022', certainty: 'approximate' })).toEqual([20220101, 20221231]);
  });

  it('explains what it cannot read, and keeps the rest', () => {
    const { clauses, filters, warnings } = parseQuery('inquest date:last-week kind:rumour reliability:Z status:pending tag:');
    expect(clauses).toHaveLength(1);
    expect(filters).toEqual([]);
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatch(/“last-week” is not a date/);
    expect(warnings[1]).toMatch(/kind: “rumour” is not one of case, source, note, event, attachment/);
    expect(warnings[2]).toMatch(/not a reliability grade/);
    expect(warnings[3]).toMatch(/status: “pending”/);
    expect(warnings[4]).toMatch(/tag: needs a value/);
    expect(parseQuery('date:2023..2021').warnings[0]).toMatch(/ends before it starts/);
  });

  it('treats an unknown field or a time as text', () => {
    expect(parseQuery('note:taken').clauses[0].alternatives[0]).toMatchObject({ type: 'phrase', terms: ['note', 'taken'] });
    expect(parseQuery('10:30').clauses[0].alternatives[0]).toMatchObject({ type: 'phrase', terms: ['10', '30'] });
  });

  it('says so when only common words were typed', () => {
    const parsed = parseQuery('the of');
    expect(parsed.clauses).toEqual([]);
    expect(parsed.warnings[0]).toMatch(/too common to search for/);
  });
});
