/*
 * A baseline engine over the same records and the same queries (their words only: neither engine has
 * our filters or phrase syntax). MiniSearch: prefix and fuzzy (0.2) search, AND, title boosted.
 * FlexSearch: Document index, "forward" tokenizer (prefixes), Normalize encoder; it has no edit-distance
 * typo matching.
 */
import { readFile } from 'node:fs/promises';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { CaseLibrary } from '../../src/core/case-library';
import { report, summarise } from '../lib/child';
import type { BenchQuery } from '../lib/queries';

const [dir, queriesFile, engine] = process.argv.slice(2);
const queries = (JSON.parse(await readFile(queriesFile, 'utf8')) as BenchQuery[]).filter((q) => q.text);
const lib = await CaseLibrary.open(dir, { readOnly: true, warm: false });
const docs: { id: number; title: string; text: string }[] = [];
for (const f of lib.store.caseFiles()) {
  docs.push({ id: docs.length, title: f.case.title, text: [f.case.summary, f.case.location, f.case.tags.join(' ')].join(' ') });
  for (const s of f.sources) {
    docs.push({ id: docs.length, title: s.title, text: [s.description, s.publisher, s.authors.map((a) => [a.given, a.family, a.literal].join(' ')).join(' '), s.tags.join(' ')].join(' ') });
  }
  for (const n of f.notes) docs.push({ id: docs.length, title: n.title, text: [n.body, ...n.quotations.map((q) => q.quote), n.tags.join(' ')].join(' ') });
  for (const e of f.events) docs.push({ id: docs.length, title: e.title, text: [e.description, e.tags.join(' ')].join(' ') });
}
let search: (text: string) => number;
const buildStart = performance.now();
if (engine === 'minisearch') {
  const mini = new MiniSearch({ fields: ['title', 'text'], idField: 'id', searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' } });
  mini.addAll(docs);
  search = (text) => mini.search(text).length;
} else {
  const index = new FlexSearch.Document({ tokenize: 'forward', encoder: 'Normalize', document: { id: 'id', index: ['title', 'text'] } });
  for (const d of docs) index.add(d);
  search = (text) => (index.search(text, { limit: 100 }) as { result: unknown[] }[]).reduce((n, r) => n + r.result.length, 0);
}
const buildMs = performance.now() - buildStart;
docs.length = 0;
for (const q of queries) search(q.text);
const samples: number[] = [];
for (const q of queries) {
  const t = performance.now();
  search(q.text);
  samples.push(performance.now() - t);
}
report({ engine, buildMs, queries: summarise(samples), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) });
await lib.close();
