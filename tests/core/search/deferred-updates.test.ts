/*
 * The index follows saves just after they are acknowledged (search-service.ts, applyChange): a save does
 * not wait for it, but a search made after a save must still find what the save wrote.
 */
import { describe, expect, it } from 'vitest';
import { tempLibrary } from '../../helpers/temp-library';
import { buildSearchFixture, hitIds } from './fixture';

describe('index updates made after the save is acknowledged', () => {
  it('are in the index for a search made straight after the save', async () => {
    const { api } = await tempLibrary();
    const f = await buildSearchFixture(api);
    const search = (query: string) => api['search:query']({ query, limit: 100, hitsPerCase: 100 });
    await search('warm'); // the index is loaded, so later saves take the deferred path
    await api['notes:update']({ caseId: f.zoe.id, noteId: f.note.id, patch: { body: 'A helicopter was heard overhead.' } });
    // Asked in the same turn as the acknowledgement, before any timer or I/O callback has run.
    expect(hitIds(await search('helicopter'))).toEqual([f.note.id]);
    expect(hitIds(await search('footage'))).toEqual([]);
  });

  it('keep the order of many saves made back to back, the last one winning', async () => {
    const { api } = await tempLibrary();
    const f = await buildSearchFixture(api);
    const search = (query: string) => api['search:query']({ query, limit: 100, hitsPerCase: 100 });
    await search('warm');
    const words = ['kestrel', 'osprey', 'merlin', 'harrier', 'goshawk'];
    // Not awaited one by one: the saves queue in the library, their index updates queue behind them.
    await Promise.all(words.map((word) => api['notes:update']({ caseId: f.zoe.id, noteId: f.note.id, patch: { body: `Seen: a ${word}.` } })));
    expect(hitIds(await search('goshawk'))).toEqual([f.note.id]);
    for (const word of words.slice(0, -1)) expect(hitIds(await search(word))).toEqual([]);
    // A record added and one trashed in the same burst.
    const [added] = await Promise.all([
      api['notes:create']({ caseId: f.zoe.id, fields: { title: 'Kingfisher sighting', body: 'By the river.' } }),
      api['notes:delete']({ caseId: f.zoe.id, noteId: f.note.id }),
    ]);
    expect(hitIds(await search('kingfisher'))).toEqual([added.id]);
    expect(hitIds(await search('goshawk'))).toEqual([]);
  });
});
