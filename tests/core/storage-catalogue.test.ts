import { execFileSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { createHandlers } from '../../src/core/handlers';
import { CATALOGUE_FILE } from '../../src/core/storage/catalogue';
import { nodeWriteOps, type WriteOps } from '../../src/core/storage/durable-write';
import { createClient } from '../../src/shared/api/client';
import { dispatch } from '../../src/shared/api/dispatch';
import { fixedDeps, tempLibrary } from '../helpers/temp-library';

/** Two cases with a source each, written through the services and closed, so the catalogue knows them. */
async function closedLibrary() {
  const { dir, lib, api } = await tempLibrary();
  const a = await api['cases:create']({ fields: { title: 'Alpha', slug: 'alpha', tags: ['theme/a'] } });
  await api['sources:create']({ caseId: a.id, fields: { title: 'Alpha source' } });
  const b = await api['cases:create']({ fields: { title: 'Beta', slug: 'beta' } });
  await api['notes:create']({ caseId: b.id, fields: { title: 'Beta note', body: 'text' } });
  await lib.close();
  return { dir, a, b, file: (id: string) => path.join(dir, 'cases', id, 'case.json') };
}

async function open(dir: string, options: { readOnly?: boolean; trustCatalogue?: boolean } = {}) {
  const lib = await CaseLibrary.open(dir, { ...fixedDeps(), warm: false, ...options });
  const handlers = createHandlers(lib);
  return { lib, api: createClient((name, payload) => dispatch(handlers, name, payload)) };
}

describe('the catalogue', () => {
  it('lets a library open and list its cases without reading unchanged case files', async () => {
    const { dir, a, b } = await closedLibrary();
    expect((await stat(path.join(dir, CATALOGUE_FILE))).size).toBeGreaterThan(0);
    const { lib, api } = await open(dir);
    expect(lib.read.isCaseLoaded(a.id)).toBe(false);
    expect(lib.read.isCaseLoaded(b.id)).toBe(false);
    const list = await api['cases:list']({});
    expect(list.map((c) => [c.slug, c.counts.sources, c.counts.notes])).toEqual([
      ['alpha', 1, 0],
      ['beta', 0, 1],
    ]);
    expect(lib.read.isCaseLoaded(a.id)).toBe(false);
    // Read when first needed, and the same as what was written.
    const shown = await api['cases:get']({ caseId: 'beta' });
    expect(shown.notes[0].title).toBe('Beta note');
    expect(lib.read.isCaseLoaded(b.id)).toBe(true);
    expect(lib.read.isCaseLoaded(a.id)).toBe(false);
    await lib.read.warm();
    expect(lib.read.isCaseLoaded(a.id)).toBe(true);
    expect(JSON.parse(await readFile(path.join(dir, 'cases', a.id, 'case.json'), 'utf8'))).toEqual(lib.read.caseFile(a.id));
    await lib.close();
  });

  it('reads and validates at open a file another program changed, and sets it aside if invalid', async () => {
    const { dir, a, b, file } = await closedLibrary();
    const edited = JSON.parse(await readFile(file(a.id), 'utf8'));
    edited.case.title = 'Alpha, renamed elsewhere';
    await writeFile(file(a.id), JSON.stringify(edited));
    await writeFile(file(b.id), '{"schemaVersion": 1, "case": {"title": 42}}');
    const { lib, api } = await open(dir);
    expect(lib.read.isCaseLoaded(a.id)).toBe(true);
    expect((await api['cases:list']({})).map((c) => c.title)).toEqual(['Alpha, renamed elsewhere']);
    expect(lib.read.problems).toHaveLength(1);
    expect(lib.read.problems[0]).toMatchObject({ file: path.join('cases', b.id, 'case.json'), movedTo: expect.stringMatching(/corrupt/) });
    await lib.close();
  });

  // GNU touch sets a nanosecond-exact mtime, which Node's utimes cannot.
  it.runIf(process.platform === 'linux')('is not fooled by a rewrite that restores the old size and modification time', async () => {
    const { dir, a, file } = await closedLibrary();
    const before = await stat(file(a.id), { bigint: true });
    const original = await readFile(file(a.id), 'utf8');
    // Same length, invalid content (the id no longer matches its folder), old mtime put back to the nanosecond.
    const forged = original.replace(`"id": "${a.id}"`, `"id": "${'x'.repeat(a.id.length)}"`);
    expect(forged.length).toBe(original.length);
    await writeFile(file(a.id), forged);
    const ns = before.mtimeNs;
    execFileSync('touch', ['-m', '-d', `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`, file(a.id)]);
    expect((await stat(file(a.id), { bigint: true })).mtimeNs).toBe(before.mtimeNs);
    const { lib } = await open(dir);
    // Caught at open (its ctime changed), and so set aside as any invalid file is, before anything reads it.
    expect(lib.read.problems).toHaveLength(1);
    expect(lib.read.problems[0]).toMatchObject({ reason: expect.stringMatching(/does not match its folder/), movedTo: expect.stringMatching(/corrupt/) });
    expect(lib.read.caseFile(a.id)).toBeUndefined();
    await lib.close();
  });

  it('validates a file changed while the library is open when it is read, and leaves it alone if invalid', async () => {
    const { dir, a, b, file } = await closedLibrary();
    const { lib, api } = await open(dir);
    expect(lib.read.isCaseLoaded(a.id)).toBe(false);
    await writeFile(file(a.id), 'not json at all');
    await expect(api['cases:get']({ caseId: 'alpha' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(lib.read.problems[0]).toMatchObject({ file: path.join('cases', a.id, 'case.json') });
    expect(lib.read.problems[0].reason).toMatch(/changed on disk while the library was open/);
    expect(await readFile(file(a.id), 'utf8')).toBe('not json at all');
    // A valid change made meanwhile is taken in.
    const changed = JSON.parse(await readFile(file(b.id), 'utf8'));
    changed.case.title = 'Beta, changed meanwhile';
    await writeFile(file(b.id), JSON.stringify(changed));
    expect((await api['cases:get']({ caseId: 'beta' })).case.title).toBe('Beta, changed meanwhile');
    await lib.close();
  });

  it('is ignored when damaged, and bypassed by check', async () => {
    const { dir, a, b } = await closedLibrary();
    await writeFile(path.join(dir, CATALOGUE_FILE), '{"format": 1, "sch');
    const damaged = await open(dir);
    expect(damaged.lib.read.isCaseLoaded(a.id)).toBe(true);
    expect(damaged.lib.read.isCaseLoaded(b.id)).toBe(true);
    await damaged.lib.close();
    const trusting = await open(dir);
    expect(trusting.lib.read.isCaseLoaded(a.id)).toBe(false);
    await trusting.lib.close();
    const checking = await open(dir, { readOnly: true, trustCatalogue: false });
    expect(checking.lib.read.isCaseLoaded(a.id)).toBe(true);
    await checking.lib.close();
  });

  it('is written in full before a close returns, though the open began writing it in the background', async () => {
    const { dir, a, b } = await closedLibrary();
    await writeFile(path.join(dir, CATALOGUE_FILE), '{"format": 1, "sch');
    // Holds the catalogue's write at its temp file, as a slow disk would, until released.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const writeOps: WriteOps = {
      ...nodeWriteOps,
      open: async (file, flags, mode) => {
        if (path.basename(file).startsWith(`.${path.basename(CATALOGUE_FILE)}.`)) {
          holding = true;
          await held;
        }
        return nodeWriteOps.open(file, flags, mode);
      },
    };
    const lib = await CaseLibrary.open(dir, { ...fixedDeps(), warm: false, writeOps });
    expect(lib.read.isCaseLoaded(a.id)).toBe(true); // read and validated: the catalogue was damaged
    await expect.poll(() => holding).toBe(true);
    // What the next program would find on disk the moment this one has closed.
    const closed = lib.close().then(() => readFile(path.join(dir, CATALOGUE_FILE), 'utf8'));
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 300))]);
    release();
    expect(Object.keys(JSON.parse(await closed).cases).sort()).toEqual([a.id, b.id].sort());
    const next = await open(dir);
    expect(next.lib.read.isCaseLoaded(a.id)).toBe(false);
    expect(next.lib.read.isCaseLoaded(b.id)).toBe(false);
    await next.lib.close();
  });

  it('keeps up with saves, so a case changed in one session is not read at the next open', async () => {
    const { dir, a } = await closedLibrary();
    const first = await open(dir);
    await first.api['cases:update']({ caseId: 'alpha', patch: { title: 'Alpha, edited here' } });
    await first.lib.close();
    const second = await open(dir);
    expect(second.lib.read.isCaseLoaded(a.id)).toBe(false);
    expect((await second.api['cases:list']({}))[0].title).toBe('Alpha, edited here');
    await second.lib.close();
  });
});
