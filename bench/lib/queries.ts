/*
 * 200 mixed queries, drawn with a fixed seed from the generated library itself, so they hit real words:
 * common and rare words, unfinished words (prefixes), typos, several words, quoted phrases, names, each
 * filter with and without words, OR and exclusions. `text` is the part a plain full-text engine can run
 * (no filters, no operators), for the MiniSearch and FlexSearch baselines.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CaseFile } from '../../src/shared/domain';
import { BENCH_TAGS } from '../generate';
import { Random } from './random';
import { PLACES } from './text';

export interface BenchQuery {
  kind: string;
  query: string;
  /** The words only, for engines without filters; empty for a filter-only query. */
  text: string;
}

const STOP = new Set('the of and to a in that is was for on it with as by at be this from or had have not are which but were an they been their has would there who its will'.split(' '));

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length > 2 && !STOP.has(w));
}

function typo(random: Random, word: string): string {
  const i = random.int(1, word.length - 2);
  switch (random.int(0, 2)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap two letters
    case 1:
      return word.slice(0, i) + word.slice(i + 1); // drop one
    default:
      return word.slice(0, i) + 'aeiou'[random.int(0, 4)] + word.slice(i + 1); // change one
  }
}

export async function makeQueries(libraryDir: string, seed = 7): Promise<BenchQuery[]> {
  const random = new Random(seed);
  const caseDirs = (await fs.readdir(path.join(libraryDir, 'cases'))).sort();
  const sample: CaseFile[] = [];
  for (let i = 0; i < 12; i++) {
    const dir = caseDirs[random.int(0, caseDirs.length - 1)];
    sample.push(JSON.parse(await fs.readFile(path.join(libraryDir, 'cases', dir, 'case.json'), 'utf8')) as CaseFile);
  }
  const texts = sample.flatMap((f) => [f.case.summary, ...f.notes.map((n) => n.body), ...f.sources.map((s) => s.description ?? ''), ...f.events.map((e) => e.title)]);
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of words(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const common = byFrequency.slice(0, 300);
  const rare = byFrequency.filter((w) => counts.get(w) === 1 && w.length >= 5);
  const longish = common.filter((w) => w.length >= 6);
  const pick = <T>(list: T[]) => list[random.int(0, list.length - 1)];
  const slugs = sample.map((f) => f.case.slug);
  const names = sample.flatMap((f) => f.sources.flatMap((s) => s.authors.map((a) => a.family).filter((x): x is string => !!x)));
  const phrase = () => {
    for (;;) {
      const w = (pick(texts).match(/[A-Za-z]+/g) ?? []).filter((x) => x.length > 3);
      if (w.length < 4) continue;
      const i = random.int(0, w.length - 2);
      return `${w[i]} ${w[i + 1]}`.toLowerCase();
    }
  };
  const filter = () => {
    switch (random.int(0, 5)) {
      case 0:
        return `tag:${pick(BENCH_TAGS).split('/').slice(0, random.int(1, 2)).join('/')}`;
      case 1:
        return `kind:${pick(['source', 'note', 'event', 'case', 'news-article', 'court-judgment'])}`;
      case 2:
        return `status:${pick(['open', 'closed', 'found', 'alleged', 'disputed'])}`;
      case 3: {
        const from = random.int(1996, 2022);
        return pick([`date:${from}`, `date:${from}..${from + random.int(1, 4)}`, `after:${from}`, `date:${from}-0${random.int(1, 9)}`]);
      }
      case 4:
        return `reliability:${pick(['A', 'A,B', 'A..C', 'D'])}`;
      default:
        return `case:${pick(slugs)}`;
    }
  };
  const queries: BenchQuery[] = [];
  const add = (kind: string, query: string, text = query) => queries.push({ kind, query, text });
  for (let i = 0; i < 30; i++) add('common word', pick(common));
  for (let i = 0; i < 25; i++) add('rare word', pick(rare));
  for (let i = 0; i < 20; i++) {
    const w = pick(longish);
    add('unfinished word', w.slice(0, random.int(3, Math.min(5, w.length - 1))));
  }
  for (let i = 0; i < 20; i++) add('typo', typo(random, pick(longish)));
  for (let i = 0; i < 25; i++) add('several words', Array.from({ length: random.int(2, 3) }, () => pick(common)).join(' '));
  for (let i = 0; i < 15; i++) {
    const p = phrase();
    add('phrase', `"${p}"`, p);
  }
  for (let i = 0; i < 10; i++) add('name or place', random.chance(0.7) && names.length ? pick(names) : pick(PLACES));
  for (let i = 0; i < 20; i++) {
    const w = pick(common);
    add('word and filter', `${w} ${filter()}`, w);
  }
  for (let i = 0; i < 15; i++) add('filters only', random.chance(0.5) ? filter() : `${filter()} ${filter()}`, '');
  for (let i = 0; i < 10; i++) {
    const [a, b] = [pick(common), pick(common)];
    if (random.chance(0.5)) add('OR', `${a} OR ${b}`, `${a} ${b}`);
    else add('exclusion', `${a} -${b}`, a);
  }
  for (let i = 0; i < 10; i++) {
    const text = `${pick(common)} ${pick(common)}`;
    add('words and filters', `${text} ${filter()} ${filter()}`, text);
  }
  return queries;
}
