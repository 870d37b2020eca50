/* The library lock (issue #12): who may write, and what a writer that lost its lock does. */
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { createHandlers } from '../../src/core/handlers';
import { breakLock, LOCK_FILE, LOCK_OWNER_FILE, lockState } from '../../src/core/storage/lock';
import { dispatch } from '../../src/shared/api/dispatch';
import { fixedDeps, tempLibrary } from '../helpers/temp-library';

async function closedLibrary() {
  const { dir, api, lib } = await tempLibrary();
  const c = await api['cases:create']({ fields: { title: 'Locked case' } });
  const source = await api['sources:create']({ caseId: c.id, fields: { title: 'A source' } });
  await lib.close();
  return { dir, caseId: c.id, sourceId: source.id, caseFile: path.join(dir, 'cases', c.id, 'case.json') };
}

describe('the library lock', () => {
  it('honours a lock from another computer (a network share), and names it', async () => {
    const { dir } = await closedLibrary();
    await mkdir(path.join(dir, LOCK_FILE));
    await writeFile(path.join(dir, LOCK_FILE, LOCK_OWNER_FILE), JSON.stringify({ pid: 1, host: 'laptop-elsewhere', since: '2026-01-01T00:00:00.000Z', token: 'x' }));
    await expect(CaseLibrary.open(dir)).rejects.toMatchObject({ code: 'LIBRARY_LOCKED', message: expect.stringMatching(/process 1 on laptop-elsewhere/) });
    expect(await lockState(dir)).toMatchObject({ kind: 'held', where: 'other-host' });
    // Broken knowingly, it opens.
    expect(await breakLock(dir)).toMatchObject({ host: 'laptop-elsewhere' });
    const lib = await CaseLibrary.open(dir);
    await lib.close();
  });

  it('never takes a lock that is still being written for a stale one', async () => {
    const { dir } = await closedLibrary();
    await writeFile(path.join(dir, LOCK_FILE), ''); // an older version, between creating its lock file and filling it
    await expect(CaseLibrary.open(dir)).rejects.toMatchObject({ code: 'LIBRARY_LOCKED', message: expect.stringMatching(/opening this library for writing right now/) });
    // Left like that (its writer crashed), it becomes stale and is taken over.
    const old = new Date(Date.now() - 60_000);
    await utimes(path.join(dir, LOCK_FILE), old, old);
    const lib = await CaseLibrary.open(dir);
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE, LOCK_OWNER_FILE), 'utf8')).pid).toBe(process.pid);
    await lib.close();
  });

  it('a writer whose lock was broken finds out before its next write, refuses, and overwrites nothing', async () => {
    const { dir, caseId, sourceId, caseFile } = await closedLibrary();
    const first = await CaseLibrary.open(dir, fixedDeps());
    const firstApi = createHandlers(first);
    await breakLock(dir); // someone chose "Take over" in another window
    const second = await CaseLibrary.open(dir, fixedDeps());
    const saved = await dispatch(createHandlers(second), 'notes:create', { caseId, fields: { title: 'Saved by the new writer', body: '' } });
    expect(saved.ok).toBe(true);
    const before = await readFile(caseFile, 'utf8');

    const refused = await dispatch(firstApi, 'notes:create', { caseId, fields: { title: 'From the old writer', body: '' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LIBRARY_LOCKED', message: expect.stringMatching(/has taken this library for writing, so this change was not saved\. Nothing was overwritten/) } });
    const attach = await dispatch(firstApi, 'attachments:add', { caseId, sourceId, fileName: 'a.txt', contentBase64: Buffer.from('x').toString('base64') });
    expect(attach).toMatchObject({ ok: false, error: { code: 'LIBRARY_LOCKED' } });
    expect(await readdir(path.join(dir, 'cases', caseId))).not.toContain('files');
    expect(await readFile(caseFile, 'utf8')).toBe(before);
    // Closing the old writer leaves the new writer's lock alone.
    await first.close();
    expect(await lockState(dir)).toMatchObject({ kind: 'held', where: 'this-process' });
    const again = await dispatch(createHandlers(second), 'notes:create', { caseId, fields: { title: 'Still the writer', body: '' } });
    expect(again.ok).toBe(true);
    await second.close();
    expect((await readdir(dir)).filter((n) => n === LOCK_FILE)).toEqual([]);
  });

  it('read-only: every change is refused with READ_ONLY, and nothing is written', async () => {
    const { dir, caseId, caseFile } = await closedLibrary();
    const before = await readFile(caseFile, 'utf8');
    const lib = await CaseLibrary.open(dir, { readOnly: true });
    const handlers = createHandlers(lib);
    for (const [name, input] of [
      ['notes:create', { caseId, fields: { title: 'x', body: '' } }],
      ['cases:update', { caseId, patch: { title: 'Changed' } }],
      ['tags:define', { path: 'theme/x' }],
      ['library:updateSettings', { userName: 'Someone' }],
    ] as const) {
      expect(await dispatch(handlers, name, input)).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    }
    expect(await readFile(caseFile, 'utf8')).toBe(before);
    expect((await dispatch(handlers, 'library:info', {})) as { value: { readOnly: boolean } }).toMatchObject({ ok: true, value: { readOnly: true } });
    await lib.close();
  });

  it('tells another host’s lock from this host’s', async () => {
    const { dir } = await closedLibrary();
    const lib = await CaseLibrary.open(dir);
    expect(await lockState(dir, 'some-other-host')).toMatchObject({ kind: 'held', where: 'other-host', holder: { host: os.hostname() } });
    await lib.close();
    expect(await lockState(dir)).toEqual({ kind: 'free' });
  });
});
