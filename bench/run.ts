/*
 * npm run bench: the search-and-scale benchmarks, from nothing, in one command.
 *
 *   1. generate the seeded synthetic library (500 cases, 100,000 records) in a temp folder
 *   2. first open: every file validated, the index built and saved (what a new or upgraded library costs)
 *   3. cold open to the first list, five fresh processes; beside it, the same with the catalogue ignored
 *      (every file read and validated, as opening worked before this work)
 *   4. 200 mixed queries; beside them, MiniSearch and FlexSearch on the same records and words
 *   5. a durable save of one edit in a case of 200 records, and the index update after it
 *   6. sorting and filtering all 100,500 records; beside it, a plain sort with a locale-aware compare
 *   7. peak memory (maximum RSS) of the process that held the whole library open and searched it
 *
 * Options: --quick (fewer repetitions, no baselines engines), --keep (leave the library in place),
 * --dir DIR (a work folder; the library is generated in DIR/library), --json FILE (the figures as JSON too).
 * No figure is asserted: a missed target shows as MISSED in the table.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateLibrary } from './generate';
import { removeBundles, runTask } from './lib/child';
import { summarise } from './lib/report';
import { makeQueries } from './lib/queries';

type Stats = ReturnType<typeof summarise>;
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const work = path.resolve(option('--dir') ?? path.join(os.tmpdir(), 'casefolio-bench'));
const dir = path.join(work, 'library');
const log = (text: string) => process.stderr.write(`${text}\n`);

const rows: { name: string; figure: string; target: string; baseline: string; met: boolean | undefined }[] = [];
const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-GB')} ms`;
const mb = (n: number) => `${Math.round(n)} MB`;
const row = (name: string, figure: string, target: string, baseline: string, met?: boolean) => rows.push({ name, figure, target, baseline, met });

const started = Date.now();
log(`Generating the library in ${dir} …`);
const generated = await generateLibrary(dir);
log(`  ${generated.cases} cases, ${generated.records.toLocaleString('en-GB')} records, ${(generated.bytes / 2 ** 20).toFixed(1)} MiB`);

const idle = await runTask<{ maxRssMb: number }>('baseline', []);
log('First open: every file validated, index built and saved …');
const first = await runTask<{ firstListMs: number; indexReadyMs: number; closeMs: number; documents: number; rssAfterMb: number }>('open', [dir, 'first']);
if (first.indexReadyMs === undefined) throw new Error('the first open did not build the index');

log('Cold opens …');
const cold = [];
for (let i = 0; i < (quick ? 2 : 5); i++) {
  cold.push(await runTask<{ firstListMs: number; firstListCpuMs: number; indexReadyMs: number; allReadMs: number; firstSearchMs: number; indexOrigin: string; rssAfterMb: number }>('open', [dir, 'cold']));
}
const validateAll = [];
for (let i = 0; i < (quick ? 1 : 3); i++) validateAll.push(await runTask<{ firstListMs: number }>('open', [dir, 'validate-all']));
const coldList = summarise(cold.map((c) => c.firstListMs));
const coldBaseline = summarise(validateAll.map((c) => c.firstListMs));
if (cold.some((c) => c.indexOrigin !== 'loaded')) throw new Error('a cold open rebuilt the index instead of loading it');

const queriesFile = path.join(work, 'queries.json');
const queries = await makeQueries(dir);
await fs.writeFile(queriesFile, JSON.stringify(queries, null, 2));
log(`Search: ${queries.length} mixed queries …`);
const search = await runTask<{
  queries: Stats;
  queriesCpu: Stats;
  byKind: Record<string, Stats>;
  meanHits: number;
  rows: { query: string; sort: string; ms: number; cpuMs: number; total: number }[];
  rowsBaseline: { ms: number; rows: number };
  documents: number;
  rssMb: number;
  maxRssMb: number;
}>('search', [dir, queriesFile]);

const engines: Record<string, { buildMs: number; configs: Record<string, { queries: Stats; meanHits: number }>; maxRssMb: number }> = {};
if (!quick && !flag('--no-baselines')) {
  for (const engine of ['minisearch', 'flexsearch']) {
    log(`Baseline: ${engine} …`);
    engines[engine] = await runTask('engine', [dir, queriesFile, engine], ['--max-old-space-size=6144']);
  }
}

log('Saves …');
const save = await runTask<{ records: number; caseBytes: number; save: Stats; index: Stats; total: Stats; cpu: Stats }>('save', [dir, quick ? '30' : '100']);

// ---- the table ----
row('cold open to first list (median of runs)', ms(coldList.p50), '≤ 1,500 ms', `${ms(coldBaseline.p50)} every file validated`, coldList.p50 <= 1500);
row('  … search index ready', ms(summarise(cold.map((c) => c.indexReadyMs)).p50), '', 'loaded, not rebuilt');
row('  … every case file read (background)', ms(summarise(cold.map((c) => c.allReadMs)).p50), '', '');
row('first open ever (validate all, build index)', ms(first.indexReadyMs), '', `list after ${ms(first.firstListMs)}`);
const engineCell = (p: 'p50' | 'p95') =>
  Object.entries(engines)
    .flatMap(([name, e]) => Object.entries(e.configs).map(([config, c]) => `${name === 'minisearch' ? 'MiniSearch' : 'FlexSearch'} ${config.split(',')[0]} ${ms(c.queries[p])}`))
    .join(', ') || '(baselines skipped)';
row(`search p50 (${search.queries.count} mixed queries)`, ms(search.queries.p50), '≤ 2 ms', engineCell('p50'), search.queries.p50 <= 2);
row('search p95', ms(search.queries.p95), '≤ 10 ms', engineCell('p95'), search.queries.p95 <= 10);
row('search max', ms(search.queries.max), '', '');
row(`durable save, 1 edit in a case of ${save.records} records, p95`, ms(save.save.p95), '≤ 20 ms', `p50 ${ms(save.save.p50)}`, save.save.p95 <= 20);
row('index update after the save, p95', ms(save.index.p95), '≤ 20 ms', `p50 ${ms(save.index.p50)}`, save.index.p95 <= 20);
const rowTimes = search.rows.map((r) => r.ms);
const worstRows = Math.max(...rowTimes);
row(`sort or filter ${search.documents.toLocaleString('en-GB')} rows, worst of ${rowTimes.length}`, ms(worstRows), '≤ 100 ms', `${ms(search.rowsBaseline.ms)} Array.sort + Intl.Collator`, worstRows <= 100);
// The processes that held the library open as the app does: opening it, searching it, saving edits in it
// (including the index saved, compacted, on close). The first open ever (a full build) is reported apart.
const peak = Math.max(search.maxRssMb, save.maxRssMb, ...cold.map((c) => c.maxRssMb));
row(
  'peak memory, library open (searching, saving)',
  mb(peak),
  '≤ 500 MB',
  [
    `search ${mb(search.maxRssMb)}, saves ${mb(save.maxRssMb)}, cold open ${mb(Math.max(...cold.map((c) => c.maxRssMb)))} (a process with the core loaded and nothing open: ${mb(idle.maxRssMb)})`,
    ...Object.entries(engines).map(([n, e]) => `${n} ${mb(e.maxRssMb)}`),
  ].join('; '),
  peak <= 500,
);

const width = [Math.max(...rows.map((r) => r.name.length)), Math.max(...rows.map((r) => r.figure.length)), Math.max(...rows.map((r) => r.target.length))];
const lines = [
  `Search and scale — ${generated.cases} cases, ${search.documents.toLocaleString('en-GB')} search documents (${generated.records.toLocaleString('en-GB')} records + cases), ${(generated.bytes / 2 ** 20).toFixed(1)} MiB; seed ${generated.seed}`,
  `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')} at the end`,
  '',
  `${'benchmark'.padEnd(width[0])}  ${'figure'.padStart(width[1])}  ${'target'.padEnd(width[2])}  result  baseline / note`,
  ...rows.map((r) => `${r.name.padEnd(width[0])}  ${r.figure.padStart(width[1])}  ${r.target.padEnd(width[2])}  ${r.met === undefined ? '      ' : r.met ? 'met   ' : 'MISSED'}  ${r.baseline}`),
  '',
  'search by kind of query (p50 / p95):',
  ...Object.entries(search.byKind).map(([kind, s]) => `  ${kind.padEnd(18)} ${ms(s.p50).padStart(9)} / ${ms(s.p95).padStart(9)}   (${s.count})`),
  '',
  'rows (a page of 100 from the whole sorted or filtered set):',
  ...search.rows.map((r) => `  ${`${r.query} sort:${r.sort}`.padEnd(48)} ${ms(r.ms).padStart(9)} (cpu ${ms(r.cpuMs)})  ${r.total.toLocaleString('en-GB')} rows`),
  `cpu time (all threads) beside wall time: search p50 ${ms(search.queriesCpu.p50)}, p95 ${ms(search.queriesCpu.p95)}; save + index update p50 ${ms(save.cpu.p50)}, p95 ${ms(save.cpu.p95)}; cold open to first list ${ms(summarise(cold.map((c) => c.firstListCpuMs)).p50)}`,
  ...Object.entries(engines).flatMap(([name, e]) => [
    `${name}: built in ${ms(e.buildMs)}; peak ${mb(e.maxRssMb)}`,
    ...Object.entries(e.configs).map(([config, c]) => `  ${config}: p50 ${ms(c.queries.p50)}, p95 ${ms(c.queries.p95)}, max ${ms(c.queries.max)} over ${c.queries.count} queries with words (${c.meanHits.toFixed(0)} results each on average)`),
  ]),
  `casefolio: ${search.meanHits.toFixed(0)} matching records per query on average (all 200 queries, filters included)`,
  `first open: list after ${ms(first.firstListMs)}, index built after ${ms(first.indexReadyMs)}, saved on close in ${ms(first.closeMs)}; peak ${mb(first.maxRssMb)}`,
  `cold opens (first list): ${cold.map((c) => ms(c.firstListMs)).join(', ')}; index ready: ${cold.map((c) => ms(c.indexReadyMs)).join(', ')}; first search ${cold.map((c) => ms(c.firstSearchMs)).join(', ')}`,
  `every file validated (first list): ${validateAll.map((c) => ms(c.firstListMs)).join(', ')}`,
  `saves: p50 ${ms(save.save.p50)}, p95 ${ms(save.save.p95)}, max ${ms(save.save.max)}; index update p50 ${ms(save.index.p50)}, p95 ${ms(save.index.p95)}, max ${ms(save.index.max)} (${save.save.count} edits, case file ${(save.caseBytes / 1024).toFixed(0)} KiB)`,
  `total bench time ${Math.round((Date.now() - started) / 1000)} s`,
];
process.stdout.write(`${lines.join('\n')}\n`);
const jsonFile = option('--json');
if (jsonFile) await fs.writeFile(jsonFile, JSON.stringify({ generated: { ...generated, slugs: undefined, tags: undefined }, first, cold, validateAll, search, engines, save }, null, 2));
await removeBundles();
if (!flag('--keep')) {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(queriesFile, { force: true });
}
