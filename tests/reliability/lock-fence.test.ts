/*
 * The fence a writer checks before each save (storage/lock.ts): one stat of the lock's owner.json against
 * the file this program wrote and holds open, instead of reading it. It must still refuse the save of a
 * writer whose lock another process has taken over, and it must read nothing while the lock is its own.
 */
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE, LOCK_OWNER_FILE } from '../../src/core/storage/lock';
import { dispatch } from '../../src/shared/api/dispatch';
import { openTempLibrary, tempLibrary } from '../helpers/temp-library';
import { bundleWriter } from './crash-safety';

let takeOver: Awaited<ReturnType<typeof bundleWriter>>;
beforeAll(async () => {
  takeOver = await bundleWriter('take-over.ts');
});
afterAll(() => takeOver.dispose());

async function libraryWithCase() {
  const { dir, api, session } = await tempLibrary();
  const c = await api['cases:create']({ fields: { title: 'Fenced' } });
  await session.close();
  return { dir, caseId: c.id };
}

describe('the lock fence of a save', () => {
  it('refuses the save of a writer whose lock another process took over, and overwrites nothing of theirs', async () => {
    const { dir, caseId } = await libraryWithCase();
    const first = await openTempLibrary(dir);
    await first.api['notes:create']({ caseId, fields: { title: 'Before the takeover', body: '' } }); // its change log is open now

    const child = spawn(process.execPath, [takeOver.file, dir, caseId, 'Saved by the second program'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('taken') && resolve());
      void exited.then(() => reject(new Error(`the second program ended first: ${err}`)));
    });

    const refused = await dispatch(first.handlers, 'notes:create', { caseId, fields: { title: 'From the old writer', body: '' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LIBRARY_LOCKED', message: expect.stringMatching(/has taken this library for writing/) } });
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(err).toBe('');
    await first.close();

    const after = await openTempLibrary(dir, { readOnly: true });
    expect(after.lib.requireCase(caseId).notes.map((n) => n.title)).toEqual(['Before the takeover', 'Saved by the second program']);
  });

  it('reads nothing while the lock is its own, and reads the token when owner.json is not the file it wrote', async () => {
    const { dir, caseId } = await libraryWithCase();
    const session = await openTempLibrary(dir);
    const owner = path.join(dir, LOCK_FILE, LOCK_OWNER_FILE);
    const readFileSpy = vi.spyOn(fsp, 'readFile');
    const openSpy = vi.spyOn(fsp, 'open');
    try {
      for (let i = 0; i < 3; i++) await session.api['notes:create']({ caseId, fields: { title: `Note ${i}`, body: '' } });
      const touchedOwner = [...readFileSpy.mock.calls, ...openSpy.mock.calls].filter(([file]) => String(file) === owner);
      expect(touchedOwner).toEqual([]);
    } finally {
      readFileSpy.mockRestore();
      openSpy.mockRestore();
    }
    // owner.json rewritten in place (same inode, another token): the identity differs, the token decides.
    const info = JSON.parse(await readFile(owner, 'utf8'));
    await writeFile(owner, `${JSON.stringify({ ...info, token: 'someone-else' })}\n`);
    await expect(session.api['notes:create']({ caseId, fields: { title: 'Refused', body: '' } })).rejects.toMatchObject({ code: 'LIBRARY_LOCKED' });
    // Put back as it was (same bytes, new modification time): the token is its own again, so saves go on.
    await writeFile(owner, `${JSON.stringify(info)}\n`);
    await session.api['notes:create']({ caseId, fields: { title: 'Accepted', body: '' } });
    expect(session.lib.requireCase(caseId).notes.map((n) => n.title)).toEqual(['Note 0', 'Note 1', 'Note 2', 'Accepted']);
  });
});
