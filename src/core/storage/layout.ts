/*
 * Where a library keeps its files, and how the store words a file it could not use.
 *   <library>/library.json               settings, tag vocabulary, saved searches
 *   <library>/cases/<case-id>/case.json  one case with its sources, notes and chronology
 *   <library>/cases/<case-id>/files/     attachments named by the SHA-256 of their content
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CURRENT_SCHEMA_VERSION, type LibraryFile } from '../../shared/domain';
import { isErrno } from './durable-write';
import { FileTooLarge } from './read-pool';

export const LIBRARY_FILE = 'library.json';
export const CASES_DIR = 'cases';
export const CASE_FILE = 'case.json';
export const FILES_DIR = 'files';

/**
 * The largest case file (or library.json) that is read. The contract's field limits allow far more in
 * theory, but a real case (hundreds of records, long notes) is a few megabytes: 32 MiB is ten times the
 * largest seen in the benchmarks' 100,000-record library. A larger file is reported and left alone,
 * never read into memory (a 300 MB summary would otherwise cost gigabytes to parse).
 */
export const MAX_CASE_FILE_BYTES = 32 * 1024 * 1024;

/** A case folder without case.json: said as "set aside earlier" when an earlier open moved it aside, so it is never silent. */
export async function missingCaseFileProblem(dir: string, folder: string): Promise<LibraryProblem> {
  const file = path.join(CASES_DIR, folder, CASE_FILE);
  const asides = (await fs.readdir(path.join(dir, CASES_DIR, folder)).catch(() => [] as string[])).filter((n) => n.startsWith(`${CASE_FILE}.corrupt-`)).sort();
  if (asides.length === 0) return { file, reason: 'the case folder has no case.json' };
  const movedTo = path.join(CASES_DIR, folder, asides[asides.length - 1]);
  return { file, reason: 'it could not be read when the library was opened earlier, and was set aside; "casefolio check --repair" restores it from a backup where one exists', movedTo };
}

/** Why a file could not be read, in the words a problem report uses. */
export function unreadableReason(error: unknown): string {
  if (error instanceof FileTooLarge) {
    const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
    return `it is ${mb(error.size)}, more than the ${mb(error.maxBytes)} a case file may be, so it was not loaded; it was left as it is`;
  }
  return `it could not be read (${isErrno(error) ? (error as NodeJS.ErrnoException).code : String(error)})`;
}

export interface LibraryProblem {
  /** Path relative to the library folder. */
  file: string;
  reason: string;
  /** Where the file was moved to, relative to the library folder, when it was set aside. */
  movedTo?: string;
}

export function emptyLibraryFile(now: Date, name = 'Recovered library'): LibraryFile {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, id: `lib_${now.getTime().toString(36)}`, name, createdAt: now.toISOString(), settings: {}, tags: [], savedSearches: [], people: [] };
}

