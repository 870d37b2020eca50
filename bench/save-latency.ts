/*
 * Save latency against its floor: `npm run bench:saves` (SAVES=n edits per run, default 100).
 *
 * For a case of 200 records and one of 5,000, in fresh processes: 100 single-record edits through the
 * contract (journal and search index attached, as in the window), each followed by the floor — one durable
 * write (write + fsync) of just the edit's bytes on the same disk (bench/tasks/save.ts). Target: save
 * p95 ≤ 2 × floor p95, at both sizes.
 *
 * Beside it, in the same run and on copies of the same libraries, the code path before the change log (the
 * whole case file rewritten durably, the journal line fsynced on its own): the same task built against the
 * `src` of SAVES_BASELINE_REF (default 76953c2, main before this work), taken with `git archive`.
 */
import { execFileSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, copyFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { generateLibrary } from './generate';
import { RESULT_PREFIX } from './lib/report';

const ROOT = path.resolve(import.meta.dirname, '..');
const COUNT = Number(process.env.SAVES ?? 100);
const BASELINE_REF = process.env.SAVES_BASELINE_REF ?? '76953c2';
const BUILD_DIR = path.join(ROOT, 'node_modules', '.cache', 'casefolio-bench', `saves-${process.pid}`);

interface Stats { p50: number; p95: number; max: number }
interface Result { records: number; caseBytes: number; save: Stats; floor: Stats; total: Stats; cpu: Stats; closeMs: number }

async function bundle(entry: string, name: string): Promise<string> {
  const outfile = path.join(BUILD_DIR, `${name}.mjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  return outfile;
}

/** This tree's task, and the same task file placed in a copy of the baseline's src. */
async function bundles(work: string): Promise<{ after: string; before: string }> {
  const after = await bundle(path.join(ROOT, 'bench', 'tasks', 'save.ts'), 'save-latency-after');
  const baseline = path.join(work, 'baseline');
  await mkdir(path.join(baseline, 'bench', 'tasks'), { recursive: true });
  await mkdir(path.join(baseline, 'bench', 'lib'), { recursive: true });
  const archive = execFileSync('git', ['-C', ROOT, 'archive', BASELINE_REF, 'src'], { maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', baseline], { input: archive });
  await copyFile(path.join(ROOT, 'bench', 'tasks', 'save.ts'), path.join(baseline, 'bench', 'tasks', 'save.ts'));
  await copyFile(path.join(ROOT, 'bench', 'lib', 'report.ts'), path.join(baseline, 'bench', 'lib', 'report.ts'));
  const before = await bundle(path.join(baseline, 'bench', 'tasks', 'save.ts'), 'save-latency-before');
  return { after, before };
}

/**
 * The baseline reads schema version 2; the libraries are generated at this tree's version (3 adds the people
 * register to library.json and nothing to case files), so its copies are given back version 2.
 */
async function asSchemaTwo(dir: string): Promise<void> {
  const rewrite = async (file: string, change: (data: Record<string, unknown>) => void) => {
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    change(data);
    await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
  };
  await rewrite(path.join(dir, 'library.json'), (data) => {
    data.schemaVersion = 2;
    delete data.people;
  });
  for (const id of await readdir(path.join(dir, 'cases'))) await rewrite(path.join(dir, 'cases', id, 'case.json'), (data) => (data.schemaVersion = 2));
  await rm(path.join(dir, '.cache'), { recursive: true, force: true });
}

function run(script: string, dir: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir, String(COUNT)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) reject(new Error(`save-latency failed (exit ${code}):\n${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
    });
  });
}

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const work = await mkdtemp(path.join(os.tmpdir(), 'casefolio-saves-'));
try {
  const scripts = await bundles(work);
  console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${COUNT} edits per run; baseline ${BASELINE_REF}\n`);
  const rows: string[] = [];
  let met = true;
  for (const [label, perCase] of [['200', { sourcesPerCase: 110, notesPerCase: 50, eventsPerCase: 40 }], ['5,000', { sourcesPerCase: 2750, notesPerCase: 1250, eventsPerCase: 1000 }]] as const) {
    const template = path.join(work, `template-${label}`);
    await generateLibrary(template, { cases: 1, ...perCase });
    for (const [name, script] of [['before (whole file rewritten)', scripts.before], ['after (change log)', scripts.after]] as const) {
      const dir = path.join(work, `run-${label}-${name.split(' ')[0]}`);
      await cp(template, dir, { recursive: true });
      if (script === scripts.before) await asSchemaTwo(dir);
      const r = await run(script, dir);
      const ratio = r.save.p95 / r.floor.p95;
      if (name.startsWith('after')) met &&= ratio <= 2;
      rows.push(
        `${`${r.records} records (${(r.caseBytes / 1024).toFixed(0)} KiB), ${name}`.padEnd(58)} save p50 ${ms(r.save.p50).padStart(9)} p95 ${ms(r.save.p95).padStart(9)} max ${ms(r.save.max).padStart(9)} | floor p50 ${ms(r.floor.p50).padStart(8)} p95 ${ms(r.floor.p95).padStart(8)} | p95 ${ratio.toFixed(2)}× floor | cpu per save (index included) p50 ${ms(r.cpu.p50)} p95 ${ms(r.cpu.p95)} | close ${ms(r.closeMs)}`,
      );
      console.log(rows[rows.length - 1]);
      await rm(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nTarget save p95 ≤ 2 × floor p95 at both sizes: ${met ? 'met' : 'NOT met'}`);
} finally {
  await rm(work, { recursive: true, force: true });
  await rm(BUILD_DIR, { recursive: true, force: true });
}
