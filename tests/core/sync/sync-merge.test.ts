/* Two machines edit one shared library offline; a real git server on loopback carries it between them. */
import { afterEach, describe, expect, it } from 'vitest';
import { gitServerForSuite, joiner, publisher, type Machine } from './machines';

const server = gitServerForSuite();
const open: Machine[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function pair() {
  const { machine: alice, remote } = await publisher(server());
  const c = await alice.api['cases:create']({ fields: { title: 'Custody death inquiry' } });
  const source = await alice.api['sources:create']({ caseId: c.id, fields: { title: 'Inquest report', kind: 'official-report' } });
  const note = await alice.api['notes:create']({ caseId: c.id, fields: { title: 'First reading.' } });
  await alice.api['sync:run']({});
  const bob = await joiner(remote, 'Bob');
  open.push(alice, bob);
  return { alice, bob, caseId: c.id, sourceId: source.id, noteId: note.id };
}

describe('sync between two machines', () => {
  it('merges different records and different fields of one record with nothing lost, and says what came in from whom', async () => {
    const { alice, bob, caseId, sourceId } = await pair();
    await alice.api['notes:create']({ caseId, fields: { title: 'Alice: the custody record is missing page 4.' } });
    await alice.api['sources:update']({ caseId, sourceId, patch: { title: 'Inquest report (final)' } });
    await bob.api['notes:create']({ caseId, fields: { title: 'Bob: the coroner’s findings differ.' } });
    await bob.api['events:create']({ caseId, fields: { title: 'Arrest', date: { value: '2019-03-02' } } });
    await bob.api['sources:update']({ caseId, sourceId, patch: { publisher: 'HM Coroner' } });

    expect((await alice.api['sync:run']({})).pushedCommits).toBeGreaterThan(0);
    const bobReport = await bob.api['sync:run']({});
    expect(bobReport.conflicts).toBe(0);
    expect(bobReport.incoming).toEqual([{ author: { name: 'Alice', email: 'alice@example.org' }, counts: { notes: 1, sources: 1 } }]);
    const aliceReport = await alice.api['sync:run']({});
    expect(aliceReport.incoming[0].author.name).toBe('Bob');

    for (const m of [alice, bob]) {
      const file = await m.api['cases:get']({ caseId });
      expect(file.notes.map((n) => n.title).sort()).toEqual(['Alice: the custody record is missing page 4.', 'Bob: the coroner’s findings differ.', 'First reading.']);
      expect(file.events.map((e) => e.title)).toEqual(['Arrest']);
      expect(file.sources[0]).toMatchObject({ title: 'Inquest report (final)', publisher: 'HM Coroner' });
    }
    // The journal is the union of both machines' entries, each once, ordered by time.
    const journal = await bob.api['journal:list']({ caseId });
    const actions = journal.entries.map((e) => `${e.who}: ${e.action}`);
    expect(actions.filter((a) => a.startsWith('Alice')).length).toBeGreaterThanOrEqual(5);
    expect(actions.filter((a) => a.startsWith('Bob')).length).toBe(3);
    expect(new Set(actions).size).toBe(actions.length);
    expect((await bob.api['sync:run']({})).upToDate).toBe(true);
  }, 300_000);
});

describe('sync conflicts and guards', () => {
  it('keeps both versions of a field changed on both sides and of a record edited on one side and deleted on the other', async () => {
    const { alice, bob, caseId, sourceId, noteId } = await pair();
    await alice.api['sources:update']({ caseId, sourceId, patch: { title: 'Inquest report, Alice’s title' } });
    await bob.api['sources:update']({ caseId, sourceId, patch: { title: 'Inquest report, Bob’s title' } });
    await alice.api['notes:update']({ caseId, noteId, patch: { body: 'Alice rewrote this note.' } });
    await bob.api['notes:delete']({ caseId, noteId });
    await alice.api['sync:run']({});
    const report = await bob.api['sync:run']({});
    expect(report.conflicts).toBe(2);

    const conflicts = await bob.api['sync:conflicts']({});
    const title = conflicts.find((c) => c.field === 'title')!;
    expect(title).toMatchObject({ caseId, kind: 'source', recordId: sourceId, ours: 'Inquest report, Bob’s title', theirs: 'Inquest report, Alice’s title', oursBy: { name: 'Bob' }, theirsBy: { name: 'Alice' } });
    const deleted = conflicts.find((c) => c.kind === 'note')!;
    expect(deleted.field).toBeUndefined();
    expect(deleted.ours).toMatchObject({ id: noteId, deletedAt: expect.any(String) });
    expect(deleted.theirs).toMatchObject({ id: noteId, body: 'Alice rewrote this note.' });
    // The merged library keeps ours for the field and the edited note (out of the trash).
    let file = await bob.api['cases:get']({ caseId });
    expect(file.sources[0].title).toBe('Inquest report, Bob’s title');
    expect(file.notes.find((n) => n.id === noteId)?.body).toBe('Alice rewrote this note.');

    // A dossier export warns while the conflicts are open.
    const exported = await bob.api['dossier:export']({ cases: [caseId], outputPath: `${bob.dir}/../d.pdf` });
    expect(exported.warnings.map((w) => w.code)).toContain('SYNC_CONFLICT_OPEN');

    expect(await bob.api['sync:resolve']({ conflictId: title.id, pick: 'theirs' })).toHaveLength(1);
    expect(await bob.api['sync:resolve']({ conflictId: deleted.id, pick: 'value', value: null })).toEqual([]);
    file = await bob.api['cases:get']({ caseId });
    expect(file.sources[0].title).toBe('Inquest report, Alice’s title');
    expect(file.notes.find((n) => n.id === noteId)).toBeUndefined(); // in the trash again
    await bob.api['sync:run']({});
    await alice.api['sync:run']({});
    expect((await alice.api['cases:get']({ caseId })).sources[0].title).toBe('Inquest report, Alice’s title');
    expect(await alice.api['sync:conflicts']({})).toEqual([]);
  }, 300_000);

  it('holds back a sync that would delete 20 % of the records, applying nothing until confirmed', async () => {
    const { alice, bob, caseId } = await pair();
    const notes = [];
    for (let i = 0; i < 8; i++) notes.push(await alice.api['notes:create']({ caseId, fields: { title: `Note ${i}` } }));
    await alice.api['sync:run']({});
    await bob.api['sync:run']({});
    await bob.api['records:trash']({ caseId, kind: 'note', ids: notes.slice(0, 2).map((n) => n.id) });
    await bob.api['sync:run']({});
    const before = await alice.api['cases:get']({ caseId });
    const report = await alice.api['sync:run']({});
    expect(report.heldBack).toEqual({ deletions: 2, percent: expect.closeTo(100 * 2 / 11, 1), cases: [] });
    expect(await alice.api['cases:get']({ caseId })).toEqual(before);
    expect((await alice.api['sync:status']({})).lastReport?.heldBack?.deletions).toBe(2);
    const confirmed = await alice.api['sync:run']({ confirmDeletions: true });
    expect(confirmed.heldBack).toBeUndefined();
    expect((await alice.api['cases:get']({ caseId })).notes).toHaveLength(7);
  });

  it('counts the whole library for the deletion guard, trashed records left out, whichever case files the merge reads', async () => {
    const { alice, bob, caseId } = await pair(); // the case, one source, one note: 3 live records
    const notes = [];
    for (let i = 0; i < 4; i++) notes.push(await alice.api['notes:create']({ caseId, fields: { title: `Note ${i}` } }));
    // Two more cases the merge does not touch: 6 and 8 live records, with trashed ones that must not count.
    const quiet = await alice.api['cases:create']({ fields: { title: 'Stop and search review' } });
    const quietNotes = [];
    for (let i = 0; i < 6; i++) quietNotes.push(await alice.api['notes:create']({ caseId: quiet.id, fields: { title: `Quiet note ${i}` } }));
    await alice.api['records:trash']({ caseId: quiet.id, kind: 'note', ids: [quietNotes[0].id] });
    const other = await alice.api['cases:create']({ fields: { title: 'Misconduct hearing' } });
    for (let i = 0; i < 7; i++) await alice.api['notes:create']({ caseId: other.id, fields: { title: `Other note ${i}` } });
    await alice.api['sync:run']({});
    await bob.api['sync:run']({});
    // 7 + 6 + 8 = 21 live records: 2 deleted is 9.5 % (goes through), 3 more is 14.3 % of the 19 left (held back).
    await bob.api['records:trash']({ caseId, kind: 'note', ids: notes.slice(0, 2).map((n) => n.id) });
    await bob.api['sync:run']({});
    expect((await alice.api['sync:run']({})).heldBack).toBeUndefined();
    await bob.api['records:trash']({ caseId, kind: 'note', ids: notes.slice(2, 4).map((n) => n.id) });
    await bob.api['records:trash']({ caseId: other.id, kind: 'note', ids: [(await bob.api['cases:get']({ caseId: other.id })).notes[0].id] });
    await bob.api['sync:run']({});
    const reopened = await alice.api['sync:run']({});
    expect(reopened.heldBack).toEqual({ deletions: 3, percent: Math.round((3 / 19) * 1000) / 10, cases: [] });
  });

  it('leaves everything local and says so when the shared repository cannot be reached', async () => {
    const { alice, caseId } = await pair();
    await alice.api['notes:create']({ caseId, fields: { title: 'Written offline' } });
    server().fail = true;
    try {
      await expect(alice.api['sync:run']({})).rejects.toMatchObject({ code: 'SYNC_UNREACHABLE', message: expect.stringMatching(/could not be reached.*stays on this computer/) });
    } finally {
      server().fail = false;
    }
    expect((await alice.api['cases:get']({ caseId })).notes.map((n) => n.title)).toContain('Written offline');
    expect((await alice.api['sync:run']({})).pushedCommits).toBe(1);
  });

  it('refuses an attachment whose bytes do not match its name, and carries good ones once', async () => {
    const { alice, bob, caseId, sourceId } = await pair();
    const good = await alice.api['attachments:add']({ caseId, sourceId, fileName: 'statement.txt', contentBase64: Buffer.from('Witness statement, page 1.').toString('base64') });
    await alice.api['sync:run']({});
    // Someone with the repository puts a file whose bytes do not hash to its name.
    const fake = 'f'.repeat(64);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${alice.dir}/cases/${caseId}/files/${fake}`, 'tampered');
    await alice.api['sync:run']({});
    const report = await bob.api['sync:run']({});
    expect(report.refusedFiles).toEqual([`cases/${caseId}/files/${fake}`]);
    expect(report.incoming[0].counts.attachments).toBe(1);
    const { readFile, stat } = await import('node:fs/promises');
    expect(await readFile(`${bob.dir}/cases/${caseId}/files/${good.sha256}`, 'utf8')).toBe('Witness statement, page 1.');
    await expect(stat(`${bob.dir}/cases/${caseId}/files/${fake}`)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('sync status and identity', () => {
  it('reports the step of a run while it goes, and the last report after', async () => {
    const { alice } = await pair();
    const seen: string[] = [];
    const { runSync } = await import('../../../src/core/sync/run');
    const { syncStatus } = await import('../../../src/core/sync/service');
    await runSync(alice.session.lib, false, { afterStep: async () => void seen.push((await syncStatus(alice.session.lib)).running?.step ?? 'none') });
    expect(seen).toEqual(['commit', 'fetch']);
    const status = await alice.api['sync:status']({});
    expect(status).toMatchObject({ configured: true, branch: 'main', openConflicts: 0, identity: { name: 'Alice', email: 'alice@example.org' }, lastReport: { upToDate: true } });
    expect(status.running).toBeUndefined();
    expect(status.remote).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lib-/);
  });

  it('falls back to the name and email older versions kept in library.json, and signs nothing without them', async () => {
    const { alice } = await pair();
    await alice.api['identity:set']({ name: null, email: null });
    expect(await alice.api['identity:get']({})).toEqual({});
    await expect(alice.api['sync:run']({})).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/Set your name and email first/) });
    await alice.api['library:updateSettings']({ userName: 'Alice Old', userEmail: 'old@example.org' });
    expect(await alice.api['identity:get']({})).toEqual({ name: 'Alice Old', email: 'old@example.org' });
    await expect(alice.api['identity:set']({ email: 'not an email' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
