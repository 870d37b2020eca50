/*
 * A baseline engine over the same records and the same queries (their words only: neither engine has
 * our filters or phrase syntax). MiniSearch: AND, title boosted, prefix search, and again with fuzzy 0.2.
 * FlexSearch: Document index, "forward" tokenizer (prefixes), Normalize encoder, first 100 results per
 * field; it has no edit-distance typo matching.
 */
import { readFile } from 'node:fs/promises';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { CaseLibrary } from '../../src/core/case-library';
import { report, summarise } from '../lib/report';
import type { BenchQuery } from '../lib/queries';

const [dir, queriesFile, engine] = process.argv.slice(2);
const queries = (JSON.parse(await readFile(queriesFile, 'utf8')) as BenchQuery[]).filter((q) => q.text);
const lib = await CaseLibrary.open(dir, { readOnly: true, warm: false });
const docs: { id: number; title: string; text: string }[] = [];
for (const f of lib.read.caseFiles()) {
  docs.push({ id: docs.length, title: f.case.title, text: [f.case.summary, f.case.location, f.case.tags.join(' ')].join(' ') });
  for (const s of f.sources) {
    docs.push({ id: docs.length, title: s.title, text: [s.description, s.publisher, s.authors.map((a) => [a.given, a.family, a.literal].join(' ')).join(' '), s.tags.join(' ')].join(' ') });
  }
  for (const n of f.notes) docs.push({ id: docs.length, title: n.title, text: [n.body, ...n.quotations.map((q) => q.quote), n.tags.join(' ')].join(' ') });
  for (const e of f.events) docs.push({ id: docs.length, title: e.title, text: [e.description, e.tags.join(' ')].join(' ') });
}
/** Each configuration run over the same built index: name → search returning how many records it found. */
const configs: Record<string, (text: string) => number> = {};
const buildStart = performance.now();
if (engine === 'minisearch') {
  const mini = new MiniSearch({ fields: ['title', 'text'], idField: 'id' });
  mini.addAll(docs);
  configs['prefix'] = (text) => mini.search(text, { boost: { title: 3 }, prefix: true, combineWith: 'AND' }).length;
  configs['prefix + fuzzy 0.2'] = (text) => mini.search(text, { boost: { title: 3 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' }).length;
} else {
  const index = new FlexSearch.Document({ tokenize: 'forward', encoder: 'Normalize', document: { id: 'id', index: ['title', 'text'] } });
  for (const d of docs) index.add(d);
  configs['forward (prefix), limit 100'] = (text) => (index.search(text, { limit: 100 }) as { result: unknown[] }[]).reduce((n, r) => n + r.result.length, 0);
}
const buildMs = performance.now() - buildStart;
docs.length = 0;
const results: Record<string, { queries: ReturnType<typeof summarise>; meanHits: number }> = {};
for (const [name, search] of Object.entries(configs)) {
  for (const q of queries) search(q.text);
  const samples: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t = performance.now();
    hits += search(q.text);
    samples.push(performance.now() - t);
  }
  results[name] = { queries: summarise(samples), meanHits: hits / queries.length };
}
report({ engine, buildMs, configs: results, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) });
await lib.close();
