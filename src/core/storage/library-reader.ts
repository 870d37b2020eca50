/*
 * The typed read side of an open library, beside its one write side (CaseLibrary.mutate). Code above
 * storage reads the library only through this: it cannot write a file behind the journal's back, because
 * the store's write methods are not reachable from here (the view delegates; it is not the store itself).
 *
 * What it returns must be treated as read-only: stored versions are shared with the undo history and the
 * search index, and changes are made on drafts inside `mutate`.
 */
import type { CaseFile, LibraryFile } from '../../shared/domain';
import type { CaseDigest } from './catalogue';
import type { LibraryProblem, LibraryStore } from './library-store';

export interface LibraryReader {
  readonly dir: string;
  /** True when the library was opened without the lock: every change is refused. */
  readonly readOnly: boolean;
  /** library.json as last saved: settings, tag vocabulary, saved searches. */
  readonly library: Readonly<LibraryFile>;
  /** Files that could not be used when the library was opened (each was set aside, never overwritten). */
  readonly problems: readonly LibraryProblem[];
  /** Every case file, read from disk first where not yet read. */
  caseFiles(): CaseFile[];
  caseFile(caseId: string): CaseFile | undefined;
  /** The ids of every case, without reading any case file. */
  caseIds(): string[];
  /** The id of the case with this slug, without reading any case file. */
  caseIdBySlug(slug: string): string | undefined;
  /** What the case list needs about a case, without reading its file. */
  caseDigest(caseId: string): CaseDigest | undefined;
  caseDigests(): CaseDigest[];
  /** SHA-256 of the case file's bytes as last read or written; undefined for an unknown case. */
  caseFingerprint(caseId: string): string | undefined;
  /** True once the case's file has been read into memory. */
  isCaseLoaded(caseId: string): boolean;
  /** Lines a change log carries for a file of the case (its journal) that the file lacks: read-only openings after a crash. */
  unrestoredLines(caseId: string, file: string): readonly string[];
  /** Reads every case file not read yet, in the background. */
  warm(): Promise<void>;
  /** The folder of a case (its case.json and journal). */
  caseDir(caseId: string): string;
  /** The folder of a case's attachments, each named by the SHA-256 of its content. */
  filesDir(caseId: string): string;
  /** A case's rolling backups, newest first. */
  listBackups(caseId: string): Promise<string[]>;
  /** The folder of a case's rolling backups. */
  backupsDir(caseId: string): string;
}

/** A read-only view of a store: every read delegates, no write is reachable. */
export function readerOf(store: LibraryStore): LibraryReader {
  return Object.freeze({
    dir: store.dir,
    readOnly: store.readOnly,
    get library() {
      return store.library;
    },
    // A getter: files found unusable after opening are added to the store's list as they are found.
    get problems() {
      return store.problems;
    },
    caseFiles: () => store.caseFiles(),
    caseFile: (caseId: string) => store.caseFile(caseId),
    caseIds: () => store.caseIds(),
    caseIdBySlug: (slug: string) => store.caseIdBySlug(slug),
    caseDigest: (caseId: string) => store.caseDigest(caseId),
    caseDigests: () => store.caseDigests(),
    caseFingerprint: (caseId: string) => store.caseFingerprint(caseId),
    isCaseLoaded: (caseId: string) => store.isCaseLoaded(caseId),
    unrestoredLines: (caseId: string, file: string) => store.unrestoredLines(caseId, file),
    warm: () => store.warm(),
    caseDir: (caseId: string) => store.caseDir(caseId),
    filesDir: (caseId: string) => store.filesDir(caseId),
    listBackups: (caseId: string) => store.listBackups(caseId),
    backupsDir: (caseId: string) => store.backupsDir(caseId),
  });
}
