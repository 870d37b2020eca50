/*
 * Nothing silent (issue #12): a damaged or oversized case file is reported by every command, `cases` exits
 * non-zero while one cannot be read, and the lock's way out (read-only, unlock --force) works from the CLI.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { LOCK_FILE, LOCK_OWNER_FILE } from '../../src/core/storage/lock';
import { casefolio } from '../helpers/cli';
import { tempLibrary } from '../helpers/temp-library';
import { bundleWriter } from '../reliability/crash-safety';

async function twoCases() {
  const { dir, api, lib } = await tempLibrary();
  const kept = await api['cases:create']({ fields: { title: 'Kept case', slug: 'kept' } });
  const damaged = await api['cases:create']({ fields: { title: 'Damaged case', slug: 'damaged' } });
  await lib.close();
  return { dir, kept, damaged, damagedFile: path.join(dir, 'cases', damaged.id, 'case.json') };
}

let measure: Awaited<ReturnType<typeof bundleWriter>>;
beforeAll(async () => {
  measure = await bundleWriter('open-and-measure.ts');
});
afterAll(() => measure?.dispose());

function openAndMeasure(dir: string): Promise<{ cases: number; problems: { file: string; reason: string }[]; maxRssBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [measure.file, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(out)));
  });
}

describe('a damaged or oversized case file is never silent', () => {
  it('a write to another case sets the damaged file aside and says so; cases then exits 1 and names it', async () => {
    const { dir, damagedFile, damaged } = await twoCases();
    await writeFile(damagedFile, '{"schemaVersion": 1, "case": {"id": "trunc');
    const add = await casefolio(['add', 'note', 'kept', '--title', 'A note', '--body', 'x', '--library', dir]);
    expect(add.code).toBe(0);
    expect(add.stderr).toMatch(new RegExp(`casefolio: warning: cases/${damaged.id}/case.json: it is not valid JSON .*set aside as cases/${damaged.id}/case.json.corrupt-`));
    const list = await casefolio(['cases', '--library', dir]);
    expect(list.code).toBe(1);
    expect(list.stdout).toMatch(/Kept case/);
    expect(list.stderr).toMatch(new RegExp(`warning: cases/${damaged.id}/case.json`));
    expect(list.stderr).toMatch(/1 case file could not be read, so it is not in this list/);
  });

  it('the contract’s field limits apply when loading: a 2-million-character summary is refused', async () => {
    const { dir, damagedFile } = await twoCases();
    const file = JSON.parse(await readFile(damagedFile, 'utf8'));
    file.case.summary = 'x'.repeat(2_000_000);
    await writeFile(damagedFile, JSON.stringify(file));
    const list = await casefolio(['cases', '--json', '--library', dir]);
    expect(list.code).toBe(1);
    expect(JSON.parse(list.stdout).map((c: { title: string }) => c.title)).toEqual(['Kept case']);
    expect(list.stderr).toMatch(/case\.summary: At most 1,000,000 characters/);
  });

  it('a 300 MB case file is reported and left alone, not read into memory', async () => {
    const { dir, damagedFile } = await twoCases();
    const before = await readFile(damagedFile);
    await truncate(damagedFile, 300 * 1024 * 1024);
    const opened = await openAndMeasure(dir);
    expect(opened.cases).toBe(1);
    expect(opened.problems).toEqual([expect.objectContaining({ reason: expect.stringMatching(/it is 300 MB, more than the 32 MB a case file may be, so it was not loaded; it was left as it is/) })]);
    // A generous bound: reading the file would cost at least its 300 MB (bench/README.md has the real figure).
    expect(opened.maxRssBytes).toBeLessThan(200 * 1024 * 1024);
    const list = await casefolio(['cases', '--library', dir]);
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/300 MB/);
    // Left where it was, as it was (its first bytes are the original case file).
    expect((await readFile(damagedFile)).subarray(0, before.length).equals(before)).toBe(true);
  });
});

describe('when another program holds the lock', () => {
  it('a write says so and offers read-only; --read-only opens without the lock and refuses changes', async () => {
    const { dir } = await twoCases();
    const holder = await CaseLibrary.open(dir);
    try {
      const write = await casefolio(['new', 'Second writer', '--library', dir]);
      expect(write.code).toBe(1);
      expect(write.stderr).toMatch(/open for writing in another Casefolio \(process \d+ .*open this one read-only/);
      const readOnly = await casefolio(['--read-only', 'new', 'Second writer', '--library', dir]);
      expect(readOnly.code).toBe(1);
      expect(readOnly.stderr).toMatch(/opened read-only/);
      const show = await casefolio(['--read-only', 'show', 'kept', '--library', dir]);
      expect(show.code).toBe(0);
    } finally {
      await holder.close();
    }
  });

  it('unlock names a lock from another computer and, with --force, breaks it', async () => {
    const { dir } = await twoCases();
    await mkdir(path.join(dir, LOCK_FILE));
    await writeFile(path.join(dir, LOCK_FILE, LOCK_OWNER_FILE), JSON.stringify({ pid: 4242, host: 'office-pc', since: '2026-01-01T09:00:00.000Z', token: 'abc' }));
    const told = await casefolio(['unlock', '--library', dir]);
    expect(told.code).toBe(1);
    expect(told.stderr).toMatch(/locked by process 4242 on office-pc .* on another computer.*casefolio unlock --force.*next change will be refused/);
    expect((await casefolio(['new', 'Blocked', '--library', dir])).code).toBe(1);
    const forced = await casefolio(['unlock', '--force', '--library', dir]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Broke the lock held by process 4242 on office-pc/);
    expect((await readdir(dir)).filter((n) => n.startsWith(LOCK_FILE))).toEqual([]);
    expect((await casefolio(['new', 'Now allowed', '--library', dir])).code).toBe(0);
  });
});
