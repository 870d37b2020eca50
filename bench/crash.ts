/*
 * Crash-safety benchmark: `npm run bench:crash` (CRASH_KILLS=n to change the default 10,000).
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
const BASELINE_KILLS = Math.min(1_000, KILLS);
const fmt = (n: number) => n.toLocaleString('en-GB');

async function durableRun(): Promise<{ chains: CrashRunResult[]; ms: number }> {
  const start = performance.now();
  const chains = await Promise.all([
    crashHarness({ kills: Math.ceil(KILLS / 2), caseCount: 4, seed: 101 }),
    crashHarness({ kills: Math.floor(KILLS / 2), caseCount: 3, seed: 202 }),
  ]);
  return { chains, ms: performance.now() - start };
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

console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}; ${fmt(KILLS)} kills (durable writes), ${fmt(BASELINE_KILLS)} (baseline)\n`);

const durable = await durableRun();
const failures = durable.chains.flatMap((c) => c.failures);
const sum = (pick: (c: CrashRunResult) => number) => durable.chains.reduce((n, c) => n + pick(c), 0);
console.log('durable writes (change log appended and fsynced, folded into case.json by temp file, fsync, rename)');
console.log(`  kills                      ${fmt(sum((c) => c.kills))}`);
console.log(`  saves acknowledged         ${fmt(sum((c) => c.acknowledged))}`);
console.log(`  kills that caught a save in flight which then landed  ${fmt(sum((c) => c.inFlightLanded))}`);
console.log(`  damaged files or lost acknowledged saves              ${fmt(failures.length)}`);
console.log(`  time                       ${(durable.ms / 1000).toFixed(0)} s`);
for (const f of failures.slice(0, 10)) console.log(`    ${f}`);

const baseline = await baselineRun();
const mean = baseline.killsToDamage.length ? baseline.killsToDamage.reduce((a, b) => a + b, 0) / baseline.killsToDamage.length : undefined;
console.log('\nbaseline: saving straight into the file (no temp file, no rename)');
console.log(`  kills                      ${fmt(baseline.kills)}`);
console.log(`  libraries damaged          ${fmt(baseline.damaged)}${mean ? ` (one every ${mean.toFixed(0)} kills on average)` : ''}`);
if (baseline.example) console.log(`  for example: ${baseline.example}`);

console.log(`\nSummary: ${failures.length ? `FAILED — ${failures.length} problems` : 'every file whole, every acknowledged save present'} after ${fmt(sum((c) => c.kills))} kills; the baseline was damaged ${fmt(baseline.damaged)} times in ${fmt(baseline.kills)}.`);
process.exitCode = failures.length ? 1 : 0;
