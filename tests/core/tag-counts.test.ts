/*
 * Tag counts and the other figures the window asks for at start-up come from the cases' digests (kept
 * with each save and in the catalogue), never from reading every case file. Each count here is checked
 * twice: against the number a person would expect, and against a count made the slow way from the case
 * files on disk, so the digests can never drift from the files.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_FILE } from '../../src/core/storage/catalogue';
import type { Api } from '../../src/shared/api/client';
import type { CaseFile } from '../../src/shared/domain';
import { openTempLibrary, tempLibrary } from '../helpers/temp-library';

async function countsShown(api: Api): Promise<Record<string, number>> {
  return Object.fromEntries((await api['tags:list']({})).map((t) => [t.path, t.count]));
}

/** The same counts made the slow way: every case file read from disk, live records of live cases only. */
/** What the case files say, once every save waiting in a change log is folded into them. */
async function countsOnDisk(dir: string, api: Api, session?: { checkpoint(): Promise<void> }): Promise<Record<string, number>> {
  await session?.checkpoint();
  const counts: Record<string, number> = Object.fromEntries((await api['tags:list']({})).map((t) => [t.path, 0]));
  for (const id of await readdir(path.join(dir, 'cases'))) {
    const file = JSON.parse(await readFile(path.join(dir, 'cases', id, 'case.json'), 'utf8')) as CaseFile;
    if (file.case.deletedAt) continue;
    for (const record of [file.case, ...file.sources, ...file.notes, ...file.events]) {
      if (record.deletedAt) continue;
      for (const tag of record.tags) counts[tag] = (counts[tag] ?? 0) + 1;
    }
  }
  return counts;
}

/** Two cases, tagged on the case, a source, a note and an event, then closed so the catalogue knows them. */
async function taggedLibrary() {
  const { dir, api, session } = await tempLibrary();
  const a = await api['cases:create']({ fields: { title: 'Alpha', slug: 'alpha', tags: ['theme/a'] } });
  const source = await api['sources:create']({ caseId: a.id, fields: { title: 'Alpha source', tags: ['theme/a', 'review/todo'] } });
  const note = await api['notes:create']({ caseId: a.id, fields: { title: 'Alpha note', body: 'text', tags: ['review/todo'] } });
  const b = await api['cases:create']({ fields: { title: 'Beta', slug: 'beta' } });
  const event = await api['events:create']({ caseId: b.id, fields: { title: 'Beta event', date: { value: '2020-01-02' }, tags: ['theme/a'] } });
  await session.close();
  return { dir, a, b, source, note, event };
}

describe('tag counts kept with each case', () => {
  it('are listed at start-up without reading a single case file, and match the files', async () => {
    const { dir, a, b } = await taggedLibrary();
    const { lib, api } = await openTempLibrary(dir);
    // Every call the window makes before its first paint.
    await api['library:info']({});
    await api['cases:list']({});
    const shown = await countsShown(api);
    await api['searches:list']({});
    expect(lib.read.isCaseLoaded(a.id)).toBe(false);
    expect(lib.read.isCaseLoaded(b.id)).toBe(false);
    expect(shown).toEqual({ theme: 0, 'theme/a': 3, review: 0, 'review/todo': 2 });
    expect(shown).toEqual(await countsOnDisk(dir, api));
  });

  it('follow edits, tagging, trashing and restoring records and cases, and undo', async () => {
    const { dir, a, b, source, note, event } = await taggedLibrary();
    const session = await openTempLibrary(dir);
    const { api } = session;
    const check = async (expected: Record<string, number>) => {
      const shown = await countsShown(api);
      expect(shown).toMatchObject(expected);
      expect(shown).toEqual(await countsOnDisk(dir, api, session));
    };
    await api['notes:update']({ caseId: a.id, noteId: note.id, patch: { tags: ['theme/a', 'review/todo'] } });
    await check({ 'theme/a': 4, 'review/todo': 2 });
    await api['tags:apply']({ tag: 'outcome/apology', targets: [{ caseId: b.id, kind: 'event', id: event.id }, { caseId: b.id, kind: 'case', id: b.id }] });
    await check({ 'outcome/apology': 2 });
    await api['tags:remove']({ tag: 'theme/a', targets: [{ caseId: a.id, kind: 'source', id: source.id }] });
    await check({ 'theme/a': 3 });
    await api['records:trash']({ caseId: a.id, kind: 'note', ids: [note.id] });
    await check({ 'theme/a': 2, 'review/todo': 1 });
    await api['trash:restore']({ id: note.id, caseId: a.id });
    await check({ 'theme/a': 3, 'review/todo': 2 });
    await api['cases:delete']({ caseId: a.id });
    await check({ 'theme/a': 1, 'review/todo': 0, 'outcome/apology': 2 });
    await api['trash:restore']({ id: a.id });
    await check({ 'theme/a': 3, 'review/todo': 2 });
    await api['tags:rename']({ from: 'review', to: 'checking' });
    await check({ 'checking/todo': 2 });
    await api['history:undo']({});
    await check({ 'review/todo': 2 });
  });

  it('are rebuilt from the files when the catalogue is stale: an older format, or a file changed by another program', async () => {
    const { dir, a, b } = await taggedLibrary();
    // A catalogue of the previous format, whose digests have no tag counts.
    const catalogue = JSON.parse(await readFile(path.join(dir, CATALOGUE_FILE), 'utf8'));
    catalogue.format = 1;
    for (const entry of Object.values(catalogue.cases) as { digest: { tagCounts?: unknown } }[]) delete entry.digest.tagCounts;
    await writeFile(path.join(dir, CATALOGUE_FILE), JSON.stringify(catalogue));
    // And case b tagged by another program behind the library's back.
    const bFile = path.join(dir, 'cases', b.id, 'case.json');
    const edited = JSON.parse(await readFile(bFile, 'utf8')) as CaseFile;
    edited.events[0].tags = ['theme/a', 'review/todo'];
    await writeFile(bFile, `${JSON.stringify(edited, null, 2)}\n`);

    const first = await openTempLibrary(dir);
    expect(first.lib.read.isCaseLoaded(a.id)).toBe(true); // validated again: the old catalogue is not trusted
    expect(await countsShown(first.api)).toEqual({ theme: 0, 'theme/a': 3, review: 0, 'review/todo': 3 });
    await first.close();
    // The rebuilt catalogue is trusted at the next open: nothing is read, and the counts are the same.
    const second = await openTempLibrary(dir);
    expect(await countsShown(second.api)).toEqual(await countsOnDisk(dir, second.api, second));
    expect(await countsShown(second.api)).toMatchObject({ 'review/todo': 3 });
    expect(second.lib.read.isCaseLoaded(a.id)).toBe(false);
    expect(second.lib.read.isCaseLoaded(b.id)).toBe(false);
  });

  it('count tags whose names are also names of object properties', async () => {
    const { dir, api, session } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Odd tags', tags: ['__proto__', 'constructor', 'toString'] } });
    await api['sources:create']({ caseId: c.id, fields: { title: 'One', tags: ['__proto__'] } });
    const expected = [['__proto__', 2], ['constructor', 1], ['toString', 1]];
    const listed = async (a: Api) => (await a['tags:list']({})).map((t) => [t.path, t.count]).sort();
    expect(await listed(api)).toEqual(expected);
    await session.close();
    // And the same from the catalogue, at the next open.
    const reopened = await openTempLibrary(dir);
    expect(reopened.lib.read.isCaseLoaded(c.id)).toBe(false);
    expect(await listed(reopened.api)).toEqual(expected);
  });
});
