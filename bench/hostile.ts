/*
 * npx tsx bench/hostile.ts: peak memory and time of hostile files, each in a fresh process, beside a baseline
 * doing what the code did before, in the same run:
 *
 *   1. attaching a 500 MiB file (sparse, zeros): `casefolio attach`, streamed, against the old CLI path
 *      (the whole file read, then turned into base64 for the contract), which failed
 *      and bundling the case that holds it (the file is listed with its fingerprint, read as a stream)
 *   2. attaching a 600 MiB file: refused before reading
 *   3. attaching a 1 GiB PDF decompression bomb (content stream of spaces): `casefolio attach`, against
 *      pdf.js reading its text without the cap, as attaching did before (skipped with BENCH_BASELINE=0)
 *   4. bundling the bomb: `casefolio dossier`, against the uncapped inflate of its content stream that the
 *      exhibit check did before
 *
 * Prints the table recorded in bench/README.md. No figure is asserted.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdfBomb } from '../tests/helpers/hostile-files';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'tests/reliability/measured-cli.ts');
const MiB = 1024 * 1024;
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-hostile-'));
const withBaseline = process.env.BENCH_BASELINE !== '0';

interface Run {
  ms: number;
  rssMb: number;
  outcome: string;
}

function node(args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; code: number | null; stdout: string; stderr: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env }, cwd: ROOT });
  return { ms: performance.now() - started, code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function casefolio(args: string[]): Run {
  const run = node(['--import', 'tsx', CLI, ...args]);
  const rssMb = Number(/max-rss-mb (\d+)/.exec(run.stderr)?.[1]);
  const said = run.stderr.split('\n').find((l) => l.startsWith('casefolio:') || l.startsWith('warning:'));
  return { ms: run.ms, rssMb, outcome: `exit ${run.code}${said ? `: ${said.slice(0, 90)}…` : ''}` };
}

/** A baseline: a script run in a fresh Node that prints its peak RSS last, however its work ended. */
function baseline(script: string, file: string): Run {
  const wrapped = `
    const file = ${JSON.stringify(file)};
    (async () => { ${script} })()
      .then((outcome) => outcome, (error) => 'failed: ' + String(error.message).slice(0, 80))
      .then((outcome) => console.log(JSON.stringify({ outcome, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) })));`;
  // A file, not `-e` with --input-type=module: a worker inherits that flag, and pdf.js's worker script is CommonJS.
  const scriptFile = path.join(work, `baseline-${rows.length}.mjs`);
  writeFileSync(scriptFile, wrapped);
  const run = node(['--import', 'tsx', scriptFile]);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(last) as { outcome: string; rssMb: number };
    return { ms: run.ms, rssMb: parsed.rssMb, outcome: parsed.outcome };
  } catch {
    return { ms: run.ms, rssMb: NaN, outcome: `crashed (exit ${run.code}): ${run.stderr.trim().split('\n').pop()?.slice(0, 80)}` };
  }
}

function sparse(file: string, size: number): void {
  const fd = openSync(file, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
}

const rows: [string, Run][] = [];
function report(name: string, run: Run): void {
  rows.push([name, run]);
  console.error(`${name}: ${Math.round(run.ms)} ms, ${run.rssMb} MB, ${run.outcome}`);
}

const library = path.join(work, 'lib');
const setup = (args: string[]) => node(['--import', 'tsx', CLI, ...args]).stdout.trim();
setup(['init', library]);
setup(['new', 'Hostile files', '--slug', 'hostile', '--library', library]);
const sourceId = setup(['add', 'source', 'hostile', '--title', 'Evidence', '--library', library]);
// The bomb in a case of its own, so that bundling it reads nothing else.
setup(['new', 'Bomb', '--slug', 'bomb', '--library', library]);
const bombSourceId = setup(['add', 'source', 'bomb', '--title', 'A report', '--library', library]);

report('start-up alone (casefolio cases)', casefolio(['cases', '--library', library]));

const big = path.join(work, 'footage.bin');
sparse(big, 500 * MiB);
report('attach 500 MiB, streamed (casefolio attach)', casefolio(['attach', 'hostile', sourceId, big, '--library', library]));
report(
  'attach 500 MiB, baseline: read whole + base64',
  baseline(`const { readFile } = await import('node:fs/promises'); const b = await readFile(file); const s = b.toString('base64'); return 'base64 of ' + s.length + ' chars';`, big),
);
report('bundle the case holding it (casefolio dossier)', casefolio(['dossier', 'hostile', '-o', path.join(work, 'big.pdf'), '--quiet', '--library', library]));
const tooBig = path.join(work, 'too-big.bin');
sparse(tooBig, 600 * MiB);
report('attach 600 MiB: refused (casefolio attach)', casefolio(['attach', 'hostile', sourceId, tooBig, '--library', library]));
rmSync(big);
rmSync(tooBig);

const bomb = path.join(work, 'bomb.pdf');
const bombBytes = await pdfBomb(1024 * MiB);
writeFileSync(bomb, bombBytes);
console.error(`bomb: ${(bombBytes.length / MiB).toFixed(2)} MiB, content stream inflating to 1 GiB`);
report('attach the PDF bomb (casefolio attach)', casefolio(['attach', 'bomb', bombSourceId, bomb, '--library', library]));
if (withBaseline) {
  const pdfWorker = path.join(ROOT, 'src/core/evidence/pdf-worker.ts');
  report(
    'attach the PDF bomb, baseline: pdf.js text, no cap',
    baseline(
      `const { extractPdfText, DEFAULT_LIMITS } = await import(${JSON.stringify(pdfWorker)});
       const { readFile } = await import('node:fs/promises');
       const r = await extractPdfText(await readFile(file), { ...DEFAULT_LIMITS, timeoutMs: 600000 });
       return r.ok ? 'text of ' + r.pages.length + ' page(s)' : r.message;`,
      bomb,
    ),
  );
}
const out = path.join(work, 'dossier.pdf');
report('bundle the PDF bomb (casefolio dossier)', casefolio(['dossier', 'bomb', '-o', out, '--quiet', '--library', library]));
report(
  'bundle the PDF bomb, baseline: uncapped inflate check',
  baseline(
    `const { readFile } = await import('node:fs/promises'); const { inflateSync } = await import('node:zlib');
     const b = await readFile(file); const start = b.indexOf('stream\\n') + 7; const end = b.indexOf('\\nendstream', start);
     return 'inflated to ' + inflateSync(b.subarray(start, end)).length + ' bytes';`,
    bomb,
  ),
);

console.log(`\n${'what'.padEnd(52)} ${'time'.padStart(9)} ${'peak RSS'.padStart(10)}  outcome`);
for (const [name, run] of rows) console.log(`${name.padEnd(52)} ${`${Math.round(run.ms)} ms`.padStart(9)} ${`${run.rssMb} MB`.padStart(10)}  ${run.outcome}`);
rmSync(work, { recursive: true, force: true });
