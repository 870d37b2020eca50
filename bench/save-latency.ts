/*
 * Save latency against its floor: `npm run bench:saves` (SAVES=n edits per run, default 500; SAVES=100 is the
 * count runs before 4 December used). A p95 over 100 saves is the 5th-slowest save, which one stray fsync or
 * garbage collection moves by milliseconds; over 500 it is the 25th, the tail a person editing for a while meets.
 *
 * For a case of 200 records and one of 5,000, in fresh processes: single-record edits (SAVES of them) through the
 * contract (journal and search index attached, as in the window), each followed by the floor — one durable
 * write (write + fsync) of just the edit's bytes on the same disk (bench/tasks/save.ts). Target: save
 * p95 ≤ 2 × floor p95, at both sizes.
 *
 * Beside it, in the same run and on copies of the same libraries, earlier code paths: the same task built
 * against the `src` of each ref in SAVES_BASELINE_REF (comma-separated; default 76953c2, main before the
 * change log, whose saves rewrite the whole case file, and e4c53fe, main with the change log and the search
 * index updated inside the save), taken with `git archive`.
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
const COUNT = Number(process.env.SAVES ?? 500);
const BASELINE_REFS = (process.env.SAVES_BASELINE_REF ?? '76953c2,e4c53fe').split(',').map((r) => r.trim()).filter(Boolean);
const BUILD_DIR = path.join(ROOT, 'node_modules', '.cache', 'casefolio-bench', `saves-${process.pid}`);

interface Stats { p50: number; p95: number; max: number }
interface Result { records: number; caseBytes: number; save: Stats; floor: Stats; total: Stats; cpu: Stats; index: Stats; closeMs: number }

async function bundle(entry: string, name: string): Promise<string> {
  const outfile = path.join(BUILD_DIR, `${name}.mjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  return outfile;
}

/** The task built from a copy of a ref's src, with this tree's task file placed in it. */
async function baselineBundle(work: string, ref: string): Promise<string> {
  const baseline = path.join(work, `baseline-${ref}`);
  await mkdir(path.join(baseline, 'bench', 'tasks'), { recursive: true });
  await mkdir(path.join(baseline, 'bench', 'lib'), { recursive: true });
  const archive = execFileSync('git', ['-C', ROOT, 'archive', ref, 'src'], { maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', baseline], { input: archive });
  await copyFile(path.join(ROOT, 'bench', 'tasks', 'save.ts'), path.join(baseline, 'bench', 'tasks', 'save.ts'));
  await copyFile(path.join(ROOT, 'bench', 'lib', 'report.ts'), path.join(baseline, 'bench', 'lib', 'report.ts'));
  return bundle(path.join(baseline, 'bench', 'tasks', 'save.ts'), `save-latency-${ref}`);
}

/** The case-file schema version a ref's code reads. */
function schemaVersionAt(ref: string): number {
  const domain = execFileSync('git', ['-C', ROOT, 'show', `${ref}:src/shared/domain.ts`], { encoding: 'utf8' });
  return Number(/CURRENT_SCHEMA_VERSION = (\d+)/.exec(domain)?.[1]);
}

interface Variant { label: string; script: string; schemaVersion: number; after: boolean }

async function variants(work: string): Promise<Variant[]> {
  const list: Variant[] = [];
  for (const ref of BASELINE_REFS) {
    const schemaVersion = schemaVersionAt(ref);
    list.push({ label: `before (${ref}${schemaVersion < 3 ? ', whole file rewritten' : ''})`, script: await baselineBundle(work, ref), schemaVersion, after: false });
  }
  list.push({ label: 'after (this tree)', script: await bundle(path.join(ROOT, 'bench', 'tasks', 'save.ts'), 'save-latency-after'), schemaVersion: 3, after: true });
  return list;
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
  const runs = await variants(work);
  console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${COUNT} edits per run; baselines ${BASELINE_REFS.join(', ')}\n`);
  let met = true;
  for (const [label, perCase] of [['200', { sourcesPerCase: 110, notesPerCase: 50, eventsPerCase: 40 }], ['5,000', { sourcesPerCase: 2750, notesPerCase: 1250, eventsPerCase: 1000 }]] as const) {
    const template = path.join(work, `template-${label}`);
    await generateLibrary(template, { cases: 1, ...perCase });
    for (const [i, variant] of runs.entries()) {
      const dir = path.join(work, `run-${label}-${i}`);
      await cp(template, dir, { recursive: true });
      if (variant.schemaVersion === 2) await asSchemaTwo(dir);
      const r = await run(variant.script, dir);
      const ratio = r.save.p95 / r.floor.p95;
      if (variant.after) met &&= ratio <= 2;
      console.log(
        `${`${r.records} records (${(r.caseBytes / 1024).toFixed(0)} KiB), ${variant.label}`.padEnd(52)} save p50 ${ms(r.save.p50).padStart(9)} p95 ${ms(r.save.p95).padStart(9)} max ${ms(r.save.max).padStart(9)} | floor p50 ${ms(r.floor.p50).padStart(8)} p95 ${ms(r.floor.p95).padStart(8)} | p95 ${ratio.toFixed(2)}× floor | cpu per save (index included) p50 ${ms(r.cpu.p50)} p95 ${ms(r.cpu.p95)} | index ${ms(r.index.p50)} | close ${ms(r.closeMs)} | load ${os.loadavg()[0].toFixed(1)}`,
      );
      await rm(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nTarget save p95 ≤ 2 × floor p95 at both sizes: ${met ? 'met' : 'NOT met'}`);
} finally {
  await rm(work, { recursive: true, force: true });
  await rm(BUILD_DIR, { recursive: true, force: true });
}
