/*
 * Property (seeded): random edit scripts on three machines, synced in random orders, converge to one library,
 * and every edit survives, or is in a listed conflict, or was overwritten by an edit made knowing it.
 * "Knowing" is tracked as git would carry it: a machine knows its own edits and, after a sync, everything
 * the shared repository held; the repository knows what was pushed to it.
 */
import { describe, expect, it } from 'vitest';
import type { SyncConflict } from '../../../src/shared/sync';
import { gitServerForSuite, joiner, publisher, type Machine } from './machines';

const SEEDS = (process.env.SYNC_PROPERTY_SEEDS ?? '11,29').split(',').map(Number);
const ROUNDS = Number(process.env.SYNC_PROPERTY_ROUNDS ?? 5);

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Edit {
  id: number;
  by: string;
  /** What it changed: "note:<id>:body", "source:<id>:title", "note:<id>:trash", "note:<id>:create". */
  target: string;
  value: string;
  /** Edits its machine knew when it was made. */
  knew: Set<number>;
}

const server = gitServerForSuite();

describe('three machines, random edits, random sync order', () => {
  for (const seed of SEEDS) {
    it(`converge with every edit kept, in a conflict, or knowingly overwritten (seed ${seed})`, async () => {
      const random = rng(seed);
      const pick = <T,>(list: T[]): T => list[Math.floor(random() * list.length)];
      const { machine: a, remote } = await publisher(server(), 'Ann');
      const { id: caseId } = await a.api['cases:create']({ fields: { title: 'Shared case' } });
      const source = await a.api['sources:create']({ caseId, fields: { title: 'Source 0' } });
      const seedNotes = [];
      for (let i = 0; i < 3; i++) seedNotes.push((await a.api['notes:create']({ caseId, fields: { title: `Note ${i}` } })).id);
      await a.api['sync:run']({});
      const machines: Machine[] = [a, await joiner(remote, 'Ben'), await joiner(remote, 'Cat')];
      const edits: Edit[] = [];
      const known = new Map<string, Set<number>>(machines.map((m) => [m.name, new Set<number>()]));
      let repository = new Set<number>();
      const conflicts: SyncConflict[] = [];
      const sync = async (m: Machine) => {
        const mine = known.get(m.name)!;
        await m.api['sync:run']({ confirmDeletions: true });
        for (const e of repository) mine.add(e);
        repository = new Set(mine);
        for (const c of await m.api['sync:conflicts']({})) if (!conflicts.some((k) => k.id === c.id)) conflicts.push(c);
      };
      try {
        let n = 0;
        for (let round = 0; round < ROUNDS; round++) {
          for (const m of machines) {
            const file = await m.api['cases:get']({ caseId });
            const notes = file.notes.map((x) => x.id);
            for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
              const id = ++n;
              const value = `${m.name}-${id}`;
              const roll = random();
              let target: string;
              if (roll < 0.4 && notes.length) {
                const note = pick(notes);
                await m.api['notes:update']({ caseId, noteId: note, patch: { body: value } });
                target = `note:${note}:body`;
              } else if (roll < 0.6) {
                await m.api['sources:update']({ caseId, sourceId: source.id, patch: { title: value } });
                target = `source:${source.id}:title`;
              } else if (roll < 0.7 && notes.length > 1) {
                const note = pick(notes);
                await m.api['notes:delete']({ caseId, noteId: note });
                notes.splice(notes.indexOf(note), 1);
                target = `note:${note}:trash`;
              } else {
                const created = await m.api['notes:create']({ caseId, fields: { title: value } });
                notes.push(created.id);
                target = `note:${created.id}:create`;
              }
              edits.push({ id, by: m.name, target, value, knew: new Set(known.get(m.name)!) });
              known.get(m.name)!.add(id);
            }
          }
          // Some machines sync this round, in a random order.
          for (const m of [...machines].sort(() => random() - 0.5)) if (random() < 0.7) await sync(m);
        }
        for (const m of [...machines, ...machines]) await sync(m);

        const finals = await Promise.all(machines.map((m) => m.api['cases:get']({ caseId })));
        expect(finals[1]).toEqual(finals[0]);
        expect(finals[2]).toEqual(finals[0]);
        const final = finals[0];
        const inConflict = (value: string) => conflicts.some((c) => JSON.stringify([c.ours, c.theirs]).includes(value));
        const overwritten = (e: Edit) => edits.some((later) => later.target === e.target && later.knew.has(e.id));
        for (const e of edits) {
          const [kind, id, what] = e.target.split(':');
          let survives: boolean;
          const note = final.notes.find((x) => x.id === id);
          if (what === 'create') survives = Boolean(note) || edits.some((t) => t.target === `note:${id}:trash`);
          else if (what === 'trash') survives = !note || Boolean(note.deletedAt);
          else if (kind === 'note') survives = note?.body === e.value || (!note && edits.some((t) => t.target === `note:${id}:trash`));
          else survives = final.sources.find((x) => x.id === id)?.title === e.value;
          expect(survives || inConflict(e.value) || inConflict(id) || overwritten(e), `edit ${e.id} by ${e.by} (${e.target} = ${e.value}) was lost`).toBe(true);
        }
      } finally {
        for (const m of machines) await m.close();
      }
    }, 600_000);
  }
});
