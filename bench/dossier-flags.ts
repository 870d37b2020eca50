/*
 * V8 flags for a fresh `casefolio dossier`, side by side: `npx tsx bench/dossier-flags.ts [rounds] label=how:flags …`
 * (default 7 rounds, the order rotating each round). `how` is `early` (the flags set with v8.setFlagsFromString by a
 * small entry file before bin/casefolio.js is imported: what the bin itself would do) or `node` (given to Node on
 * its command line); flags are separated by commas, e.g. `spark=early:--always-sparkplug` or
 * `both=node:--always-sparkplug,--no-lazy-feedback-allocation`; `raw` gives Node exactly these arguments, then the
 * command's (no bin: e.g. `snap=raw:--snapshot-blob,x.blob,--` for a process started from a start-up snapshot). `plain` (this tree's bin, no flags), `qpdf --empty
 * --pages` on the same 50 exhibits and `node -e 0` run in the same rounds. Prints every run and each variant's
 * median CPU, wall and peak RSS, and checks that every variant's PDF has the same bytes as `plain`'s.
 * CASEFOLIO_BIN picks another tree's bin/casefolio.js. The library is the 50-exhibit case bench/dossier.ts makes
 * (run `BENCH_PARTS=exhibits npx tsx bench/dossier.ts` once first); DOSSIER_LIBRARY and DOSSIER_CASES pick others.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exhibitPdf } from './dossier-data';
import { measureProcess, median, type ProcessRun } from './lib/process-run';

const [first, ...rest] = process.argv.slice(2);
const rounds = /^\d+$/.test(first ?? '') ? Number(first) : 7;
const specs = /^\d+$/.test(first ?? '') ? rest : process.argv.slice(2);
const bin = path.resolve(process.env.CASEFOLIO_BIN ?? 'bin/casefolio.js');
const library = process.env.DOSSIER_LIBRARY ?? 'node_modules/.cache/casefolio-bench/dossier-libraries/exhibits-50';
const cases = (process.env.DOSSIER_CASES ?? 'with-exhibits').split(/\s+/).filter(Boolean);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dossier-flags-'));

const dossier = (label: string) => ['--library', library, 'dossier', ...cases, '-o', path.join(tmp, `${label}.pdf`), '--date', '2025-11-24', '--bates', 'BEN', '--quiet'];

function variant(spec: string): [string, string, string[]] {
  const label = spec.slice(0, spec.indexOf('='));
  const [how, list] = [spec.slice(label.length + 1, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
  const flags = list.split(',').filter(Boolean);
  if (how === 'node') return [label, process.execPath, [...flags, bin, ...dossier(label)]];
  if (how === 'raw') return [label, process.execPath, [...flags, ...dossier(label)]];
  if (how !== 'early') throw new Error(`${spec}: say early:…, node:… or raw:…`);
  const entry = path.join(tmp, `${label}.mjs`);
  writeFileSync(entry, `import { setFlagsFromString } from 'node:v8';\n${flags.map((f) => `setFlagsFromString(${JSON.stringify(f)});`).join('\n')}\nawait import(${JSON.stringify(new URL(`file://${bin}`).href)});\n`);
  return [label, process.execPath, [entry, ...dossier(label)]];
}

const exhibits = await Promise.all(Array.from({ length: 50 }, (_, i) => exhibitPdf(10, `Exhibit ${i + 1}`)));
const exhibitPaths = exhibits.map((bytes, i) => {
  const file = path.join(tmp, `exhibit-${i + 1}.pdf`);
  writeFileSync(file, bytes);
  return file;
});
const runs: [string, string, string[]][] = [
  ['qpdf', 'qpdf', ['--empty', '--pages', ...exhibitPaths, '--', path.join(tmp, 'qpdf-out.pdf')]],
  ['node -e 0', process.execPath, ['-e', '0']],
  ['plain', process.execPath, [bin, ...dossier('plain')]],
  ...specs.map(variant),
];
const measured = new Map(runs.map(([label]) => [label, [] as ProcessRun[]]));
const loads: number[] = [];
for (let round = 0; round < rounds; round++) {
  loads.push(os.loadavg()[0]);
  for (let i = 0; i < runs.length; i++) {
    const [label, command, args] = runs[(i + round) % runs.length];
    measured.get(label)!.push(measureProcess(command, args));
  }
}
loads.push(os.loadavg()[0]);

const plainPdf = readFileSync(path.join(tmp, 'plain.pdf'));
const qpdfCpu = median(measured.get('qpdf')!.map((r) => r.cpuMs));
const qpdfWall = median(measured.get('qpdf')!.map((r) => r.wallMs));
const plainCpu = median(measured.get('plain')!.map((r) => r.cpuMs));
console.log(`${cases.join(' ')} in ${library}, ${rounds} rounds, load average (1 min) ${loads.map((l) => l.toFixed(1)).join(' → ')}`);
for (const [label, list] of measured) {
  const cpu = median(list.map((r) => r.cpuMs));
  const wall = median(list.map((r) => r.wallMs));
  const same = ['qpdf', 'node -e 0', 'plain'].includes(label) ? '' : readFileSync(path.join(tmp, `${label}.pdf`)).equals(plainPdf) ? '  same PDF bytes' : '  PDF BYTES DIFFER';
  console.log(
    `${label.padEnd(12)} CPU ${cpu.toFixed(0).padStart(5)} ms (${(cpu / plainCpu).toFixed(3)}× plain, ${(cpu / qpdfCpu).toFixed(2)}× qpdf)` +
      `   wall ${wall.toFixed(0).padStart(5)} ms (${(wall / qpdfWall).toFixed(2)}× qpdf)   peak RSS ${median(list.map((r) => r.peakRssMb)).toFixed(0)} MB${same}`,
  );
  console.log(`             every run: CPU ${list.map((r) => r.cpuMs.toFixed(0)).join(' ')}; wall ${list.map((r) => r.wallMs.toFixed(0)).join(' ')}; RSS ${list.map((r) => r.peakRssMb.toFixed(0)).join(' ')}`);
}
