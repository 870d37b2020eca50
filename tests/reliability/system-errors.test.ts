/*
 * System errors in words (issue #12), on real file systems: a library on a full disk and on a read-only
 * one. The CLI must say what happened and that nothing was changed, never the raw errno text, and a lock
 * that could not be written must leave nothing behind. Needs a small tmpfs (mount, as root: CI's container
 * and this machine); where mounting is not allowed the tests say so and are skipped.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { createCase } from '../../src/core/services/cases';
import { toErrorValue } from '../../src/shared/api/dispatch';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';

const mounted: string[] = [];
afterEach(async () => {
  while (mounted.length) execFileSync('umount', [mounted.pop()!]);
});

function canMount(): boolean {
  try {
    execFileSync('mkdir', ['-p', '/tmp/casefolio-mount-probe']);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', '/tmp/casefolio-mount-probe'], { stdio: 'ignore' });
    execFileSync('umount', ['/tmp/casefolio-mount-probe']);
    return true;
  } catch {
    return false;
  }
}
const mountable = canMount();
if (!mountable) console.warn('system-errors.test.ts: cannot mount a tmpfs here, so the full-disk and read-only-disk tests are skipped');

async function smallDisk(size: string): Promise<string> {
  const dir = await tempDir('casefolio-disk-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}

async function libraryWithACase(disk: string): Promise<{ dir: string; caseFile: string; before: string }> {
  const dir = path.join(disk, 'library');
  const lib = await CaseLibrary.create(dir, 'On a small disk');
  const c = await createCase(lib, { title: 'Kept whole' });
  await lib.close();
  const caseFile = path.join(dir, 'cases', c.id, 'case.json');
  return { dir, caseFile, before: await readFile(caseFile, 'utf8') };
}

async function fillDisk(disk: string): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 1);
  for (let i = 0; ; i++) {
    try {
      await writeFile(path.join(disk, `filler-${i}`), chunk);
    } catch {
      break;
    }
  }
  // Fill the last few bytes too, one small file at a time.
  for (let i = 0; i < 64; i++) await writeFile(path.join(disk, `crumb-${i}`), Buffer.alloc(512, 1)).catch(() => undefined);
}

describe.skipIf(!mountable)('system errors on real disks', () => {
  it('a full disk: the command says the disk is full and nothing changed, and no lock is left behind', async () => {
    const disk = await smallDisk('2m');
    const { dir, caseFile, before } = await libraryWithACase(disk);
    await fillDisk(disk);
    const result = await casefolio(['new', 'One more', '--library', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The disk is full, so this was not saved and nothing was changed/);
    expect(result.stderr).not.toMatch(/no space left on device|open '/);
    expect((await readdir(dir)).filter((n) => n.startsWith('.casefolio.lock'))).toEqual([]);
    expect(await readFile(caseFile, 'utf8')).toBe(before);
    // Once there is room again, the library opens for writing as usual.
    for (const name of await readdir(disk)) if (/^(filler|crumb)-/.test(name)) await rm(path.join(disk, name));
    expect((await casefolio(['new', 'One more', '--library', dir])).code).toBe(0);
  });

  it('a read-only disk: writing is refused in words, reading still works', async () => {
    const disk = await smallDisk('2m');
    const { dir, caseFile, before } = await libraryWithACase(disk);
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const result = await casefolio(['new', 'One more', '--library', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/read-only disk or share, so nothing was saved and nothing was changed/);
    expect(result.stderr).not.toMatch(/read-only file system/);
    expect(await readFile(caseFile, 'utf8')).toBe(before);
    const read = await casefolio(['cases', '--library', dir]);
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/Kept whole/);
  });
});

describe('every system error code a user may meet has its own sentence', () => {
  it.each([
    ['ENOSPC', /disk is full/],
    ['EROFS', /read-only disk/],
    ['EACCES', /not allowed to write/],
    ['EPERM', /did not permit/],
    ['EBUSY', /in use by another program/],
    ['EIO', /read or write error/],
  ])('%s', (code, sentence) => {
    const raw = Object.assign(new Error(`${code}: something, open '/x/.casefolio.lock'`), { code });
    const value = toErrorValue(raw);
    expect(value.code).toBe('IO_ERROR');
    expect(value.message).toMatch(sentence);
    expect(value.message).toMatch(/nothing was changed/);
    expect(value.message).not.toMatch(/casefolio\.lock|open '/);
  });
});

