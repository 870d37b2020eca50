/* person: in the search box: the records, attachment pages and cases where someone in the people register is. */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src/core/search/query';
import { tempLibrary } from '../../helpers/temp-library';
import { allHits } from './fixture';

async function fixture() {
  const t = await tempLibrary();
  const { api } = t;
  const school = await api['cases:create']({ fields: { title: 'A school search', summary: 'Police were called to a school.' } });
  const other = await api['cases:create']({ fields: { title: 'A custody death', summary: 'An inquest into a death in custody.' } });
  const statement = await api['sources:create']({ caseId: school.id, fields: { title: 'Witness statement' } });
  const attachment = await api['attachments:add']({
    caseId: school.id,
    sourceId: statement.id,
    fileName: 'statement.txt',
    contentBase64: Buffer.from('The officers told Ms Doe to wait outside. Police said nothing more.').toString('base64'),
  });
  const named = await api['notes:create']({ caseId: school.id, fields: { title: 'Call with the family', body: 'Jane DOE’s mother asked about the police.' } });
  const byCipher = await api['events:create']({ caseId: school.id, fields: { date: { value: '2020-12' }, title: 'Child Q searched by police' } });
  const linked = await api['events:create']({ caseId: school.id, fields: { date: { value: '2021-03' }, title: 'Police referral made' } });
  const unrelated = await api['notes:create']({ caseId: other.id, fields: { title: 'Police statement', body: 'About someone else entirely.' } });
  const person = await api['people:create']({
    fields: { name: 'Jane Doe', aliases: ['Ms Doe'], anonymity: { cipher: 'Child Q', reason: 'child' }, cases: [{ caseId: school.id, role: 'victim', eventIds: [linked.id], sourceIds: [] }] },
  });
  await api['people:create']({ fields: { name: 'John Smith' } });
  await api['people:create']({ fields: { name: 'John Smith', note: 'A second John Smith' } });
  const search = (query: string) => api['search:query']({ query, limit: 100, hitsPerCase: 100, group: false });
  return { ...t, school, other, statement, attachment, named, byCipher, linked, unrelated, person, search };
}

describe('search: person:', () => {
  it('parses person: (and who:) with a quoted name', () => {
    expect(parseQuery('police person:"Child Q"').filters).toEqual([{ field: 'person', values: ['Child Q'], negated: false }]);
    expect(parseQuery('-who:jane').filters).toEqual([{ field: 'person', values: ['jane'], negated: true }]);
  });

  it('finds the case they have a role in, the records naming them by name, alias or cipher, linked events and attachment pages', async () => {
    const { search, school, named, byCipher, linked, statement, attachment } = await fixture();
    const results = await search('person:"Jane Doe"');
    const found = allHits(results).map((h) => `${h.kind}:${h.ref.id}${h.attachment ? `:${h.attachment.id}` : ''}`).sort();
    expect(found).toEqual([`case:${school.id}`, `note:${named.id}`, `event:${byCipher.id}`, `event:${linked.id}`, `attachment:${statement.id}:${attachment.id}`].sort());
    expect(results.warnings).toEqual([]);
  });

  it('narrows a word search, names the person by cipher or id, and can be negated', async () => {
    const { search, person, named, byCipher, linked, unrelated, school, statement } = await fixture();
    const withWord = allHits(await search('police person:"child q"')).map((h) => h.ref.id).sort();
    // The statement's hit is its attachment page, which says "Police"; the source record itself does not.
    expect(withWord).toEqual([school.id, named.id, byCipher.id, linked.id, statement.id].sort());
    expect(allHits(await search(`police person:${person.id}`)).length).toBe(withWord.length);
    const without = allHits(await search('police -person:"Jane Doe"')).map((h) => h.ref.id);
    expect(without).toEqual([unrelated.id]);
  });

  it('warns, rather than failing, when no one or more than one person has the name', async () => {
    const { search } = await fixture();
    const nobody = await search('police person:Nobody');
    expect(nobody.total).toBe(0);
    expect(nobody.warnings.join(' ')).toMatch(/person: No one called “Nobody”/);
    const two = await search('person:"John Smith"');
    expect(two.warnings.join(' ')).toMatch(/2 people are called “John Smith”/);
  });
});
