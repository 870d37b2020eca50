/*
 * Search and rows with the whole library open, as in the app: every case file read, the index loaded.
 * The query mix runs once to warm the JIT, then once timed. Peak memory is this process's maximum RSS.
 */
import { readFile } from 'node:fs/promises';
import { openLibrary } from '../../src/core/library-session';
import type { SearchSort } from '../../src/shared/api/search-types';
import { measure, report, summarise } from '../lib/report';
import type { BenchQuery } from '../lib/queries';

const [dir, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(await readFile(queriesFile, 'utf8')) as BenchQuery[];
const session = await openLibrary(dir, { readOnly: true });
const { lib, api, search } = session;
await lib.read.warm();
await search.ready();
if (search.status().origin !== 'loaded') throw new Error('the index should have been loaded');

for (const q of queries) await api['search:query']({ query: q.query });
const samples: number[] = [];
const cpuSamples: number[] = [];
const byKind = new Map<string, number[]>();
let totalHits = 0;
for (const q of queries) {
  let total = 0;
  const { wall, cpu } = await measure(async () => (total = (await api['search:query']({ query: q.query })).total));
  totalHits += total;
  samples.push(wall);
  cpuSamples.push(cpu);
  byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), wall]);
}

// Rows: the whole library as one table, filtered and sorted (a page of 100 returned each time).
const ALL = 'kind:case,source,note,event';
const rows = async (query: string, sort: SearchSort) => {
  let total = 0;
  const { wall, cpu } = await measure(async () => (total = (await api['search:query']({ query, group: false, sort, limit: 100 })).total));
  return { query, sort, ms: wall, cpuMs: cpu, total };
};
const rowRuns = [
  await rows(ALL, 'title'), // first title sort: computes the title order
  await rows(ALL, 'title'),
  await rows(ALL, 'newest'),
  await rows(ALL, 'oldest'),
  await rows('kind:source reliability:A,B', 'newest'),
  await rows('tag:theme date:2005..2015', 'title'),
  await rows('status:open kind:note,event', 'oldest'),
];
// Baseline: the same table built from the case files and sorted with a locale-aware compare.
const baselineStart = performance.now();
const table = lib.read.caseFiles().flatMap((f) => [f.case, ...f.sources, ...f.notes, ...f.events].map((r) => ({ title: r.title, id: r.id })));
const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
table.sort((a, b) => collator.compare(a.title, b.title));
const baselineSortMs = performance.now() - baselineStart;

report({
  queries: summarise(samples),
  queriesCpu: summarise(cpuSamples),
  byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, summarise(v)])),
  meanHits: totalHits / queries.length,
  rows: rowRuns,
  rowsBaseline: { ms: baselineSortMs, rows: table.length },
  documents: search.status().documents,
  rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
});
await lib.close();
