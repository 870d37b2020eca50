/*
 * The search index follows a save just after it is acknowledged. A program killed in between has saved the
 * change (it is in the case's change log) but not indexed it, and never wrote the index file again: the
 * next open must find the case changed by its fingerprint and catch the index up, so search loses nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPath } from '../../src/core/search/persist';
import { CHANGE_LOG } from '../../src/core/storage/change-log';
import { buildSearchFixture, hitIds } from '../core/search/fixture';
import { openTempLibrary, tempLibrary } from '../helpers/temp-library';
import { bundleWriter, runToEnd } from './crash-safety';

let writer: Awaited<ReturnType<typeof bundleWriter>>;
beforeAll(async () => {
  writer = await bundleWriter('save-then-die.ts');
});
afterAll(() => writer.dispose());

const saveThenDie = (args: string[]) => runToEnd(writer.file, args);

describe('a kill between a save and its index update', () => {
  it('loses nothing: the next open catches the index up from the case files', async () => {
    const { dir, api, session } = await tempLibrary();
    const f = await buildSearchFixture(api);
    await api['search:query']({ query: 'anything' });
    await session.close(); // the index is saved
    const savedIndex = await readFile(indexPath(dir));

    const died = await saveThenDie([dir, f.zoe.id, f.note.id, 'A heron stood in the shallows.']);
    expect(died.err).toBe('');
    expect(died.out).toBe('acknowledged\n');
    expect(died.signal).toBe('SIGKILL');
    // The save is on disk, in the change log; the index file is as it was before the save.
    expect(await readFile(path.join(dir, 'cases', f.zoe.id, CHANGE_LOG), 'utf8')).toContain('heron');
    expect((await readFile(indexPath(dir))).equals(savedIndex)).toBe(true);

    const reopened = await openTempLibrary(dir);
    const search = (query: string) => reopened.api['search:query']({ query, limit: 100, hitsPerCase: 100 });
    expect(hitIds(await search('heron'))).toEqual([f.note.id]);
    expect(hitIds(await search('footage'))).toEqual([]);
    expect(await reopened.api['search:status']({})).toMatchObject({ state: 'ready', origin: 'loaded', reindexedCases: 1 });
  });
});
