import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { createLibrary } from '../../src/core/library-session';
import { LOCK_FILE, LOCK_OWNER_FILE } from '../../src/core/storage/lock';
import { fixedDeps, openTempLibrary, tempDir, tempLibrary } from '../helpers/temp-library';
import { MIGRATIONS } from '../../src/core/storage/migrations';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/domain';
import { casefolio as runCli } from '../helpers/cli';



async function libraryWithTwoCases() {
  const { dir, lib, api } = await tempLibrary();
  const a = await api['cases:create']({ fields: { title: 'Alpha', tags: ['theme/a'] } });
  const b = await api['cases:create']({ fields: { title: 'Beta' } });
  await lib.close();
  return { dir, a, b };
}

describe('a damaged case file', () => {
  for (const [what, damage] of [
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['garbage', () => '\u0000\u0001binary garbage'],
    ['empty', () => ''],
    ['valid JSON of the wrong shape', () => JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, case: { title: 42 } })],
  ] as const) {
    it(`is set aside and reported when ${what}, while the rest of the library opens`, async () => {
      const { dir, a, b } = await libraryWithTwoCases();
      const file = path.join(dir, 'cases', a.id, 'case.json');
      const original = await readFile(file, 'utf8');
      await writeFile(file, damage(original));
      const damagedBytes = await readFile(file);

      const lib = await CaseLibrary.open(dir, fixedDeps());
      expect(lib.read.caseFiles().map((f) => f.case.title)).toEqual(['Beta']);
      expect(lib.read.problems).toHaveLength(1);
      const [problem] = lib.read.problems;
      expect(problem.file).toBe(path.join('cases', a.id, 'case.json'));
      expect(problem.reason.length).toBeGreaterThan(5);
      expect(problem.movedTo).toMatch(/case\.json\.corrupt-\d{8}T\d{6}Z$/);
      // The damaged bytes are kept exactly as they were, not overwritten.
      expect(await readFile(path.join(dir, problem.movedTo!))).toEqual(damagedBytes);
      expect(lib.requireCase(b.id).case.title).toBe('Beta');
      await lib.close();
    });
  }

  it('is only reported, never moved, when the library is opened read-only', async () => {
    const { dir, a } = await libraryWithTwoCases();
    const file = path.join(dir, 'cases', a.id, 'case.json');
    await writeFile(file, '{ not json');
    const lib = await CaseLibrary.open(dir, { readOnly: true });
    expect(lib.read.problems[0]).toMatchObject({ file: path.join('cases', a.id, 'case.json') });
    expect(lib.read.problems[0].movedTo).toBeUndefined();
    expect(await readFile(file, 'utf8')).toBe('{ not json');
    await lib.close();
  });
});

describe('migrations', () => {
  it('migrates an older file on open and keeps the original beside it', async () => {
    const { dir, a } = await libraryWithTwoCases();
    const file = path.join(dir, 'cases', a.id, 'case.json');
    const current = JSON.parse(await readFile(file, 'utf8'));
    // A hypothetical version 0 that called the case "record" — the migration under test renames it back.
    const { case: record, ...rest } = current;
    const old = { ...rest, schemaVersion: 0, record };
    await writeFile(file, JSON.stringify(old));
    const migrations = { ...MIGRATIONS, 0: ({ record: r, ...others }: Record<string, unknown>) => ({ ...others, case: r }) };
    const lib = await CaseLibrary.open(dir, { ...fixedDeps(), migrations });
    expect(lib.requireCase(a.id).case.title).toBe('Alpha');
    expect(JSON.parse(await readFile(`${file}.v0.bak`, 'utf8'))).toEqual(old);
    expect(JSON.parse(await readFile(file, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    await lib.close();
  });

  it('leaves a file from a newer version alone and says so', async () => {
    const { dir, a } = await libraryWithTwoCases();
    const file = path.join(dir, 'cases', a.id, 'case.json');
    const newer = { ...JSON.parse(await readFile(file, 'utf8')), schemaVersion: 99 };
    await writeFile(file, JSON.stringify(newer));
    const lib = await CaseLibrary.open(dir, fixedDeps());
    expect(lib.read.problems[0].reason).toMatch(/newer Casefolio/);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(newer);
    await lib.close();
  });
});

describe('one writer per library', () => {
  it('refuses a second process that wants to write, with LIBRARY_LOCKED', async () => {
    const { dir, lib } = await tempLibrary();
    const result = await runCli(['new', 'Second writer', '--library', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/open for writing in another Casefolio \(process \d+/);
    expect(lib.read.caseFiles()).toHaveLength(0);
    // Readers are not blocked.
    const read = await runCli(['cases', '--library', dir]);
    expect(read.code).toBe(0);
  });

  it('takes over a lock left by a process that has died', async () => {
    const { dir, lib } = await tempLibrary();
    await lib.close();
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid!;
    await new Promise((r) => dead.on('close', r));
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid, host: os.hostname(), since: '2020-01-01T00:00:00.000Z' }));
    const reopened = await CaseLibrary.open(dir);
    const lock = JSON.parse(await readFile(path.join(dir, LOCK_FILE, LOCK_OWNER_FILE), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    await reopened.close();
    expect((await readdir(dir)).includes(LOCK_FILE)).toBe(false);
  });
});

describe('tags across the library', () => {
  it('renames a subtree in every case, every record kind, and the vocabulary', async () => {
    const { api, lib, dir } = await tempLibrary();
    const a = await api['cases:create']({ fields: { title: 'A', tags: ['theme/misogyny'] } });
    const b = await api['cases:create']({ fields: { title: 'B' } });
    const s = await api['sources:create']({ caseId: b.id, fields: { title: 'S', tags: ['theme/misogyny/online', 'themes/other'] } });
    await api['notes:create']({ caseId: b.id, fields: { title: 'N', tags: ['theme'] } });
    const result = await api['tags:rename']({ from: 'theme', to: 'issue' });
    expect(result.changed).toBe(3);
    await lib.close();
    const reopened = await CaseLibrary.open(dir);
    expect(reopened.requireCase(a.id).case.tags).toEqual(['issue/misogyny']);
    expect(reopened.requireCase(b.id).sources.find((x) => x.id === s.id)!.tags).toEqual(['issue/misogyny/online', 'themes/other']);
    expect(reopened.requireCase(b.id).notes[0].tags).toEqual(['issue']);
    const paths = reopened.read.library.tags.map((t) => t.path);
    expect(paths).toContain('issue/misogyny/online');
    expect(paths.filter((p) => p === 'theme' || p.startsWith('theme/'))).toEqual([]);
    await reopened.close();
  });

  it('refuses to rename onto an existing tag, and merges when asked', async () => {
    const { api, lib } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'A', tags: ['a/x', 'b'] } });
    await expect(api['tags:rename']({ from: 'a', to: 'b' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(api['tags:rename']({ from: 'a', to: 'a/x/y' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await api['tags:define']({ path: 'b', color: '#112233' });
    await api['tags:merge']({ from: 'a', into: 'b' });
    expect(lib.requireCase(c.id).case.tags).toEqual(['b/x', 'b']);
    expect(lib.read.library.tags.find((t) => t.path === 'b')!.color).toBe('#112233');
    await api['tags:move']({ path: 'b/x', newParent: null });
    expect(lib.requireCase(c.id).case.tags).toEqual(['x', 'b']);
  });

  it('applies and removes a tag on many records at once, or on none if one is missing', async () => {
    const { api, lib } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'A' } });
    const ids = [];
    for (const title of ['one', 'two', 'three']) ids.push((await api['sources:create']({ caseId: c.id, fields: { title } })).id);
    const targets = ids.map((id) => ({ caseId: c.id, kind: 'source' as const, id }));
    expect(await api['tags:apply']({ tag: 'review/todo', targets })).toEqual({ changed: 3 });
    expect(lib.requireCase(c.id).sources.every((s) => s.tags.includes('review/todo'))).toBe(true);
    await expect(api['tags:remove']({ tag: 'review/todo', targets: [...targets, { caseId: c.id, kind: 'source', id: 'src_missing' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(lib.requireCase(c.id).sources.every((s) => s.tags.includes('review/todo'))).toBe(true);
    expect(await api['tags:remove']({ tag: 'review/todo', targets: targets.slice(0, 2) })).toEqual({ changed: 2 });
    expect(lib.requireCase(c.id).sources.map((s) => s.tags)).toEqual([[], [], ['review/todo']]);
  });
});

describe('durability', () => {
  it('keeps every one of 10,000 sequential saves across 50 case files', async () => {
    const dir = path.join(await tempDir(), 'lib');
    const { lib, api } = await createLibrary(dir, 'Saves', { ...fixedDeps(), warm: false });
    const cases = [];
    for (let i = 0; i < 50; i++) cases.push(await api['cases:create']({ fields: { title: `Case ${i}` } }));
    for (let i = 0; i < 10_000 - 50; i++) {
      await api['events:create']({ caseId: cases[i % 50].id, fields: { date: { value: '2022' }, title: `Event ${i}` } });
    }
    await lib.close();
    const reopened = await CaseLibrary.open(dir, { readOnly: true });
    const titles = new Set(reopened.read.caseFiles().flatMap((f) => f.events.map((e) => e.title)));
    expect(reopened.read.caseFiles()).toHaveLength(50);
    expect(titles.size).toBe(10_000 - 50);
    for (let i = 0; i < 10_000 - 50; i++) expect(titles.has(`Event ${i}`)).toBe(true);
    // journal.jsonl is the case's audit journal (evidence/journal.ts), not a leftover.
    const leftovers = (await readdir(path.join(dir, 'cases', cases[0].id))).filter((n) => n !== 'case.json' && n !== 'journal.jsonl');
    expect(leftovers).toEqual([]);
    await reopened.close();
  }, 300_000);

  it('removes temp files a crashed writer left behind', async () => {
    const { dir, a } = await libraryWithTwoCases();
    const stale = path.join(dir, 'cases', a.id, '.case.json.1234.abcdef.casefolio-tmp');
    await writeFile(stale, '{"half": ');
    const lib = await CaseLibrary.open(dir);
    expect((await readdir(path.join(dir, 'cases', a.id))).filter((n) => n !== 'journal.jsonl')).toEqual(['case.json']);
    await lib.close();
  });
});

describe('opening', () => {
  it('says clearly when a folder is not a library', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'empty'));
    await expect(CaseLibrary.open(path.join(dir, 'empty'))).rejects.toMatchObject({ code: 'LIBRARY_NOT_FOUND' });
  });
});

describe('rolling backups', () => {
  it('keeps the previous version of a case file, at most one per interval, the newest N', async () => {
    const dir = path.join(await tempDir(), 'lib');
    let clock = Date.UTC(2026, 0, 1);
    const deps = { now: () => new Date(clock), backups: { keep: 3, intervalMs: 60_000 } };
    const setup = await createLibrary(dir, 'Backups', { ...deps, warm: false });
    const c = await setup.api['cases:create']({ fields: { title: 'v0', summary: '', status: 'open', tags: [] } });
    await setup.close();
    const { lib, api } = await openTempLibrary(dir, deps);
    for (let v = 1; v <= 6; v++) {
      clock += 30_000; // two edits a minute: only every other one is backed up
      await api['cases:update']({ caseId: c.id, patch: { title: `v${v}` } });
    }
    const backups = await lib.read.listBackups(c.id);
    expect(backups).toHaveLength(3);
    const titles = await Promise.all(backups.map(async (b) => JSON.parse(await readFile(b, 'utf8')).case.title));
    expect(titles).toEqual(['v4', 'v2', 'v0']);
    // The case folder itself holds only the case and its audit journal (once the change log is folded): backups live outside it.
    await lib.checkpoint();
    expect(await readdir(path.join(dir, 'cases', c.id))).toEqual(['case.json', 'journal.jsonl']);
  });
});
