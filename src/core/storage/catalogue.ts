/*
 * The catalogue: <library>/.cache/catalogue.json, derived data that is safe to delete. For each case file
 * it records what this program last knew to be on disk and valid:
 *
 *   stamp    size, mtime, ctime and inode of the file, from stat
 *   sha256   the SHA-256 of its bytes
 *   digest   what the case list needs (the case record without its summary, counts, attachment hashes),
 *            and the case's share of library-wide figures (how many live records carry each tag), so
 *            those figures are sums over digests and never need every case file read
 *
 * An entry is written only for a file whose bytes are exactly the canonical serialisation of data that
 * passed validation (what the store itself writes). On open, a file whose stamp still matches its entry is
 * not read at all: the case list comes from the digest, and the file is read later, when first needed,
 * and accepted without re-validating only if its SHA-256 still matches. A file whose stamp differs (edited
 * by another program, copied in, restored), or which the catalogue does not know, is read and validated
 * at open exactly as before, and set aside if it fails. The catalogue names the schema it vouches for, so a
 * Casefolio with another schema ignores it.
 *
 * ctime is part of the stamp because no ordinary tool can set it: a file rewritten and given back its old
 * size and mtime still has a new ctime, so it is read and validated again.
 */
import type { Stats } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CaseCounts } from '../../shared/api/types';
import type { CaseFile, CaseRecord, SourceRecord } from '../../shared/domain';
import { caseSchemaFingerprint } from './case-schema-fingerprint';
import { sameData } from '../same-data';
import { isErrno, writeFileDurably, type WriteOps } from './durable-write';
import { diffRecordLists } from './record-diff';

export const CATALOGUE_FILE = path.join('.cache', 'catalogue.json');
/**
 * Bumped when what the catalogue records, or what an entry promises, changes. A catalogue of another
 * format is ignored, so every file is read and validated once and the digests are rebuilt (2: tag counts).
 */
const CATALOGUE_FORMAT = 2;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface CaseDigest {
  /** The case record without its summary (which can be long and is not listed). */
  case: Omit<CaseRecord, 'summary'>;
  counts: CaseCounts;
  /** SHA-256 of each attachment of each live source. */
  attachments: string[];
  /**
   * How many live records of this case (the case itself included) carry each tag, as [tag, count] pairs:
   * pairs, not an object, because "__proto__" is a valid tag path.
   */
  tagCounts: [string, number][];
}

export interface CatalogueEntry {
  stamp: FileStamp;
  sha256: string;
  digest: CaseDigest;
  /** The name the store gave the case's content before its change log was folded into this file (see LibraryStore.caseFingerprint). */
  fingerprint?: string;
}

const Entry = z.object({
  stamp: z.object({ size: z.number(), mtimeMs: z.number(), ctimeMs: z.number(), ino: z.number() }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  digest: z.object({ case: z.looseObject({ id: z.string(), slug: z.string(), title: z.string() }), counts: z.looseObject({}), attachments: z.array(z.string()), tagCounts: z.array(z.tuple([z.string(), z.number().int().min(0)])) }),
});
const CatalogueSchema = z.object({ format: z.literal(CATALOGUE_FORMAT), schema: z.string(), cases: z.record(z.string(), Entry) });

export function stampOf(stat: Stats): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
}

export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return !!a && !!b && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

export function digestOf(file: CaseFile): CaseDigest {
  const { summary: _summary, ...record } = file.case;
  const live = <T extends { deletedAt?: string }>(records: T[]) => records.filter((r) => !r.deletedAt);
  const sources = live(file.sources);
  return {
    case: record,
    counts: {
      sources: sources.length,
      notes: live(file.notes).length,
      events: live(file.events).length,
      attachments: sources.reduce((n, s) => n + s.attachments.length, 0),
    },
    attachments: sources.flatMap((s) => s.attachments.map((a) => a.sha256)),
    tagCounts: tagCountsOf([file.case, ...sources, ...live(file.notes), ...live(file.events)]),
  };
}

/**
 * The digest of `after` from the digest of `before` (its version just before one change), looking only at
 * the records the change reached (record-diff.ts): a whole digest walks every record and every tag of the
 * case, a millisecond or two per save in a 5,000-record case. Same counts as digestOf; tags may come in
 * another order, which no reader depends on.
 */
export function digestAfter(previous: CaseDigest, before: CaseFile, after: CaseFile): CaseDigest {
  if (before.case.id !== after.case.id) return digestOf(after);
  const live = (r: { deletedAt?: string } | undefined): boolean => r !== undefined && !r.deletedAt;
  const counts = { ...previous.counts };
  // What the change did to each tag's count; the case's whole list is copied only if one moved (an edit
  // rarely changes tags, and a 5,000-record case has hundreds).
  const moved = new Map<string, number>();
  const count = (record: { tags: string[] } | undefined, by: number) => {
    for (const tag of record?.tags ?? []) moved.set(tag, (moved.get(tag) ?? 0) + by);
  };
  if (before.case !== after.case) {
    count(before.case, -1);
    count(after.case, 1);
  }
  let attachmentsChanged = false;
  for (const key of ['sources', 'notes', 'events'] as const) {
    for (const { before: was, after: is } of diffRecordLists<CaseFile[typeof key][number]>(before[key], after[key]).pairs) {
      const wasLive = live(was);
      const isLive = live(is);
      counts[key] += Number(isLive) - Number(wasLive);
      if (wasLive) count(was, -1);
      if (isLive) count(is, 1);
      if (key === 'sources' && (wasLive || isLive)) {
        const a = wasLive ? (was as SourceRecord).attachments : [];
        const b = isLive ? (is as SourceRecord).attachments : [];
        attachmentsChanged ||= !sameData(a, b);
      }
    }
  }
  const { summary: _summary, ...record } = after.case;
  const attachments = attachmentsChanged ? after.sources.filter((s) => !s.deletedAt).flatMap((s) => s.attachments.map((a) => a.sha256)) : previous.attachments;
  return { case: record, counts: { ...counts, attachments: attachments.length }, attachments, tagCounts: tagCountsMoved(previous.tagCounts, moved) };
}

function tagCountsMoved(previous: [string, number][], moved: Map<string, number>): [string, number][] {
  if ([...moved.values()].every((n) => n === 0)) return previous;
  const tags = new Map(previous);
  for (const [tag, by] of moved) tags.set(tag, (tags.get(tag) ?? 0) + by);
  return [...tags].filter(([, n]) => n > 0);
}

function tagCountsOf(records: { tags: string[] }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const record of records) for (const tag of record.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts];
}

/** The serialisation the store writes; a file is catalogued only when its text is exactly this. */
export function canonicalText(file: CaseFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export async function readCatalogue(libraryDir: string): Promise<Map<string, CatalogueEntry>> {
  let raw: string;
  try {
    raw = await fs.readFile(path.join(libraryDir, CATALOGUE_FILE), 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return new Map();
    throw error;
  }
  try {
    const parsed = CatalogueSchema.safeParse(JSON.parse(raw));
    if (!parsed.success || parsed.data.schema !== caseSchemaFingerprint()) return new Map();
    return new Map(Object.entries(parsed.data.cases) as unknown as [string, CatalogueEntry][]);
  } catch {
    return new Map(); // a damaged catalogue is as good as none: every file is read and validated
  }
}

export async function writeCatalogue(libraryDir: string, entries: Map<string, CatalogueEntry>, ops?: WriteOps): Promise<void> {
  const file = path.join(libraryDir, CATALOGUE_FILE);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileDurably(file, JSON.stringify({ format: CATALOGUE_FORMAT, schema: caseSchemaFingerprint(), cases: Object.fromEntries(entries) }), ops);
}
