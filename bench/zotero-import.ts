/*
 * Importing a Zotero library of 5,000 items (3 collections, one author and one tag each, no files) straight from
 * zotero.sqlite, against the baseline of the same 5,000 items exported from Zotero as CSL-JSON and imported with
 * `sources:import` into one case — what a Zotero user did before. Both into fresh libraries, interleaved, in one run.
 *
 *   npx tsx bench/zotero-import.ts        (BENCH_RUNS=n, default 3)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CaseLibrary } from '../src/core/case-library';
import { createHandlers } from '../src/core/handlers';
import { createClient } from '../src/shared/api/client';
import { dispatch } from '../src/shared/api/dispatch';
import { writeZoteroDatabase, type ItemSpec } from '../tests/core/interchange/zotero/zotero-db';

const COUNT = 5000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const items: ItemSpec[] = Array.from({ length: COUNT }, (_, i) => ({
  key: `K${String(i).padStart(7, '0')}`,
  type: 'journalArticle',
  fields: { title: `Item ${i}: on policing and accountability`, publicationTitle: 'Journal of Examples', volume: String(i % 90), pages: `${i}-${i + 10}`, date: '2019-09-00 September 2019', DOI: `10.1000/example.${i}` },
  creators: [{ first: 'Jane', last: `Author${i % 50}` }],
  tags: [`topic/${i % 7}`],
  collections: [['C0000001', 'C0000002', 'C0000003'][i % 3]],
}));
const csl = JSON.stringify(items.map((it) => ({ id: it.key, type: 'article-journal', title: it.fields!.title, 'container-title': 'Journal of Examples', volume: it.fields!.volume, page: it.fields!.pages, DOI: it.fields!.DOI, issued: { 'date-parts': [[2019, 9]] }, author: [{ family: it.creators![0].last, given: 'Jane' }], keyword: it.tags![0] })));

async function fresh() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'casefolio-bench-zotero-'));
  const lib = await CaseLibrary.create(path.join(dir, 'library'), 'Bench');
  const api = createClient((name, payload) => dispatch(createHandlers(lib), name, payload));
  return { dir, lib, api };
}

async function main() {
  const zoteroDir = await mkdtemp(path.join(os.tmpdir(), 'casefolio-bench-zotero-data-'));
  await writeZoteroDatabase(zoteroDir, { collections: [1, 2, 3].map((n) => ({ key: `C000000${n}`, name: `Collection ${n}` })), items });
  const times = { zotero: [] as number[], again: [] as number[], csl: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const a = await fresh();
    let t = performance.now();
    await a.api['zotero:import']({ dir: zoteroDir });
    times.zotero.push(performance.now() - t);
    t = performance.now();
    await a.api['zotero:import']({ dir: zoteroDir });
    times.again.push(performance.now() - t);
    await a.lib.close();
    await rm(a.dir, { recursive: true, force: true });
    const b = await fresh();
    const c = await b.api['cases:create']({ fields: { title: 'Baseline' } });
    t = performance.now();
    await b.api['sources:import']({ caseId: c.id, text: csl, format: 'csl-json' });
    times.csl.push(performance.now() - t);
    await b.lib.close();
    await rm(b.dir, { recursive: true, force: true });
  }
  await rm(zoteroDir, { recursive: true, force: true });
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const row = (label: string, xs: number[]) => console.log(`${label.padEnd(58)} median of ${xs.length}  ${Math.round(median(xs)).toString().padStart(6)} ms`);
  row(`zotero.sqlite, ${COUNT} items into 3 cases`, times.zotero);
  row('the same library again (nothing new to add)', times.again);
  row(`baseline: the same ${COUNT} items as CSL-JSON, sources:import`, times.csl);
}

void main();
