/*
 * The search index follows a save just after it is acknowledged. A program killed in between has saved the
 * change (it is in the case's change log) but not indexed it, and never wrote the index file again: the
 * next open must find the case changed by its fingerprint and catch the index up, so search loses nothing.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPath } from '../../src/core/search/persist';
import { CHANGE_LOG } from '../../src/core/storage/change-log';
import { buildSearchFixture, hitIds } from '../core/search/fixture';
import { openTempLibrary, tempLibrary } from '../helpers/temp-library';
import { bundleWriter } from './crash-safety';

let writer: Awaited<ReturnType<typeof bundleWriter>>;
beforeAll(async () => {
  writer = await bundleWriter('save-then-die.ts');
});
afterAll(() => writer.dispose());

function saveThenDie(args: string[]): Promise<{ signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer.file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, out, err }));
  });
}

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
