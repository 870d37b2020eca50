/*
 * Crash-safety benchmark: `npm run bench:crash` (CRASH_KILLS=n to change the default 10,000; CRASH_CHAINS=n
 * chains side by side, default 2; CRASH_CYCLE_SAMPLE=n kills for the cycle-time comparison, default 100, 0 skips it).
 *
 * The harness of tests/reliability (1,000 kills in npm test) at ten times the count: a writer process saving
 * edits in a loop is killed with SIGKILL at a random moment, then the library is opened read-only and checked —
 * every case file parses and validates, holds the last acknowledged save of its edit or the one in flight, and
 * no acknowledged save is missing. Two chains on two libraries, so both cores work.
 *
 * Beside it, in the same run, the baseline: the same writer saving straight into the file (no temp file, no
 * rename), as a naive program does. It shows the kills land where they can do harm: each run of the baseline
 * stops at the first damaged or lost save, and the table reports how many kills that took.
 */
import os from 'node:os';
import { crashHarness, type CrashRunResult } from '../tests/reliability/crash-safety';

const KILLS = Number(process.env.CRASH_KILLS ?? 10_000);
const CHAINS = Math.max(1, Number(process.env.CRASH_CHAINS ?? 2));
const CYCLE_SAMPLE = Number(process.env.CRASH_CYCLE_SAMPLE ?? 100);
const BASELINE_KILLS = Math.min(1_000, KILLS);
const fmt = (n: number) => n.toLocaleString('en-GB');
const load = () => os.loadavg()[0].toFixed(1);

async function durableRun(): Promise<{ chains: CrashRunResult[]; ms: number }> {
  const start = performance.now();
  const chains = await Promise.all(
    Array.from({ length: CHAINS }, (_, i) => crashHarness({ kills: Math.floor(KILLS / CHAINS) + (i < KILLS % CHAINS ? 1 : 0), caseCount: 4 - (i % 2), seed: 101 * (i + 1) })),
  );
  return { chains, ms: performance.now() - start };
}

/** Where a kill cycle's time goes, per kill: writers started when their turn comes against started ahead. */
async function cycleComparison(): Promise<void> {
  console.log(`kill cycle, ${fmt(CYCLE_SAMPLE)} kills each, one chain (ms per kill: waiting for the writer to be ready, running until killed, checking)`);
  for (const prestart of [0, 1]) {
    const start = performance.now();
    const run = await crashHarness({ kills: CYCLE_SAMPLE, caseCount: 4, seed: 55, prestart });
    const per = (ms: number) => (ms / run.kills).toFixed(0).padStart(5);
    console.log(
      `  ${(prestart ? `${prestart} writer started ahead (now)` : 'writer started at its turn (before)').padEnd(38)} ${per(performance.now() - start)} ms per kill | ready ${per(run.phases.waitReady)} | running ${per(run.phases.running)} | check ${per(run.phases.check)} | problems ${run.failures.length} | load ${load()}`,
    );
  }
  console.log('');
}

/** Runs the in-place writer until BASELINE_KILLS kills, starting a new library after each damaged one. */
async function baselineRun(): Promise<{ kills: number; damaged: number; killsToDamage: number[]; example?: string }> {
  let kills = 0;
  let seed = 303;
  const killsToDamage: number[] = [];
  let example: string | undefined;
  while (kills < BASELINE_KILLS) {
    const run = await crashHarness({ kills: BASELINE_KILLS - kills, caseCount: 4, seed: seed++, writes: 'in-place', maxFailures: 0 });
    kills += run.kills;
    if (run.failures.length) {
      killsToDamage.push(run.kills);
      example ??= run.failures[0];
    }
  }
  return { kills, damaged: killsToDamage.length, killsToDamage, example };
}

console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${fmt(KILLS)} kills (durable writes) in ${CHAINS} chains, ${fmt(BASELINE_KILLS)} (baseline)\n`);

if (CYCLE_SAMPLE > 0) await cycleComparison();

const durable = await durableRun();
const failures = durable.chains.flatMap((c) => c.failures);
const sum = (pick: (c: CrashRunResult) => number) => durable.chains.reduce((n, c) => n + pick(c), 0);
console.log('durable writes (change log appended and fsynced, folded into case.json by temp file, fsync, rename)');
console.log(`  kills                      ${fmt(sum((c) => c.kills))}`);
console.log(`  saves acknowledged         ${fmt(sum((c) => c.acknowledged))}`);
console.log(`  kills that caught a save in flight which then landed  ${fmt(sum((c) => c.inFlightLanded))}`);
console.log(`  damaged files or lost acknowledged saves              ${fmt(failures.length)}`);
console.log(`  time                       ${(durable.ms / 1000).toFixed(0)} s (${(durable.ms / Math.max(1, sum((c) => c.kills))).toFixed(0)} ms per kill over ${CHAINS} chains; load average now ${load()})`);
for (const f of failures.slice(0, 10)) console.log(`    ${f}`);

const baseline = await baselineRun();
const mean = baseline.killsToDamage.length ? baseline.killsToDamage.reduce((a, b) => a + b, 0) / baseline.killsToDamage.length : undefined;
console.log('\nbaseline: saving straight into the file (no temp file, no rename)');
console.log(`  kills                      ${fmt(baseline.kills)}`);
console.log(`  libraries damaged          ${fmt(baseline.damaged)}${mean ? ` (one every ${mean.toFixed(0)} kills on average)` : ''}`);
if (baseline.example) console.log(`  for example: ${baseline.example}`);

console.log(`\nSummary: ${failures.length ? `FAILED — ${failures.length} problems` : 'every file whole, every acknowledged save present'} after ${fmt(sum((c) => c.kills))} kills; the baseline was damaged ${fmt(baseline.damaged)} times in ${fmt(baseline.kills)}.`);
process.exitCode = failures.length ? 1 : 0;
