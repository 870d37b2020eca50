/*
 * The sample library's people are real people named by one article: each name occurs in it, each note's
 * quoted words are its words, each role sits in a sample case, and nothing the article does not say (an
 * anonymity order, an alias) is recorded. The built library finds their mentions, the article's text included.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSampleLibrary } from '../../src/core/sample/build-sample';
import { ARTICLE_TEXT } from '../../src/core/sample/article';
import { SAMPLE_CASES } from '../../src/core/sample/sample-content';
import { SAMPLE_PEOPLE, type SamplePersonSpec } from '../../src/core/sample/sample-people';
import { DEFAULT_PERSON_ROLES } from '../../src/shared/people';
import { findNameOccurrences } from '../../src/shared/name-matcher';
import { tempDir } from '../helpers/temp-library';

/** What in a person's entry the article does not support; empty when all of it is the article's. */
function unsupported(p: SamplePersonSpec): string[] {
  const problems: string[] = [];
  if (findNameOccurrences(ARTICLE_TEXT, [p.name]).length === 0) problems.push(`the article never names “${p.name}”`);
  for (const [, phrase] of p.note.matchAll(/“([^”]*)”/g)) if (!ARTICLE_TEXT.includes(phrase)) problems.push(`“${phrase}” is not the article’s words`);
  for (const c of p.cases) {
    if (!SAMPLE_CASES.some((s) => s.slug === c.slug)) problems.push(`no sample case ${c.slug}`);
    if (!DEFAULT_PERSON_ROLES.includes(c.role)) problems.push(`${c.role} is not a default role`);
  }
  const keys = Object.keys(p).sort();
  if (keys.join() !== 'cases,name,note') problems.push(`records more than a name, a note and cases: ${keys.join(', ')}`);
  return problems;
}

describe('the sample library’s people', () => {
  it('the check rejects a name, a quotation, a case and an anonymity the article does not support', () => {
    const base: SamplePersonSpec = { name: 'Child Q', note: 'Cited by the article.', cases: [{ slug: 'child-q', role: 'victim' }] };
    expect(unsupported(base)).toEqual([]);
    expect(unsupported({ ...base, name: 'Jane Doe' })).toEqual(['the article never names “Jane Doe”']);
    expect(unsupported({ ...base, note: 'Subject of a “court order”.' })).toEqual(['“court order” is not the article’s words']);
    expect(unsupported({ ...base, cases: [{ slug: 'nowhere', role: 'victim' }] })).toEqual(['no sample case nowhere']);
    expect(unsupported({ ...base, anonymity: { cipher: 'Child Q', reason: 'court-order' } } as SamplePersonSpec)).toHaveLength(1);
  });

  it('are each named by the article and described only in its words', () => {
    for (const person of SAMPLE_PEOPLE) expect(unsupported(person), person.name).toEqual([]);
    expect(SAMPLE_PEOPLE.map((p) => p.name)).toEqual([
      'Sarah Everard', 'Wayne Couzens', 'Bibaa Henry', 'Nicole Smallman', 'Child Q', 'Olivia', 'Stephen Port', 'Jermaine Baker', 'Richard Okorogheye',
    ]);
  });

  it('are in the built library with their roles, and their mentions are found in the case records and the article', async () => {
    const session = await createSampleLibrary(path.join(await tempDir(), 'sample'), { warm: false });
    try {
      const { api } = session;
      const people = await api['people:list']({});
      expect(people).toHaveLength(SAMPLE_PEOPLE.length);
      expect(people.every((p) => p.anonymity === undefined && p.aliases.length === 0)).toBe(true);
      const childQ = await api['people:get']({ personId: 'Child Q' });
      expect(childQ.person.cases.map((c) => [childQ.caseTitles[c.caseId], c.role])).toEqual([['Child Q: strip search', 'victim']]);
      const fields = new Set(childQ.mentions.map((m) => `${m.kind}/${m.field}`));
      for (const where of ['case/title', 'case/summary', 'note/quotation', 'event/title', 'source/text']) expect(fields, where).toContain(where);
      expect((await api['people:list']({ caseId: 'everard' })).map((p) => [p.name, p.cases[0].role])).toEqual([
        ['Sarah Everard', 'victim'],
        ['Wayne Couzens', 'officer'],
      ]);
    } finally {
      await session.close();
    }
  });
});
