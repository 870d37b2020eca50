/*
 * npx tsx bench/search-keystrokes.ts LIBRARY [BASELINE_CHECKOUT] — the bridge's side of bench:window's keystrokes,
 * in process: the search each keystroke asks for (`search:query`, 8 cases × 3 hits, as the quick search asks),
 * for the same 8 queries typed letter by letter, on a library opened read-only and warm (every case file read).
 * Prints, per keystroke, the time and CPU of the call and the size of its answer as JSON: p50, p95, max and the
 * slowest queries. With a baseline checkout (e.g. main's, with its node_modules), the same in its own process
 * right after, and the ratios. Each process asks every keystroke once (cold: as a person typing after opening),
 * then twice more (warm), reported apart.
 *
 * npx tsx bench/search-keystrokes.ts --index LIBRARY [BASELINE_CHECKOUT] — what the index itself costs in each
 * checkout: a whole rebuild (time and CPU) and the size of its saved file, which is what a loaded index holds in
 * memory (its arrays are views of the file's bytes).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const QUERIES = ['police officers', 'misconduct', 'inquest evidence', 'stop and search', 'met', 'tag:theme', 'complaint 2019', '"independent office"'];

interface Row {
  typed: string;
  ms: number;
  cpu: number;
  bytes: number;
}

async function child(root: string, library: string): Promise<void> {
  const { openLibrary } = (await import(pathToFileURL(path.join(root, 'src/core/library-session.ts')).href)) as typeof import('../src/core/library-session');
  const session = await openLibrary(library, { readOnly: true, warm: true });
  await session.lib.read.warm();
  // A window's session warms its search code in the background once the library is read (warm-up.ts, where
  // the checkout has it): wait for it, as bench:window waits for the bridge to be idle before typing.
  const { SearchService } = (await import(pathToFileURL(path.join(root, 'src/core/search/search-service.ts')).href)) as typeof import('../src/core/search/search-service');
  const service = SearchService.for(session.lib) as { warmedUp?: () => Promise<void> };
  await service.warmedUp?.();
  await session.api['search:query']({ query: 'warm up' });
  const rounds: Row[][] = [];
  for (let round = 0; round < 3; round++) {
    const rows: Row[] = [];
    for (const query of QUERIES) {
      for (let i = 1; i <= query.length; i++) {
        const typed = query.slice(0, i);
        if (!typed.trim()) continue;
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const answer = await session.api['search:query']({ query: typed, limit: 8, hitsPerCase: 3 });
        const bytes = JSON.stringify({ ok: true, value: answer }).length;
        const cpu = process.cpuUsage(cpu0);
        rows.push({ typed, ms: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000, bytes });
      }
    }
    rounds.push(rows);
  }
  await session.close();
  process.stdout.write(JSON.stringify(rounds));
}

interface IndexCost {
  buildMs: number;
  buildCpu: number;
  fileMb: number;
}

/**
 * `--index`: what the index costs in a checkout: a whole rebuild from the (already read) case files and the size
 * of its saved file. Nothing is written.
 */
async function indexChild(root: string, library: string): Promise<void> {
  const load = async <T>(file: string) => (await import(pathToFileURL(path.join(root, file)).href)) as T;
  const { openLibrary } = await load<typeof import('../src/core/library-session')>('src/core/library-session.ts');
  const { SearchService } = await load<typeof import('../src/core/search/search-service')>('src/core/search/search-service.ts');
  const { serialiseIndex } = await load<typeof import('../src/core/search/persist')>('src/core/search/persist.ts');
  const session = await openLibrary(library, { readOnly: true, warm: false });
  await session.lib.read.warm();
  const service = SearchService.for(session.lib) as unknown as { rebuild(): Promise<void>; index: Parameters<typeof serialiseIndex>[0] | undefined };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await service.rebuild();
  const buildMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const manifest = { format: 0, phraseFormat: 0, textVersion: 0, libraryId: '', writtenAt: '', attachmentTexts: {} };
  const fileMb = serialiseIndex(service.index!, manifest).reduce((n, chunk) => n + chunk.byteLength, 0) / 1e6;
  await session.close();
  const cost: IndexCost = { buildMs, buildCpu: (cpu.user + cpu.system) / 1000, fileMb };
  process.stdout.write(JSON.stringify(cost));
}

function measureIndex(root: string, library: string): IndexCost {
  const run = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--index-child', root, library], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as IndexCost;
}

function indexCosts(library: string, roots: [string, string][]): void {
  const runs = 2;
  const costs = new Map<string, IndexCost[]>(roots.map(([label]) => [label, []]));
  // Interleaved, so a change in the machine's load falls on both.
  for (let i = 0; i < runs; i++) for (const [label, root] of roots) costs.get(label)!.push(measureIndex(root, library));
  console.log(`\nthe index, built from the case files (best of ${runs}), load average ${os.loadavg()[0].toFixed(1)}`);
  for (const [label, list] of costs) {
    const best = (key: keyof IndexCost) => Math.min(...list.map((c) => c[key]));
    console.log(`${label.padEnd(24)} build ${f(best('buildMs'))} ms, CPU ${f(best('buildCpu'))} ms | file (held in memory as loaded) ${f(best('fileMb'))} MB`);
  }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const f = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toString()).padStart(7);

function measure(root: string, library: string): Row[][] {
  const run = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', root, library], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Row[][];
}

function report(label: string, rounds: Row[][]): { cold: Row[]; warm: Row[] } {
  const cold = rounds[0];
  const warm = rounds.slice(1).flat();
  console.log(`\n${label}, load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(`${''.padEnd(22)}${'p50 ms'.padStart(7)}${'p95'.padStart(7)}${'max'.padStart(7)}${'CPU p50'.padStart(8)}${'p95'.padStart(7)}${'JSON p50'.padStart(9)}`);
  for (const [name, rows] of [['cold (first time)', cold], ['warm (asked again)', warm]] as const) {
    const ms = rows.map((r) => r.ms);
    const cpu = rows.map((r) => r.cpu);
    console.log(`${name.padEnd(22)}${f(pct(ms, 0.5))}${f(pct(ms, 0.95))}${f(Math.max(...ms))}${f(pct(cpu, 0.5)).padStart(8)}${f(pct(cpu, 0.95))}${String(pct(rows.map((r) => r.bytes), 0.5)).padStart(9)}`);
  }
  console.log(`slowest, cold: ${[...cold].sort((a, b) => b.ms - a.ms).slice(0, 5).map((r) => `${JSON.stringify(r.typed)} ${r.ms.toFixed(0)} ms`).join(', ')}`);
  return { cold, warm };
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1], args[2]);
else if (args[0] === '--index-child') await indexChild(args[1], args[2]);
else if (args[0] === '--index') {
  const here = path.resolve(import.meta.dirname, '..');
  indexCosts(path.resolve(args[1]), [['this checkout', here], ...(args[2] ? [[`baseline ${args[2]}`, path.resolve(args[2])] as [string, string]] : [])]);
} else {
  const library = path.resolve(args[0]);
  const here = path.resolve(import.meta.dirname, '..');
  const mine = report('this checkout', measure(here, library));
  if (args[1]) {
    const base = report(`baseline ${args[1]}`, measure(path.resolve(args[1]), library));
    for (const kind of ['cold', 'warm'] as const) {
      const a = mine[kind].map((r) => r.ms);
      const b = base[kind].map((r) => r.ms);
      console.log(`${kind}: p50 ${(pct(a, 0.5) / pct(b, 0.5)).toFixed(2)}×, p95 ${(pct(a, 0.95) / pct(b, 0.95)).toFixed(2)}× the baseline`);
    }
  }
}
