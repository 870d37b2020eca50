/*
 * A phrase's answers are kept between searches (phrase-check.ts) while the index stays as it is: the same phrase
 * searched again after a record changed, was trashed or restored must see the record as it is now, and a phrase
 * typed letter by letter finds what each prefix holds.
 */
import { describe, expect, it } from 'vitest';
import { tempLibrary } from '../../helpers/temp-library';
import { buildSearchFixture, hitIds } from './fixture';

async function fixture() {
  const t = await tempLibrary();
  const f = await buildSearchFixture(t.api);
  const search = (query: string) => t.api['search:query']({ query, limit: 100, hitsPerCase: 100 });
  return { ...t, f, search };
}

describe('search: phrases asked again', () => {
  it('sees a phrase added to, removed from and restored to a record', async () => {
    const { api, f, search } = await fixture();
    expect(hitIds(await search('"restrained him"'))).toEqual([f.note.id]);
    expect(hitIds(await search('"him on the floor"'))).toEqual([f.note.id]);

    await api['notes:update']({ caseId: f.zoe.id, noteId: f.note.id, patch: { body: 'Officers restrained a man against the wall.' } });
    expect((await search('"restrained him"')).total).toBe(0);
    expect(hitIds(await search('"restrained a man"'))).toEqual([f.note.id]);

    await api['history:undo']({});
    expect(hitIds(await search('"restrained him"'))).toEqual([f.note.id]);
    expect((await search('"restrained a man"')).total).toBe(0);

    await api['notes:delete']({ caseId: f.zoe.id, noteId: f.note.id });
    expect((await search('"restrained him"')).total).toBe(0);
  });

  it('answers for the records as they are numbered after the index is compacted', async () => {
    const { api, f, search, session } = await fixture();
    const c = await api['cases:create']({ fields: { title: 'Birds', summary: 'placeholder' } });
    const bodies = ['A red kite circled.', 'The kite was not red.', 'Another red kite landed.', 'No kite, nothing red.'];
    const notes = [];
    for (const [i, body] of bodies.entries()) notes.push(await api['notes:create']({ caseId: c.id, fields: { title: `Bird ${i}`, body } }));
    expect(hitIds(await search('"red kite"'))).toEqual([notes[0].id, notes[2].id].sort());
    // A record numbered before them goes; compacting the index renumbers every document after it.
    await api['notes:delete']({ caseId: f.zoe.id, noteId: f.note.id });
    await session.search.flush({ force: true });
    expect(hitIds(await search('"red kite"'))).toEqual([notes[0].id, notes[2].id].sort());
  });

  it('answers each prefix of a phrase typed letter by letter as a fresh search does', async () => {
    const { api, search } = await fixture();
    const c = await api['cases:create']({ fields: { title: 'Typing', summary: 'placeholder' } });
    const bodies = ['The independent office reported.', 'An independent officer spoke.', 'Independent of the force, the panel met.', 'The office was independent.'];
    for (const [i, body] of bodies.entries()) await api['notes:create']({ caseId: c.id, fields: { title: `Note ${i}`, body } });
    const typed = '"independent office"';
    const answers: Record<string, string[]> = {};
    for (let i = 1; i <= typed.length; i++) answers[typed.slice(0, i)] = hitIds(await search(typed.slice(0, i)));
    // Asked again in another order, each answer is the same.
    for (const q of Object.keys(answers).reverse()) expect(hitIds(await search(q)), q).toEqual(answers[q]);
    const titles = async (q: string) => (await search(q)).groups.flatMap((g) => g.hits.map((h) => h.title)).sort();
    expect(await titles('"independent of')).toEqual(['Note 2']);
    expect(await titles('"independent office')).toEqual(['Note 0']);
    expect(await titles('"independent office"')).toEqual(['Note 0']);
    expect(await titles('"independent officer"')).toEqual(['Note 1']);
  });
});
