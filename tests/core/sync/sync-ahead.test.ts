/*
 * The history walks of a sync (history.ts) go from both ends only as far as the two sides parted, and must
 * answer as git itself does (`rev-list --count`, `merge-base --is-ancestor`, `merge-base --all`) on the
 * histories syncs make: merges of a local commit with the shared head, fast-forwards, and crossed merges.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitsAhead, isAncestor, mergeBase } from '../../../src/core/sync/history';
import { tempDir } from '../../helpers/temp-library';

let clock = Date.UTC(2026, 2, 1) / 1000;

async function commit(dir: string, label: string, parent: string[]): Promise<string> {
  await writeFile(path.join(dir, 'file.txt'), label);
  await git.add({ fs, dir, filepath: 'file.txt' });
  const who = { name: 'Tester', email: 'tester@example.org', timestamp: (clock += 60), timezoneOffset: 0 };
  return git.commit({ fs, dir, message: label, author: who, committer: who, parent, ref: 'refs/heads/scratch' });
}

const gitCount = (dir: string, remote: string, head: string) => Number(execFileSync('git', ['-C', dir, 'rev-list', '--count', `${remote}..${head}`], { encoding: 'utf8' }).trim());

const gitMergeBases = (dir: string, a: string, b: string) => execFileSync('git', ['-C', dir, 'merge-base', '--all', a, b], { encoding: 'utf8' }).trim().split('\n');

function gitIsAncestor(dir: string, ancestor: string, oid: string): boolean {
  try {
    execFileSync('git', ['-C', dir, 'merge-base', '--is-ancestor', ancestor, oid]);
    return true;
  } catch {
    return false;
  }
}

describe('commits one side has that the other lacks', () => {
  it('match git’s own count and ancestry on sync-shaped histories, long or branching', async () => {
    const dir = await tempDir();
    await git.init({ fs, dir, defaultBranch: 'scratch' });
    const root = await commit(dir, 'root', []);
    // Two machines syncing 40 times: each round a local commit on each side, merged into the shared head.
    let shared = root;
    let alice = root;
    const checks: [string, string][] = [];
    for (let round = 0; round < 40; round++) {
      const bob = await commit(dir, `bob ${round}`, [shared]);
      shared = bob; // Bob pushed
      alice = await commit(dir, `alice ${round}`, [alice]);
      const merged = await commit(dir, `merge ${round}`, [alice, shared]);
      checks.push([merged, shared], [alice, shared], [shared, alice]);
      alice = merged;
      shared = merged; // Alice pushed
    }
    // A crossed merge: both sides merged each other's old commit, and a side branch off an old commit.
    const x = await commit(dir, 'x', [root]);
    const y = await commit(dir, 'y', [checks[3][0]]);
    const crossA = await commit(dir, 'cross a', [x, y]);
    const crossB = await commit(dir, 'cross b', [y, x]);
    const late = await commit(dir, 'late', [crossA, shared]);
    checks.push([crossA, crossB], [late, crossB], [crossB, late], [late, root], [shared, root], [root, shared], [shared, shared]);
    for (const [head, remote] of checks) {
      expect(await commitsAhead(dir, head, remote), `${remote}..${head}`).toBe(gitCount(dir, remote, head));
      expect(await isAncestor(dir, head, remote), `${head} in ${remote}`).toBe(gitIsAncestor(dir, head, remote));
      expect(gitMergeBases(dir, head, remote), `merge base of ${head} and ${remote}`).toContain(await mergeBase(dir, head, remote));
    }
    expect(await commitsAhead(dir, shared, undefined)).toBe(Number(execFileSync('git', ['-C', dir, 'rev-list', '--count', shared], { encoding: 'utf8' }).trim()));
  }, 300_000); // 31 s on our machine under load: CI runs 3–5× slower
});
