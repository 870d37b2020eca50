/*
 * Libraries on disk for the dossier benchmark, made through the contract as a user's edits make them: cases,
 * sources, notes and chronology events saved one by one (so every save is journalled and the integrity appendix
 * has a real chain of custody to show), and exhibits attached with `attachments:add` (stored by SHA-256 under the
 * case's files folder). A dossier built from one of these goes through `dossier:export` exactly as the CLI's does.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLibrary, openLibrary } from '../src/core/library-session';
import { attachStoredFile, sha256Hex, type StoredFile } from '../src/core/services/attachments';
import type { Api } from '../src/shared/api/client';
import { prose } from './dossier-data';

const PUBLISHED = { value: '2022-06-28' };
const CACHE = path.resolve(import.meta.dirname, '..', 'node_modules', '.cache', 'casefolio-bench', 'dossier-libraries');

/** How much text a library holds: `cases` × (`notes` notes of `noteWords` words + `events` events + 10 sources). */
export interface TextScale {
  cases: number;
  notes: number;
  noteWords: number;
  events: number;
}

/** About 30, 300 and 3,000 pages of dossier (the 300-page one is the text dossier of the earlier runs). */
export const TEXT_SCALES = {
  30: { cases: 1, notes: 2, noteWords: 3_000, events: 30 },
  300: { cases: 5, notes: 6, noteWords: 4_000, events: 80 },
  3000: { cases: 40, notes: 7, noteWords: 4_500, events: 90 },
} satisfies Record<number, TextScale>;

async function addTextCase(api: Api, c: number, scale: TextScale): Promise<string> {
  const record = await api['cases:create']({
    fields: { title: `Benchmark case ${c + 1}`, slug: `bench-case-${c + 1}`, summary: prose(300, c), tags: ['bench/text'] },
  });
  const caseId = record.id;
  const sources: string[] = [];
  for (let s = 0; s < 10; s++) {
    const source = await api['sources:create']({
      caseId,
      fields: { kind: 'official-report', title: `Fictional report ${s + 1} on case ${c + 1}`, url: `https://example.org/reports/${c}/${s}`, publisher: 'Example Publisher', publishedDate: PUBLISHED },
    });
    sources.push(source.id);
  }
  for (let e = 0; e < scale.events; e++) {
    await api['events:create']({
      caseId,
      fields: {
        date: { value: `20${10 + (e % 12)}-${String((e % 12) + 1).padStart(2, '0')}` },
        title: `Event ${e + 1}: ${prose(8, c * 1000 + e).split(/[.\n]/)[0].slice(0, 180)}`,
        description: e % 3 === 0 ? prose(40, c * 1000 + e) : undefined,
        claimStatus: 'alleged',
        sources: [{ sourceId: sources[e % sources.length], pinpoint: { kind: 'page', value: String(e + 1) } }],
      },
    });
  }
  for (let n = 0; n < scale.notes; n++) {
    const seed = c * 100 + n;
    await api['notes:create']({
      caseId,
      fields: {
        title: `Note ${n + 1}`,
        body: `## Background\n\n${prose(scale.noteWords / 2, seed)}\n\n> ${prose(60, seed + 1).replace(/\n\n/g, ' ')}\n\n- ${prose(20, seed + 2).replace(/\n\n/g, ' ')}\n- ${prose(20, seed + 3).replace(/\n\n/g, ' ')}\n\n## Analysis\n\n${prose(scale.noteWords / 2, seed + 4)}`,
        quotations: [{ sourceId: sources[0], quote: prose(50, seed + 5).replace(/\n\n/g, ' '), pinpoint: { kind: 'page', value: '3' } }],
      },
    });
  }
  return record.slug;
}

/** A new library at `dir` holding text cases at `scale`; returns the cases' slugs. */
export async function textLibrary(dir: string, scale: TextScale): Promise<string[]> {
  const session = await createLibrary(dir, 'Dossier benchmark', { warm: false });
  try {
    const slugs: string[] = [];
    for (let c = 0; c < scale.cases; c++) slugs.push(await addTextCase(session.api, c, scale));
    return slugs;
  } finally {
    await session.close();
  }
}

export interface ExhibitFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/**
 * Adds to the library at `dir` (made if `create`) one case whose sources each carry one of `files` (or nothing, when
 * `attach` is false: the same case and sources, the baseline an exhibit's cost is measured from). Returns its slug.
 */
export async function exhibitCase(dir: string, slug: string, files: ExhibitFile[], options: { attach: boolean; create: boolean }): Promise<string> {
  const session = options.create ? await createLibrary(dir, 'Dossier benchmark', { warm: false }) : await openLibrary(dir, { warm: false });
  try {
    const record = await session.api['cases:create']({ fields: { title: `Benchmark exhibits (${slug})`, slug } });
    const sourceIds: string[] = [];
    for (const i of files.keys()) {
      const source = await session.api['sources:create']({ caseId: record.id, fields: { kind: 'official-report', title: `Exhibit source ${i + 1}`, publisher: 'Example Publisher', publishedDate: PUBLISHED } });
      sourceIds.push(source.id);
    }
    if (options.attach) {
      // The files go where the library keeps them (named by SHA-256) and are recorded by one journalled change:
      // attaching each through attachments:add would also extract each PDF's text, minutes for 500 files and
      // nothing a dossier reads.
      const { lib } = session;
      const folder = lib.read.filesDir(record.id);
      mkdirSync(folder, { recursive: true });
      const stored: StoredFile[] = files.map((file) => {
        const sha256 = sha256Hex(file.bytes);
        writeFileSync(path.join(folder, sha256), file.bytes);
        return { caseId: record.id, sha256, size: file.bytes.length, fileName: file.fileName, mediaType: file.mediaType, written: true };
      });
      await lib.mutate(`Attach ${files.length} files`, (draft) => {
        for (const [i, file] of stored.entries()) attachStoredFile(lib, draft, file, sourceIds[i]);
      });
    }
    return record.slug;
  } finally {
    await session.close();
  }
}

/**
 * A library made once by `make` and kept under node_modules/.cache (making the 3,000-page one saves ~5,000 records
 * through the contract): reused while `version` is unchanged, so reruns measure the same files. BENCH_FRESH=1 remakes.
 */
export async function cachedLibrary<T>(name: string, version: string, make: (dir: string) => Promise<T>): Promise<{ dir: string; value: T }> {
  const dir = path.join(CACHE, name);
  const stamp = path.join(CACHE, `${name}.json`);
  if (process.env.BENCH_FRESH !== '1' && existsSync(stamp)) {
    const kept = JSON.parse(readFileSync(stamp, 'utf8')) as { version: string; value: T };
    if (kept.version === version) return { dir, value: kept.value };
  }
  rmSync(stamp, { force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  const started = performance.now();
  const value = await make(dir);
  writeFileSync(stamp, JSON.stringify({ version, value }));
  console.log(`  (made library ${name} in ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return { dir, value };
}
