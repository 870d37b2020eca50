/*
 * The lock race of lock-race.test.ts with the real edges (issue #12): each round a stale lock is planted,
 * then bridges (`npm run web`) and `casefolio` commands, started together behind a barrier, open the same
 * library. At most one bridge may get write access (the others open read-only and say so); every change
 * any of them acknowledged is in the case file afterwards; a refused one was refused in words.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, LOCK_OWNER_FILE } from '../../src/core/storage/lock';
import { tempDir, tempLibrary } from '../helpers/temp-library';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BARRIER = path.join(import.meta.dirname, 'start-barrier.mjs');
const ROUNDS = Number(process.env.LOCK_EDGE_ROUNDS ?? 4);
const BRIDGES = 2;
const COMMANDS = 3;

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number>;
}

function run(args: string[], go: string): Run {
  const child = spawn(process.execPath, ['--import', BARRIER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CASEFOLIO_TEST_BARRIER: go } });
  const result = { child, stdout: '', stderr: '' } as Run;
  child.stdout!.on('data', (d) => (result.stdout += d));
  child.stderr!.on('data', (d) => (result.stderr += d));
  result.exited = new Promise((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return result;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 180_000) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function call(url: string, name: string, input: unknown): Promise<{ ok: boolean; value?: { id: string }; error?: { code: string; message: string } }> {
  const { origin, hash } = new URL(url);
  const token = /token=([^&]+)/.exec(hash)![1];
  const reply = await fetch(`${origin}/api/call/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Casefolio-Token': token }, body: JSON.stringify(input) });
  return (await reply.json()) as Awaited<ReturnType<typeof call>>;
}

describe('one writer per library, bridges and commands side by side', () => {
  it(`${BRIDGES} bridges and ${COMMANDS} commands open a library with a stale lock together, ${ROUNDS} rounds`, async () => {
    const { dir, api, lib } = await tempLibrary();
    const theCase = await api['cases:create']({ fields: { title: 'Race', slug: 'race' } });
    await lib.close();
    const control = await tempDir('casefolio-edge-race-');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('close', r));
    const acknowledged: string[] = [];
    const bridgeWriters: number[] = [];
    let refused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await mkdir(path.join(dir, LOCK_FILE));
      await writeFile(path.join(dir, LOCK_FILE, LOCK_OWNER_FILE), JSON.stringify({ pid: dead.pid, host: os.hostname(), since: '2020-01-01T00:00:00.000Z', token: `dead${round}` }));
      const go = path.join(control, `go-${round}`);
      const bridges = Array.from({ length: BRIDGES }, () => run(['--import', 'tsx', 'src/bridge/main.ts', '--library', dir, '--port', '0'], go));
      const commands = Array.from({ length: COMMANDS }, (_, i) => run(['bin/casefolio.js', 'add', 'note', 'race', '--title', `round ${round} command ${i}`, '--body', 'x', '--library', dir], go));
      const everyone = [...bridges, ...commands];
      while ((await readdir(control)).filter((n) => n.startsWith(`go-${round}.ready-`)).length < everyone.length) await sleep(5);
      await writeFile(go, ''); // all at once

      for (const [i, command] of commands.entries()) {
        const code = await command.exited;
        if (code === 0) acknowledged.push(command.stdout.trim());
        else if (++refused) expect(command.stderr, `command ${i} of round ${round}`).toMatch(/open for writing in another Casefolio|opening this library for writing right now/);
      }
      await until(() => bridges.every((b) => /Open http/.test(b.stdout) || b.child.exitCode !== null), `round ${round}'s bridges`);
      let writers = 0;
      for (const bridge of bridges) {
        expect(bridge.child.exitCode, bridge.stderr).toBeNull();
        const url = /Open (http:\/\/\S+)/.exec(bridge.stdout)![1];
        const readOnly = /read-only: another Casefolio has it open for writing/.test(bridge.stdout);
        const saved = await call(url, 'notes:create', { caseId: theCase.id, fields: { title: `round ${round} bridge`, body: 'x' } });
        if (readOnly && ++refused) expect(saved.error?.code).toBe('READ_ONLY');
        else {
          writers++;
          expect(saved.ok).toBe(true);
          acknowledged.push(saved.value!.id);
        }
      }
      bridgeWriters.push(writers);
      for (const bridge of bridges) bridge.child.kill('SIGTERM');
      await Promise.all(bridges.map((b) => b.exited));
      expect(existsSync(path.join(dir, LOCK_FILE)), `the lock is released after round ${round}`).toBe(false);
    }
    expect(bridgeWriters.every((n) => n <= 1)).toBe(true);
    // The race happened: some programs were turned away (a round where each ran alone would test nothing).
    expect(refused).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(0);
    const saved = JSON.parse(await readFile(path.join(dir, 'cases', theCase.id, 'case.json'), 'utf8'));
    const ids = new Set(saved.notes.map((n: { id: string }) => n.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  }, 900_000);
});
