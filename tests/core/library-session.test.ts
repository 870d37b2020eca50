/* openLibrary(): the one way every edge opens a library, with the journal, the index and the handlers attached. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/core/evidence/journal';
import { createLibrary, openLibrary } from '../../src/core/library-session';
import { LOCK_FILE, LOCK_OWNER_FILE } from '../../src/core/storage/lock';
import { fixedDeps, tempDir } from '../helpers/temp-library';

describe('a library session', () => {
  it('journals every change made through it, takes the lock, and releases it on close (twice is harmless)', async () => {
    const dir = path.join(await tempDir(), 'lib');
    const session = await createLibrary(dir, 'Sessions', { ...fixedDeps(), warm: false });
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE, LOCK_OWNER_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    const c = await session.api['cases:create']({ fields: { title: 'Journalled' } });
    await session.api['cases:update']({ caseId: c.id, patch: { summary: 'Edited' } });
    await session.lib.settled(); // a save's journal line reaches the file just after the save is acknowledged
    const { entries } = await readJournal(path.join(dir, 'cases', c.id, 'journal.jsonl'));
    expect(entries.map((e) => e.action)).toEqual(['Create case “Journalled”', 'Edit case “Journalled”']);
    await session.close();
    await session.close();
    await expect(readFile(path.join(dir, LOCK_FILE, LOCK_OWNER_FILE))).rejects.toMatchObject({ code: 'ENOENT' });

    // A second writer is refused while a session holds the library.
    const again = await openLibrary(dir, { warm: false });
    await expect(openLibrary(dir, { warm: false })).rejects.toMatchObject({ code: 'LIBRARY_LOCKED' });
    await again.close();
  });

  it('opens read-only without the lock or a journal, and refuses changes', async () => {
    const dir = path.join(await tempDir(), 'lib');
    await (await createLibrary(dir, 'Read only', { warm: false })).close();
    const writer = await openLibrary(dir, { warm: false });
    const reader = await openLibrary(dir, { readOnly: true, warm: false });
    expect(reader.readOnly).toBe(true);
    expect(reader.journal).toBeUndefined();
    expect((await reader.api['library:info']({})).readOnly).toBe(true);
    await expect(reader.api['cases:create']({ fields: { title: 'Nope' } })).rejects.toMatchObject({ code: 'READ_ONLY' });
    await reader.close();
    await writer.close();
  });

  it('starts the search index at once when warm, ready for the first search', async () => {
    const dir = path.join(await tempDir(), 'lib');
    const setup = await createLibrary(dir, 'Warm', { warm: false });
    await setup.api['cases:create']({ fields: { title: 'Helicopter overhead' } });
    await setup.close();
    const session = await openLibrary(dir, { warm: true });
    await session.search.ready();
    expect(session.search.status()).toMatchObject({ state: 'ready', documents: 1 });
    expect((await session.api['search:query']({ query: 'helicopter' })).total).toBe(1);
    await session.close();
  });
});
