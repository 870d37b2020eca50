/*
 * Each fetch brings a pack; small ones are unpacked into loose objects (packs.ts) so that object look-ups do
 * not slow down with every sync. After several syncs no small pack is left, and git itself finds the
 * repository whole (`git fsck`), with the same history on both machines.
 */
import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitServerForSuite, sharedCase, type Machine } from './machines';

const server = gitServerForSuite();
const open: Machine[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

const packs = async (dir: string) => (await readdir(path.join(dir, '.git', 'objects', 'pack')).catch(() => [] as string[])).filter((n) => n.endsWith('.pack'));
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

describe('packs fetched by syncs', () => {
  it('are unpacked, leaving a repository git finds whole and the same history on both machines', async () => {
    const { alice, bob, caseId } = await sharedCase(server(), 'Custody death inquiry');
    open.push(alice, bob);
    for (let round = 0; round < 5; round++) {
      await alice.api['notes:create']({ caseId, fields: { title: `Alice ${round}` } });
      await bob.api['notes:create']({ caseId, fields: { title: `Bob ${round}` } });
      await bob.api['sync:run']({});
      await alice.api['sync:run']({});
      await bob.api['sync:run']({});
    }
    expect(await packs(alice.dir)).toEqual([]);
    expect(await packs(bob.dir)).toEqual([]); // the clone's pack too: it was small
    for (const m of [alice, bob]) git(m.dir, 'fsck', '--strict', '--no-progress');
    expect(git(alice.dir, 'rev-parse', 'main')).toBe(git(bob.dir, 'rev-parse', 'main'));
    expect(Number(git(alice.dir, 'rev-list', '--count', 'main'))).toBeGreaterThan(10);
    expect((await alice.api['cases:get']({ caseId })).notes).toHaveLength(10);
  });
});
