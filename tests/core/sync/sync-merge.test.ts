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
  });
});
