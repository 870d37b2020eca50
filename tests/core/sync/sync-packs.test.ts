/*
 * Each fetch brings a pack; small ones are unpacked into loose objects (packs.ts) so that object look-ups do
 * not slow down with every sync. After several syncs no small pack is left, and git itself finds the
 * repository whole (`git fsck`), with the same history on both machines; what a killed fetch left is gone
 * after the next sync.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitServerForSuite, sharedCase, type Machine } from './machines';

const server = gitServerForSuite();
const open: Machine[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

const packs = async (dir: string) => (await readdir(path.join(dir, '.git', 'objects', 'pack')).catch(() => [] as string[])).filter((n) => n.endsWith('.pack'));
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: 'pipe' }).trim();
/** git's own check, and what it said. */
function fsck(dir: string): { ok: boolean; said: string } {
  const run = spawnSync('git', ['-C', dir, 'fsck', '--strict', '--no-progress'], { encoding: 'utf8' });
  return { ok: run.status === 0, said: `${run.stdout}${run.stderr}`.trim() };
}

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
  }, 300_000);

  it('clears what a fetch killed mid-way left in .git/objects on the next sync, and git finds nothing stray', async () => {
    const { alice, bob, caseId } = await sharedCase(server(), 'Custody death inquiry');
    open.push(alice, bob);
    const objects = path.join(bob.dir, '.git', 'objects');
    // A fetch killed after writing its pack but before its index: a real pack (of one tree, so it is not the clone's own pack), its index gone.
    const pack = execFileSync('git', ['-C', bob.dir, 'pack-objects', '-q', path.join(objects, 'pack', 'pack')], { input: `${git(bob.dir, 'rev-parse', 'main^{tree}')}\n`, encoding: 'utf8' }).trim();
    await rm(path.join(objects, 'pack', `pack-${pack}.idx`));
    // Writes cut short: git-fs.ts's temp files, in the pack folder and beside the loose objects.
    await writeFile(path.join(objects, 'pack', `.pack-${'e'.repeat(40)}.pack.4242.0badf00d.casefolio-tmp`), 'PACK cut short');
    await mkdir(path.join(objects, 'ab'), { recursive: true });
    await writeFile(path.join(objects, 'ab', `.${'c'.repeat(38)}.4242.0badf00d.casefolio-tmp`), 'a loose object cut short');
    // git counts all three as garbage, and its fsck reports the cut-short object.
    expect(git(bob.dir, 'count-objects', '-v')).toMatch(/^garbage: 3$/m);
    expect(fsck(bob.dir).said).toContain('bad sha1 file');

    await alice.api['notes:create']({ caseId, fields: { title: 'After the kill' } });
    await alice.api['sync:run']({});
    await bob.api['sync:run']({});

    expect(await packs(bob.dir)).toEqual([]);
    expect((await readdir(path.join(objects, 'pack'))).filter((n) => n.endsWith('.casefolio-tmp'))).toEqual([]);
    expect(git(bob.dir, 'count-objects', '-v')).toMatch(/^garbage: 0$/m);
    expect(fsck(bob.dir)).toEqual({ ok: true, said: '' });
    expect((await bob.api['cases:get']({ caseId })).notes.map((n) => n.title)).toContain('After the kill');
  });
});
