/*
 * `casefolio dossier` as fresh processes, two or more builds side by side: `npx tsx bench/dossier-fresh.ts [rounds]
 * label=path/to/bin/casefolio.js …` (default 9 rounds, the order rotating each round). Prints each build's median CPU
 * time, wall time and peak RSS (bench/lib/process-run.ts), and `node -e 0` in the same rounds. The library and case:
 * DOSSIER_LIBRARY and DOSSIER_CASES (space-separated slugs); by default the 50-exhibit case bench/dossier.ts makes
 * (run it once first). The sample library: `casefolio sample /tmp/sample`, DOSSIER_LIBRARY=/tmp/sample DOSSIER_CASES=everard.
 * DOSSIER_STYLE sets the citation style (`--style`; by default the command's own, OSCOLA).
 */
import os from 'node:os';
import path from 'node:path';
import { measureProcess, median } from './lib/process-run';

const [first, ...rest] = process.argv.slice(2);
const rounds = /^\d+$/.test(first ?? '') ? Number(first) : 9;
const specs = /^\d+$/.test(first ?? '') ? rest : process.argv.slice(2);
if (specs.length === 0) throw new Error('Name at least one build: label=path/to/bin/casefolio.js');
const library = process.env.DOSSIER_LIBRARY ?? 'node_modules/.cache/casefolio-bench/dossier-libraries/exhibits-50';
const cases = (process.env.DOSSIER_CASES ?? 'with-exhibits').split(/\s+/).filter(Boolean);
const style = process.env.DOSSIER_STYLE ? ['--style', process.env.DOSSIER_STYLE] : [];
const runs: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ...specs.map((spec): [string, string[]] => {
    const [label, cli] = [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)];
    const output = path.join(os.tmpdir(), `dossier-fresh-${label}.pdf`);
    return [label, [cli, '--library', library, 'dossier', ...cases, '-o', output, '--date', '2025-11-24', '--bates', 'BEN', ...style, '--quiet']];
  }),
];
const measured = new Map(runs.map(([label]) => [label, { cpu: [] as number[], wall: [] as number[], rss: [] as number[] }]));
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < runs.length; i++) {
    const [label, args] = runs[(i + round) % runs.length];
    const run = measureProcess(process.execPath, args);
    const m = measured.get(label)!;
    m.cpu.push(run.cpuMs);
    m.wall.push(run.wallMs);
    m.rss.push(run.peakRssMb);
  }
}
console.log(`${cases.join(' ')}${style.length ? ` (${style.join(' ')})` : ''} in ${library}, ${rounds} rounds, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const [label, m] of measured) {
  console.log(`${label.padEnd(14)} CPU ${median(m.cpu).toFixed(0).padStart(5)} ms   wall ${median(m.wall).toFixed(0).padStart(5)} ms   peak RSS ${median(m.rss).toFixed(0)} MB`);
}
