/*
 * Sync cost as history grows: `npx tsx bench/sync-rounds.ts` (SYNC_BENCH_ROUNDS=n, default 200).
 *
 * Two machines share a library through the loopback git server (tests/helpers/git-server.ts). Each round both add
 * a note to one case, Bob syncs, then Alice syncs (the measured run: each step timed through `afterStep`), then Bob
 * syncs again: the same history the kill loop (tests/core/sync/sync-kill.test.ts) builds, one merge commit per round.
 * The table prints Alice's sync, step by step (wall time), and its CPU time (this process), at a few rounds; the
 * baseline is round 1 of the same run, so the ratios are the growth a user would notice after that many rounds
 * of history. CPU time is the steadier figure on a shared, loaded machine.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLibrary, openLibrary, type LibrarySession } from '../src/core/library-session';
import { cloneLibrary } from '../src/core/sync/clone';
import { runSync, SYNC_STEPS, type SyncStep } from '../src/core/sync/run';
import { startGitServer } from '../tests/helpers/git-server';

const ROUNDS = Number(process.env.SYNC_BENCH_ROUNDS ?? 200);
const SHOWN = [1, 10, 50, 100, 150, 200, 400, 800].filter((r) => r <= ROUNDS);

let clock = Date.UTC(2026, 2, 1);
const now = () => new Date((clock += 1000));
const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'casefolio-bench-sync-'));

async function identity(session: LibrarySession, name: string) {
  await session.api['identity:set']({ name, email: `${name.toLowerCase()}@example.org` });
  return session;
}

async function main() {
  const server = await startGitServer();
  const aliceDir = path.join(await tempDir(), 'library');
  const alice = await identity(await createLibrary(aliceDir, 'Shared library', { warm: false, now }), 'Alice');
  const remote = server.repository('bench');
  await alice.api['sync:init']({ remote });
  const { id: caseId } = await alice.api['cases:create']({ fields: { title: 'Stop and search complaints' } });
  await alice.api['sync:run']({});
  const bobDir = path.join(await tempDir(), 'library');
  await cloneLibrary(bobDir, remote);
  const bob = await identity(await openLibrary(bobDir, { warm: false, now }), 'Bob');

  const rows: { round: number; total: number; cpu: number; steps: Partial<Record<SyncStep, number>> }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [m, name] of [[alice, 'Alice'], [bob, 'Bob']] as const) await m.api['notes:create']({ caseId, fields: { title: `Round ${round} note by ${name}` } });
    await bob.api['sync:run']({});
    const steps: Partial<Record<SyncStep, number>> = {};
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let last = start;
    await runSync(alice.lib, true, {
      afterStep: (step) => {
        const t = performance.now();
        steps[step] = (steps[step] ?? 0) + (t - last);
        last = t;
      },
    });
    const total = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    const cpu = (used.user + used.system) / 1000; // this process only: the loopback host's git runs in its own
    await bob.api['sync:run']({});
    if (SHOWN.includes(round)) {
      rows.push({ round, total, cpu, steps });
      process.stderr.write(`round ${round}: ${total.toFixed(0)} ms, ${cpu.toFixed(0)} ms CPU (load ${os.loadavg()[0].toFixed(1)})\n`);
    }
  }
  const base = rows[0].total;
  const ms = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(0));
  console.log(`Alice's sync (ms) by round; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${os.cpus().length} cores`);
  console.log(`| round | ${SYNC_STEPS.join(' | ')} | whole sync | × round 1 | CPU | CPU × round 1 |`);
  console.log(`|---|${SYNC_STEPS.map(() => '---').join('|')}|---|---|---|---|`);
  for (const r of rows) console.log(`| ${r.round} | ${SYNC_STEPS.map((s) => ms(r.steps[s])).join(' | ')} | ${ms(r.total)} | ${(r.total / base).toFixed(2)} | ${ms(r.cpu)} | ${(r.cpu / rows[0].cpu).toFixed(2)} |`);
  await alice.close();
  await bob.close();
  await server.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
