/*
 * Issue #12: a library whose last writer crashed (its lock left behind), then several programs opening it
 * at the same instant. Real processes, a real temp folder, a barrier so they start together, and a slowed
 * takeover step so the race is likely. Every round: exactly one writer, and every save it acknowledged is
 * in the case file afterwards (and in the journal).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/core/evidence/journal';
import { LOCK_FILE, LOCK_OWNER_FILE } from '../../src/core/storage/lock';
import { tempDir, tempLibrary } from '../helpers/temp-library';
import { bundleWriter } from './crash-safety';

const RACERS = 6;
const ROUNDS = Number(process.env.LOCK_RACE_ROUNDS ?? 25);
const NOTES_PER_WIN = 3;

let racer: Awaited<ReturnType<typeof bundleWriter>>;
beforeAll(async () => {
  racer = await bundleWriter('lock-racer.ts');
});
afterAll(() => racer?.dispose());

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('close', r));
  return child.pid!;
}

async function until(check: () => boolean, what: string, child: { failed?: string }): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (child.failed) throw new Error(`a racer failed while waiting for ${what}: ${child.failed}`);
    await sleep(2);
  }
}

/** The three shapes a crashed writer's lock can have: today's folder, an old version's file, an old version's empty file. */
async function plantStaleLock(dir: string, round: number, pid: number): Promise<void> {
  const lock = path.join(dir, LOCK_FILE);
  const owner = { pid, host: os.hostname(), since: '2020-01-01T00:00:00.000Z' };
  if (round % 3 === 0) {
    await mkdir(lock);
    await writeFile(path.join(lock, LOCK_OWNER_FILE), JSON.stringify({ ...owner, token: `dead${round}` }));
  } else if (round % 3 === 1) {
    await writeFile(lock, JSON.stringify(owner));
  } else {
    await writeFile(lock, ''); // the old version's crash between creating the lock and filling it
    const old = new Date(Date.now() - 3_600_000);
    await utimes(lock, old, old);
  }
}

describe('one writer per library, under a race', () => {
  it(`${RACERS} processes open a library with a stale lock at the same instant, ${ROUNDS} rounds: one writer each round, nothing acknowledged is lost`, async () => {
    const { dir, api, lib } = await tempLibrary();
    const theCase = await api['cases:create']({ fields: { title: 'Race' } });
    await lib.close();
    const control = await tempDir('casefolio-lock-race-');
    const pid = await deadPid();
    const status: { failed?: string } = {};
    const children = Array.from({ length: RACERS }, (_, i) => {
      const child = spawn(process.execPath, [racer.file, dir, control, String(i), String(ROUNDS), theCase.id, String(NOTES_PER_WIN)], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => {
        if (code !== 0) status.failed = `racer ${i} exited ${code}: ${stderr}`;
      });
      return child;
    });
    const has = (name: string) => existsSync(path.join(control, name));
    const all = (prefix: string, round: number, suffix = '') => Array.from({ length: RACERS }, (_, i) => `${prefix}-${round}-${i}${suffix}`);
    const acknowledged: string[] = [];
    const writersPerRound: number[] = [];
    const refusals = new Set<string>();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        await plantStaleLock(dir, round, pid);
        await until(() => all('ready', round).every(has), `round ${round} to be ready`, status);
        await writeFile(path.join(control, `go-${round}`), '');
        await until(() => all('result', round, '.json').every(has), `round ${round}'s results`, status);
        const results = await Promise.all(all('result', round, '.json').map(async (n) => JSON.parse(await readFile(path.join(control, n), 'utf8'))));
        writersPerRound.push(results.filter((r) => r.won).length);
        for (const r of results) {
          if (r.won) acknowledged.push(...r.acked);
          else refusals.add(r.code);
        }
        await writeFile(path.join(control, `done-${round}`), '');
        await until(() => all('closed', round).every(has), `round ${round} to close`, status);
      }
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill();
    }
    expect(writersPerRound).toEqual(Array(ROUNDS).fill(1));
    expect([...refusals]).toEqual(['LIBRARY_LOCKED']);
    expect(acknowledged).toHaveLength(ROUNDS * NOTES_PER_WIN);
    const saved = JSON.parse(await readFile(path.join(dir, 'cases', theCase.id, 'case.json'), 'utf8'));
    const savedIds = new Set(saved.notes.map((n: { id: string }) => n.id));
    expect(acknowledged.filter((id) => !savedIds.has(id))).toEqual([]);
    const journal = await readJournal(path.join(dir, 'cases', theCase.id, 'journal.jsonl'));
    const journalled = new Set(journal.entries.flatMap((e) => e.records.filter((r) => r.kind === 'note').map((r) => r.id)));
    expect(acknowledged.filter((id) => !journalled.has(id))).toEqual([]);
    // The last writer released its lock; no lock, staging folder or tombstone younger than a minute is a lock.
    expect((await readdir(dir)).filter((n) => n === LOCK_FILE)).toEqual([]);
  }, 600_000);
});
