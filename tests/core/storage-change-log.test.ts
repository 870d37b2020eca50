/*
 * Saves go to a per-case change log (storage/change-log.ts) and are folded into case.json later. These tests
 * take a copy of a library folder while its writer is still open, which is what a kill right after the last
 * acknowledged save leaves on disk, and open the copy: read-only (shows every save, writes nothing) and for
 * writing (folds the log, restores the journal). Then the damaged cases: a torn last line, a damaged middle
 * line, a kill between the log's append and the journal's, a fold interrupted between its steps.
 */
import { appendFile, cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLibrary } from '../../src/core/check';
import { writeBackup } from '../../src/core/interchange/backup';
import { openLibrary } from '../../src/core/library-session';
import { applyDelta, CHANGE_LOG, deltaOf, encodeLine, readAsSaved } from '../../src/core/storage/change-log';
import { LOCK_FILE } from '../../src/core/storage/lock';
import type { CaseFile } from '../../src/shared/domain';
import { fixedDeps, openTempLibrary, tempDir, tempLibrary } from '../helpers/temp-library';
import { listTree } from '../helpers/tree';

async function libraryWithEdits() {
  const { dir, api, session } = await tempLibrary('Log', { backups: { keep: 0, intervalMs: 0 } });
  const c = await api['cases:create']({ fields: { title: 'Custody death', summary: 'First version', status: 'open', tags: [] } });
  await session.checkpoint(); // the case as case.json holds it; every edit below goes to the log
  const s = await api['sources:create']({ caseId: c.id, fields: { title: 'Inquest report' } });
  const n = await api['notes:create']({ caseId: c.id, fields: { title: 'Timeline gap', body: 'Nine minutes unaccounted for.' } });
  await api['cases:update']({ caseId: c.id, patch: { summary: 'Second version' } });
  await api['notes:update']({ caseId: c.id, noteId: n.id, patch: { body: 'Eleven minutes unaccounted for.' } });
  const expected = await api['cases:get']({ caseId: c.id });
  return { dir, api, session, caseId: c.id, sourceId: s.id, noteId: n.id, expected };
}

/** What a kill right now would leave: the library folder as it is on disk, without the lock. */
async function crashCopy(dir: string): Promise<string> {
  const copy = path.join(await tempDir(), 'crashed');
  await cp(dir, copy, { recursive: true });
  await rm(path.join(copy, LOCK_FILE), { recursive: true, force: true });
  return copy;
}

const caseDir = (dir: string, caseId: string) => path.join(dir, 'cases', caseId);
const logLines = async (dir: string, caseId: string) => (await readFile(path.join(caseDir(dir, caseId), CHANGE_LOG), 'utf8')).split('\n').filter(Boolean);
const journalLines = async (dir: string, caseId: string) => (await readFile(path.join(caseDir(dir, caseId), 'journal.jsonl'), 'utf8')).split('\n').filter(Boolean);

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const line of await listTree(dir)) {
    const rel = line.split(' ')[0];
    if (!rel.endsWith('/')) files.set(rel, line);
  }
  return files;
}

describe('saves through the change log', () => {
  it('append to the case’s log, leave case.json alone until a checkpoint, then fold and remove the log', async () => {
    const { dir, session, caseId, expected } = await libraryWithEdits();
    const onDisk = JSON.parse(await readFile(path.join(caseDir(dir, caseId), 'case.json'), 'utf8')) as CaseFile;
    expect(onDisk.case.summary).toBe('First version');
    expect(await logLines(dir, caseId)).toHaveLength(4);
    await session.checkpoint();
    expect(await readdir(caseDir(dir, caseId))).not.toContain(CHANGE_LOG);
    expect(JSON.parse(await readFile(path.join(caseDir(dir, caseId), 'case.json'), 'utf8'))).toEqual(expected);
    // One journal line per save, none lost or doubled by the fold.
    expect(await journalLines(dir, caseId)).toHaveLength(5);
  });

  it('after a kill: a read-only opening shows every acknowledged save and writes nothing', async () => {
    const { dir, caseId, expected } = await libraryWithEdits();
    const copy = await crashCopy(dir);
    const before = await snapshot(copy);
    const reader = await openLibrary(copy, { readOnly: true, warm: false });
    expect(await reader.api['cases:get']({ caseId })).toEqual(expected);
    expect(reader.lib.read.problems).toEqual([]);
    await reader.close();
    expect(await snapshot(copy)).toEqual(before);
  });

  it('after a kill: opening for writing folds the log into case.json, and the next open trusts it again', async () => {
    const { dir, caseId, expected } = await libraryWithEdits();
    const copy = await crashCopy(dir);
    const writer = await openTempLibrary(copy);
    expect(await writer.api['cases:get']({ caseId })).toEqual(expected);
    expect(await readdir(caseDir(copy, caseId))).not.toContain(CHANGE_LOG);
    expect(JSON.parse(await readFile(path.join(caseDir(copy, caseId), 'case.json'), 'utf8'))).toEqual(expected);
    expect(await journalLines(copy, caseId)).toHaveLength(5);
    await writer.close();
    expect((await checkLibrary(copy)).problems).toEqual([]);
  });

  it('ignores a torn last line (a save killed mid-append, never acknowledged) without calling it a problem', async () => {
    const { dir, caseId, expected } = await libraryWithEdits();
    const copy = await crashCopy(dir);
    const torn = encodeLine({ v: 2, case: { ...expected.case, summary: 'Never acknowledged' } });
    await appendFile(path.join(caseDir(copy, caseId), CHANGE_LOG), torn.slice(0, torn.length - 20));
    const reader = await openLibrary(copy, { readOnly: true, warm: false });
    expect((await reader.api['cases:get']({ caseId })).case.summary).toBe('Second version');
    expect(reader.lib.read.problems).toEqual([]);
    await reader.close();
  });

  it('reports a damaged line, applies the lines after it, and keeps the damaged log aside when folding', async () => {
    const { dir, caseId, noteId, expected } = await libraryWithEdits();
    const copy = await crashCopy(dir);
    const lines = await logLines(copy, caseId);
    // Line 3 (the summary edit) loses a byte in the middle: its checksum no longer matches.
    lines[2] = lines[2].replace('Second version', 'Second versio');
    await writeFile(path.join(caseDir(copy, caseId), CHANGE_LOG), `${lines.join('\n')}\n`);
    const reader = await openLibrary(copy, { readOnly: true, warm: false });
    const seen = await reader.api['cases:get']({ caseId });
    expect(seen.case.summary).toBe('First version'); // the damaged save is lost, and said to be
    expect(seen.notes.find((n) => n.id === noteId)?.body).toBe('Eleven minutes unaccounted for.'); // line 4 still applied
    expect(reader.lib.read.problems).toEqual([expect.objectContaining({ file: path.join('cases', caseId, CHANGE_LOG), reason: expect.stringMatching(/^line 3 .*checksum/) })]);
    await reader.close();

    const writer = await openTempLibrary(copy);
    expect(writer.lib.read.problems[0].movedTo).toMatch(/changes\.jsonl\.damaged-/);
    expect((await readdir(caseDir(copy, caseId))).filter((f) => f.startsWith(CHANGE_LOG))).toEqual([path.basename(writer.lib.read.problems[0].movedTo!)]);
    expect((await writer.api['cases:get']({ caseId })).notes).toEqual(expected.notes);
    await writer.close();
  });

  it('restores a journal line a kill kept from being written (after the log’s fsync, before the journal’s append)', async () => {
    const { dir, caseId } = await libraryWithEdits();
    const copy = await crashCopy(dir);
    const journal = await journalLines(copy, caseId);
    const lost = journal.pop()!;
    await writeFile(path.join(caseDir(copy, caseId), 'journal.jsonl'), `${journal.join('\n')}\n`);

    // Read-only: the journal's readers see the carried line, so custody and `check` stay whole.
    expect((await checkLibrary(copy)).problems).toEqual([]);
    const reader = await openLibrary(copy, { readOnly: true, warm: false });
    const listing = await reader.api['journal:list']({ caseId });
    expect(listing.entries.map((e) => JSON.stringify(e))).toContain(lost);
    await reader.close();
    expect(await journalLines(copy, caseId)).toHaveLength(4); // nothing written

    const writer = await openTempLibrary(copy);
    expect(await journalLines(copy, caseId)).toEqual([...journal, lost]);
    await writer.close();
  });

  it('gets the same case when a fold was interrupted after writing case.json, and doubles no journal line', async () => {
    const { dir, caseId, expected } = await libraryWithEdits();
    const copy = await crashCopy(dir);
    // The fold's first two steps done (journal lines durable, case.json rewritten), the log not yet removed.
    await writeFile(path.join(caseDir(copy, caseId), 'case.json'), await readAsSaved(caseDir(copy, caseId), 'case.json'));
    const writer = await openTempLibrary(copy);
    expect(await writer.api['cases:get']({ caseId })).toEqual(expected);
    expect(await journalLines(copy, caseId)).toHaveLength(5);
    expect(writer.lib.read.problems).toEqual([]);
    await writer.close();
  });

  it('is in a backup taken while the library is open with saves still in the log', async () => {
    const { dir, caseId } = await libraryWithEdits();
    expect(await readdir(caseDir(dir, caseId))).toContain(CHANGE_LOG);
    const out = path.join(await tempDir(), 'library.casefolio');
    const report = await writeBackup(dir, out);
    expect(report.left.filter((f) => f.includes(CHANGE_LOG))).toEqual([]);
    const text = await readFile(out, 'utf8');
    expect(text).toContain('Second version');
    expect(text).toContain('Eleven minutes unaccounted for.');
  });

  it('replays a log even when the catalogue vouches for an unchanged case.json', async () => {
    const { dir, session, caseId, api } = await libraryWithEdits();
    await session.close(); // folds, and writes the catalogue
    const again = await openTempLibrary(dir);
    await again.api['cases:update']({ caseId, patch: { title: 'Renamed after the catalogue was written' } });
    const copy = await crashCopy(dir);
    const reader = await openLibrary(copy, { readOnly: true, warm: false });
    expect(reader.lib.read.caseDigest(caseId)?.case.title).toBe('Renamed after the catalogue was written');
    await reader.close();
    void api;
  });

  it('replays a log written at an older schema version before migrating the case', async () => {
    const dir = path.join(await tempDir(), 'old');
    const setup = await tempLibrary('Old');
    const c = await setup.api['cases:create']({ fields: { title: 'Judgment', summary: '', status: 'open', tags: [] } });
    await setup.session.close();
    await cp(setup.dir, dir, { recursive: true });
    const file = path.join(caseDir(dir, c.id), 'case.json');
    const v1 = { ...JSON.parse(await readFile(file, 'utf8')), schemaVersion: 1 };
    await writeFile(file, JSON.stringify(v1));
    const source = { id: 'src_0001', kind: 'court-judgment', title: 'R v Smith', publisher: 'Court of Appeal', tags: [], attachments: [], createdAt: v1.case.createdAt, updatedAt: v1.case.createdAt };
    await writeFile(path.join(caseDir(dir, c.id), CHANGE_LOG), encodeLine({ v: 1, sources: { put: [source] } }));
    const opened = await openTempLibrary(dir);
    expect(opened.lib.read.problems).toEqual([]);
    const migrated = await opened.api['cases:get']({ caseId: c.id });
    expect(migrated.sources).toEqual([expect.objectContaining({ id: 'src_0001', court: 'Court of Appeal' })]);
    expect(migrated.sources[0]).not.toHaveProperty('publisher');
    expect(await readdir(caseDir(dir, c.id))).not.toContain(CHANGE_LOG);
    await opened.close();
  });

  it('leaves nothing of erased records in the change log', async () => {
    const { dir, api, caseId, noteId } = await libraryWithEdits();
    await api['notes:update']({ caseId, noteId, patch: { body: 'A name to be erased: Jane Roe.' } });
    await api['notes:delete']({ caseId, noteId });
    await api['cases:update']({ caseId, patch: { summary: 'Third version' } });
    expect(await readFile(path.join(caseDir(dir, caseId), CHANGE_LOG), 'utf8')).toContain('Jane Roe');
    await api['trash:erase']({ items: [{ caseId, kind: 'note', id: noteId }] });
    const names = await readdir(caseDir(dir, caseId));
    if (names.includes(CHANGE_LOG)) expect(await readFile(path.join(caseDir(dir, caseId), CHANGE_LOG), 'utf8')).not.toContain('Jane Roe');
    expect(await readFile(path.join(caseDir(dir, caseId), 'case.json'), 'utf8')).not.toContain('Jane Roe');
  });
});

describe('a change-log line', () => {
  it('replays to exactly the case it was made from, for random edits, deletions and reorderings', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const record = (id: string, title: string) => ({ id, title, body: '', tags: [], quotations: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
    let current = { schemaVersion: 2, case: { id: 'case_1', title: 'c' }, sources: [], notes: [] as ReturnType<typeof record>[], events: [] } as unknown as CaseFile;
    const onDisk = structuredClone(current) as unknown as Record<string, unknown>;
    for (let step = 0; step < 500; step++) {
      const notes = [...(current.notes as unknown as ReturnType<typeof record>[])];
      const r = random();
      if (r < 0.35 || notes.length === 0) notes.splice(Math.floor(random() * (notes.length + 1)), 0, record(`n${step}`, `new ${step}`));
      else if (r < 0.6) notes.splice(Math.floor(random() * notes.length), 1);
      else if (r < 0.85) {
        const i = Math.floor(random() * notes.length);
        notes[i] = { ...notes[i], title: `edited ${step}` };
      } else notes.reverse();
      const next = { ...current, notes } as unknown as CaseFile;
      const delta = deltaOf(current, next)!;
      const line = encodeLine(delta);
      applyDelta(onDisk, JSON.parse(line.slice(65)));
      expect(onDisk.notes).toEqual(next.notes);
      current = next;
    }
  });
});

void fixedDeps;
