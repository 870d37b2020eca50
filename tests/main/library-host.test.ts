import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { HEADLESS_SHELL } from '../../src/core/shell';
import { LibraryHost } from '../../src/main/library-host';
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
});
