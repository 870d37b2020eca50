/*
 * How long `casefolio` takes to start, beside `node -e 0` on the same machine in the same run:
 * `casefolio --help` and `casefolio cases` on the sample library, each a fresh process of the built
 * command (bin/casefolio.js → out/node/cli.js, as a person runs it). The three commands run round-robin,
 * BENCH_RUNS times each (default 40), so a change in the machine's load touches all three alike; the ratio
 * is of medians. Beside wall time, each process's CPU time (user + system, from GNU time when
 * /usr/bin/time is installed), which a busy machine inflates less. Target (issue 14): each ≤ 4× `node -e 0`.
 * BENCH_BASELINE_CLI=<another checkout>/bin/casefolio.js (built there) runs that command too, in the same rounds,
 * to compare a change with what it changes.
 *
 *   npx tsx bench/cli-startup.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { summarise } from './lib/report';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'casefolio.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const BASELINE_CLI = process.env.BENCH_BASELINE_CLI ? path.resolve(process.env.BENCH_BASELINE_CLI) : undefined;

execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-node.js')], { stdio: 'inherit' });
const work = mkdtempSync(path.join(os.tmpdir(), 'casefolio-cli-startup-'));
const library = path.join(work, 'sample');
execFileSync(process.execPath, [CLI, 'sample', library], { stdio: 'ignore' });

const commands: [label: string, args: string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['casefolio --help', [CLI, '--help']],
  ['casefolio cases (sample library)', [CLI, 'cases', '--library', library]],
  ...(BASELINE_CLI
    ? ([
        ['baseline casefolio --help', [BASELINE_CLI, '--help']],
        ['baseline casefolio cases', [BASELINE_CLI, 'cases', '--library', library]],
      ] as [string, string[]][])
    : []),
];
const samples = new Map<string, number[]>(commands.map(([label]) => [label, []]));
const cpuSamples = new Map<string, number[]>(commands.map(([label]) => [label, []]));
const GNU_TIME = '/usr/bin/time';
const timed = existsSync(GNU_TIME);

// One untimed round first: the disk cache holds the files every later run reads, for all three alike.
for (const [, args] of commands) spawnSync(process.execPath, args, { stdio: 'ignore' });
for (let run = 0; run < RUNS; run++) {
  for (const [label, args] of commands) {
    const start = performance.now();
    const result = timed
      ? spawnSync(GNU_TIME, ['-f', 'cpu %U %S', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
      : spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const elapsed = performance.now() - start;
    if (result.status !== 0) throw new Error(`${label} exited ${result.status}: ${result.stderr}`);
    samples.get(label)!.push(elapsed);
    const cpu = /cpu (\S+) (\S+)\s*$/.exec(result.stderr);
    if (cpu) cpuSamples.get(label)!.push((Number(cpu[1]) + Number(cpu[2])) * 1000);
  }
}
rmSync(work, { recursive: true, force: true });

const baseline = summarise(samples.get('node -e 0')!).p50;
const cpuBaseline = summarise(cpuSamples.get('node -e 0')!).p50;
if (BASELINE_CLI) console.log(`baseline: ${BASELINE_CLI}`);
console.log(`CLI start-up, ${RUNS} runs each, round-robin; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os.loadavg()[0]!.toFixed(1)} at the end`);
for (const [label] of commands) {
  const s = summarise(samples.get(label)!);
  const cpu = summarise(cpuSamples.get(label)!);
  const cpuColumn = timed ? `   CPU median ${cpu.p50.toFixed(0).padStart(4)} ms, ${(cpu.p50 / cpuBaseline).toFixed(2)}×` : '';
  console.log(`${label.padEnd(34)} wall median ${s.p50.toFixed(0).padStart(4)} ms   p95 ${s.p95.toFixed(0).padStart(4)} ms   ${(s.p50 / baseline).toFixed(2)}× node -e 0${cpuColumn}`);
}
