/*
 * The seeded synthetic library the benchmarks run against: by default 500 cases of 200 records each
 * (110 sources, 50 notes, 40 events), 100,000 records in all, with realistic text lengths, partial dates,
 * hierarchical tags, reliability grades, quotations and chronology references. The same seed always gives
 * byte-identical files, so runs on different days or machines compare like with like.
 *
 * Files are written directly (not through the services, which would take an hour of fsyncs) in exactly
 * the format the store writes, and each one is validated with the domain schema first.
 *
 *   tsx bench/generate.ts <dir> [--seed N] [--cases N]
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  CaseFile as CaseFileSchema,
  CURRENT_SCHEMA_VERSION,
  LibraryFile as LibraryFileSchema,
  type CaseFile,
  type ClaimStatus,
  type EventRecord,
  type LibraryFile,
  type NoteRecord,
  type ReliabilityGrade,
  type SourceKind,
  type SourceRecord,
} from '../src/shared/domain';
import type { PartialDate } from '../src/shared/partial-date';
import { Random } from './lib/random';
import { PLACES, PUBLISHERS, TextSource } from './lib/text';

export const GENERATOR_VERSION = 1;

export interface GenerateOptions {
  seed?: number;
  cases?: number;
  sourcesPerCase?: number;
  notesPerCase?: number;
  eventsPerCase?: number;
}

export interface GeneratedLibrary {
  dir: string;
  seed: number;
  cases: number;
  records: number;
  bytes: number;
  /** Words and tags the query mix draws from, so queries hit real terms. */
  tags: string[];
  slugs: string[];
}

const TAG_TREE: Record<string, string[]> = {
  theme: ['misogyny', 'misogyny/online', 'racism', 'racism/stop-and-search', 'racism/strip-search', 'use-of-force', 'use-of-force/taser',
    'use-of-force/restraint', 'use-of-force/firearms', 'corruption', 'disclosure', 'protest', 'protest/vigils', 'mental-health', 'children',
    'children/safeguarding', 'homophobia', 'deaths-in-custody', 'undercover-policing', 'domestic-abuse', 'sexual-offences'],
  process: ['inquest', 'inquest/prevention-of-future-deaths', 'iopc', 'iopc/misconduct-hearing', 'iopc/gross-misconduct', 'court', 'court/criminal',
    'court/civil', 'court/appeal', 'inspection', 'inspection/hmic', 'public-inquiry', 'complaint', 'foi', 'judicial-review'],
  actor: ['met', 'met/territorial-support-group', 'met/counter-terrorism', 'met/specialist-firearms', 'met/diplomatic-protection', 'iopc', 'cps',
    'home-office', 'coroner', 'school', 'council', 'ambulance-service'],
  outcome: ['apology', 'compensation', 'dismissal', 'conviction', 'acquittal', 'no-further-action', 'reform', 'pending'],
  review: ['todo', 'checked', 'disputed', 'needs-source', 'for-dossier'],
  place: PLACES.filter((p) => /^[A-Z][a-z]+$/.test(p)).map((p) => p.toLowerCase()),
};

export const BENCH_TAGS: string[] = Object.entries(TAG_TREE).flatMap(([root, children]) => [root, ...children.map((c) => `${root}/${c}`)]);
const LEAF_TAGS = BENCH_TAGS.filter((t) => t.includes('/'));

const KIND_WEIGHTS: [SourceKind, number][] = [
  ['news-article', 40], ['official-report', 10], ['inquiry-finding', 6], ['court-judgment', 6], ['police-statement', 7], ['iopc-report', 6],
  ['video', 6], ['social-media-post', 8], ['foi-response', 4], ['book', 2], ['web-page', 4], ['other', 1],
];
const CLAIM_STATUSES: ClaimStatus[] = ['alleged', 'admitted', 'disputed', 'found', 'established'];
const RELIABILITY: ReliabilityGrade[] = ['A', 'B', 'B', 'C', 'C', 'C', 'D', 'E', 'F'];

function weighted<T>(random: Random, items: [T, number][]): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let roll = random.next() * total;
  for (const [item, w] of items) if ((roll -= w) < 0) return item;
  return items[items.length - 1][0];
}

const hex = (random: Random, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(random.next() * 16).toString(16);
  return s;
};

const pad = (n: number) => String(n).padStart(2, '0');

function partialDate(random: Random, year: number): PartialDate {
  const roll = random.next();
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const value = roll < 0.15 ? String(year) : roll < 0.4 ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
  const c = random.next();
  return { value, certainty: c < 0.85 ? 'exact' : c < 0.95 ? 'approximate' : 'inferred' };
}

function timestamp(random: Random): string {
  const ms = Date.UTC(2023, 0, 1) + Math.floor(random.next() * 3 * 365 * 86_400_000);
  return new Date(ms).toISOString();
}

function tags(random: Random, max: number, caseTags: string[]): string[] {
  const n = random.int(0, max);
  const out = new Set<string>();
  for (let i = 0; i < n; i++) out.add(random.chance(0.4) && caseTags.length ? random.pick(caseTags) : random.pick(LEAF_TAGS));
  return [...out];
}

function slugOf(title: string, index: number): string {
  const base = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 36).replace(/-+$/, '');
  return `${base || 'case'}-${index + 1}`;
}

function buildCase(text: TextSource, random: Random, index: number, options: Required<GenerateOptions>): CaseFile {
  const year = random.int(1995, 2024);
  const person = text.personName(random);
  const place = random.pick(PLACES);
  const title = random.chance(0.5)
    ? `${random.pick(['Death of', 'Arrest of', 'Strip search of', 'Shooting of', 'Restraint of', 'Complaint by'])} ${person.given} ${person.family}`
    : `${text.title(random.int(3, 7), random)} in ${place}`;
  const caseTags = tags(random, 4, []);
  const created = timestamp(random);
  const record = {
    id: `case_${hex(random, 16)}`,
    createdAt: created,
    updatedAt: created,
    title,
    slug: slugOf(title, index),
    summary: text.prose(random.lengthAround(1200, 200, 5000), random),
    status: weighted(random, [['open', 6], ['closed', 3], ['archived', 1]] as [CaseFile['case']['status'], number][]),
    incidentDate: partialDate(random, year),
    ...(random.chance(0.2) ? { incidentEndDate: partialDate(random, Math.min(2025, year + random.int(0, 2))) } : {}),
    location: `${place}, London`,
    tags: caseTags,
  };
  const sources: SourceRecord[] = [];
  for (let i = 0; i < options.sourcesPerCase; i++) {
    const at = timestamp(random);
    const kind = weighted(random, KIND_WEIGHTS);
    const id = `src_${hex(random, 16)}`;
    const authors = random.chance(0.7)
      ? Array.from({ length: random.int(1, 3) }, () => text.personName(random))
      : random.chance(0.5)
        ? [{ literal: random.pick(PUBLISHERS) }]
        : [];
    sources.push({
      id,
      createdAt: at,
      updatedAt: at,
      kind,
      title: text.title(random.lengthAround(9, 3, 20), random),
      url: `https://${random.pick(['news', 'reports', 'archive', 'data'])}.example.org/${year}/${id.slice(4, 12)}`,
      publisher: random.pick(PUBLISHERS),
      authors,
      publishedDate: partialDate(random, Math.min(2025, year + random.int(0, 3))),
      ...(random.chance(0.5) ? { accessedDate: partialDate(random, 2024) } : {}),
      ...(random.chance(0.8) ? { description: text.prose(random.lengthAround(400, 60, 2500), random) } : {}),
      ...(random.chance(0.7) ? { reliability: random.pick(RELIABILITY) } : {}),
      tags: tags(random, 3, caseTags),
      attachments: [],
      ...(random.chance(0.05) ? { archiveUrl: `https://web.archive.example.org/${id}` } : {}),
    });
  }
  const notes: NoteRecord[] = [];
  for (let i = 0; i < options.notesPerCase; i++) {
    const at = timestamp(random);
    const quotations = Array.from({ length: random.chance(0.6) ? random.int(1, 3) : 0 }, () => ({
      id: `quo_${hex(random, 16)}`,
      sourceId: random.pick(sources).id,
      quote: text.sentence(random) + (random.chance(0.4) ? ` ${text.sentence(random)}` : ''),
      ...(random.chance(0.8) ? { pinpoint: { kind: 'paragraph' as const, value: String(random.int(1, 80)) } } : {}),
    }));
    notes.push({
      id: `note_${hex(random, 16)}`,
      createdAt: at,
      updatedAt: at,
      title: text.title(random.lengthAround(6, 2, 14), random),
      body: text.prose(random.lengthAround(900, 80, 8000), random),
      quotations,
      tags: tags(random, 3, caseTags),
    });
  }
  const events: EventRecord[] = [];
  for (let i = 0; i < options.eventsPerCase; i++) {
    const at = timestamp(random);
    const date = partialDate(random, Math.min(2025, year + random.int(-1, 3)));
    events.push({
      id: `evt_${hex(random, 16)}`,
      createdAt: at,
      updatedAt: at,
      date,
      ...(random.chance(0.1) ? { endDate: partialDate(random, Math.min(2025, Number(date.value.slice(0, 4)) + 1)) } : {}),
      title: text.title(random.lengthAround(8, 3, 18), random),
      ...(random.chance(0.7) ? { description: text.prose(random.lengthAround(220, 40, 1500), random) } : {}),
      claimStatus: random.pick(CLAIM_STATUSES),
      sources: Array.from({ length: random.int(0, 3) }, () => ({
        sourceId: random.pick(sources).id,
        ...(random.chance(0.6) ? { pinpoint: { kind: 'page' as const, value: String(random.int(1, 300)) } } : {}),
      })),
      tags: tags(random, 2, caseTags),
    });
  }
  return { schemaVersion: CURRENT_SCHEMA_VERSION, case: record, sources, notes, events };
}

export async function generateLibrary(dir: string, options: GenerateOptions = {}): Promise<GeneratedLibrary> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const full: Required<GenerateOptions> = { seed: 20_260_101, cases: 500, sourcesPerCase: 110, notesPerCase: 50, eventsPerCase: 40, ...given };
  const random = new Random(full.seed);
  const text = new TextSource(random.fork(1));
  const absolute = path.resolve(dir);
  // Only ever replace an earlier generated library, never some other folder given by mistake.
  const existing = await fs.readdir(absolute).catch(() => [] as string[]);
  if (existing.length > 0 && !existing.includes('.bench-library.json')) {
    throw new Error(`${absolute} is not empty and is not a generated bench library; choose another folder.`);
  }
  await fs.rm(absolute, { recursive: true, force: true });
  await fs.mkdir(path.join(absolute, 'cases'), { recursive: true });
  const library: LibraryFile = LibraryFileSchema.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: `lib_${full.seed.toString(16)}`,
    name: 'Synthetic benchmark library',
    createdAt: '2023-01-01T00:00:00.000Z',
    settings: {},
    tags: BENCH_TAGS.map((p) => ({ path: p })).sort((a, b) => a.path.localeCompare(b.path, 'en-GB')),
    savedSearches: [],
  });
  let bytes = 0;
  const write = async (file: string, data: unknown) => {
    const content = `${JSON.stringify(data, null, 2)}\n`;
    bytes += Buffer.byteLength(content);
    await fs.writeFile(file, content);
  };
  await write(path.join(absolute, 'library.json'), library);
  const slugs: string[] = [];
  let records = 0;
  for (let i = 0; i < full.cases; i++) {
    const raw = buildCase(text, random.fork(100 + i), i, full);
    const file = CaseFileSchema.parse(raw);
    slugs.push(file.case.slug);
    records += file.sources.length + file.notes.length + file.events.length;
    const caseDir = path.join(absolute, 'cases', file.case.id);
    await fs.mkdir(caseDir);
    await write(path.join(caseDir, 'case.json'), file);
  }
  const info = { generatorVersion: GENERATOR_VERSION, ...full, records, bytes };
  await fs.writeFile(path.join(absolute, '.bench-library.json'), `${JSON.stringify(info, null, 2)}\n`);
  return { dir: absolute, seed: full.seed, cases: full.cases, records, bytes, tags: BENCH_TAGS, slugs };
}

export function vocabularyFor(seed = 20_260_101): TextSource {
  return new TextSource(new Random(seed).fork(1));
}

if (process.argv[1] && /generate\.ts$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: tsx bench/generate.ts <dir> [--seed N] [--cases N]');
    process.exit(2);
  }
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const started = performance.now();
  const result = await generateLibrary(dir, { seed: flag('--seed'), cases: flag('--cases') });
  console.log(
    `Generated ${result.cases} cases, ${result.records.toLocaleString('en-GB')} records, ${(result.bytes / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s at ${result.dir}`,
  );
}
