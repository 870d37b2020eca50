import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { HEADLESS_SHELL } from '../../src/core/shell';
import { LOCK_FILE, LOCK_OWNER_FILE } from '../../src/core/storage/lock';
import { LibraryHost } from '../../src/main/library-host';
import { dispatch } from '../../src/shared/api/dispatch';
import { tempDir } from '../helpers/temp-library';

vi.mock('electron', () => ({}));

async function library(name: string) {
  const dir = path.join(await tempDir(), name);
  await (await CaseLibrary.create(dir, name)).close();
  return dir;
}

describe('the library the window talks to', () => {
  it('switches libraries, releasing the first one’s lock', async () => {
    const [a, b] = [await library('A'), await library('B')];
    const host = new LibraryHost(HEADLESS_SHELL);
    await host.open(a);
    await host.open(a); // opening the open library again changes nothing
    expect((await host.handlers!['library:info']({})).name).toBe('A');
    await host.open(b);
    expect((await host.handlers!['library:info']({})).name).toBe('B');
    const again = await CaseLibrary.open(a);
    await again.close();
    await host.close();
    expect(host.handlers).toBeUndefined();
  });

  it('keeps the current library when another cannot be opened', async () => {
    const a = await library('A');
    const host = new LibraryHost(HEADLESS_SHELL);
    await host.open(a);
    await expect(host.open(path.join(a, 'missing'))).rejects.toBeTruthy();
    expect((await host.handlers!['library:info']({})).name).toBe('A');
    await host.close();
  });

  it('opens a library another computer holds read-only, and takes it over when asked', async () => {
    const a = await library('A');
    // Another Casefolio, on another computer sharing the folder, has it open for writing.
    await mkdir(path.join(a, LOCK_FILE));
    await writeFile(path.join(a, LOCK_FILE, LOCK_OWNER_FILE), JSON.stringify({ pid: 77, host: 'office-pc', since: '2026-01-01T09:00:00.000Z', token: 'theirs' }));
    const host = new LibraryHost(HEADLESS_SHELL);
    await host.open(a);
    const info = await host.handlers!['library:info']({});
    expect(info).toMatchObject({ readOnly: true, lock: { state: 'held-elsewhere', otherComputer: true, holder: { pid: 77, host: 'office-pc' } } });
    expect(await dispatch(host.handlers!, 'cases:create', { fields: { title: 'Refused' } })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    const taken = await host.handlers!['library:takeOver']({});
    expect(taken.readOnly).toBe(false);
    expect(taken.lock).toBeUndefined();
    expect(await dispatch(host.handlers!, 'cases:create', { fields: { title: 'Saved by the window' } })).toMatchObject({ ok: true });
    expect(JSON.parse(await readFile(path.join(a, LOCK_FILE, LOCK_OWNER_FILE), 'utf8')).pid).toBe(process.pid);
    await host.close();
  });
});
