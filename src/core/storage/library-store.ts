/*
 * The library on disk:
 *   <library>/library.json               settings, tag vocabulary, saved searches
 *   <library>/cases/<case-id>/case.json  one case with its sources, notes and chronology
 *   <library>/cases/<case-id>/files/     attachments named by the SHA-256 of their content
 *
 * Opening validates every file. A file that fails to parse or validate is never overwritten or dropped:
 * it is renamed aside (case.json.corrupt-<time>), reported in `problems`, and the rest of the library opens.
 * Older files are migrated, keeping the original as <file>.v<N>.bak. Opening for writing takes the lock.
 *
 * At scale (100,000 records, 130 MB of case files) reading and validating everything takes seconds, so
 * the catalogue (catalogue.ts) lets opening skip case files unchanged since this program last validated
 * or wrote them: they are listed from their digests and read when first needed (or by `warm()` in the
 * background), and accepted without re-validating only if their SHA-256 still matches what was validated.
 * Any other file is read and validated at open, as it always was. A file found changed when it is read
 * later is validated then; if it fails, it is reported and left out, never loaded or overwritten.
 *
 * Saves append what changed to the case's change log (change-log.ts) instead of rewriting case.json; the
 * log is folded into case.json past a size, on close and by `checkpoint()`. Opening replays a case's log
 * (never trusting the catalogue for it), and a writer folds it at once; a read-only opening shows the
 * changes in memory and writes nothing.
 *
 * The store's parts, one job each: layout.ts (file names, problem wording), open-cases.ts (listing the
 * cases at open), file-loader.ts (reading, migrating and validating a file), logged-case.ts (replaying a
 * log left by a crash), case-log-writer.ts (appending a save, folding the log), case-backups.ts (rolling
 * backups), case-entry.ts (what is known of each case file). This file keeps them together behind one API.
 */
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { CaseFile, LibraryFile, RecordId } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { RollingBackups, DEFAULT_BACKUP_POLICY, type BackupPolicy } from './case-backups';
import type { CaseEntry } from './case-entry';
import { digestAfter, digestOf, readCatalogue, stampOf, writeCatalogue, type CaseDigest, type CatalogueEntry, type FileStamp } from './catalogue';
import { closeLog, deltaOf, loggedFingerprint, type CaseDelta, type Sidecar } from './change-log';
import { appendSave, foldLog } from './case-log-writer';
import { exists, fsyncDirectory, nodeWriteOps, removeStaleTempFiles, type WriteOps } from './durable-write';
import { FileLoader, validateCurrent } from './file-loader';
import { contentFingerprint, DurableJsonFile } from './json-adapter';
import { CASE_FILE, CASES_DIR, emptyLibraryFile, FILES_DIR, LIBRARY_FILE, MAX_CASE_FILE_BYTES, unreadableReason, type LibraryProblem } from './layout';
import { acquireLock, type LibraryLock, type LockOptions } from './lock';
import { MIGRATIONS, type MigrationTable } from './migrations';
import { loadCaseEntries } from './open-cases';
import { ReadPool } from './read-pool';

// The store's public names, wherever they are declared.
export { BACKUPS_DIR, backupTime, DEFAULT_BACKUP_POLICY, type BackupPolicy } from './case-backups';
export { CASE_FILE, CASES_DIR, emptyLibraryFile, FILES_DIR, LIBRARY_FILE, MAX_CASE_FILE_BYTES, type LibraryProblem } from './layout';

export interface OpenLibraryOptions {
  readOnly?: boolean;
  migrations?: MigrationTable;
  now?: () => Date;
  /** The filesystem operations saves use; tests inject faults through this. */
  writeOps?: WriteOps;
  /** Rolling backups of case files: how many to keep per case, and the least time between two. */
  backups?: BackupPolicy;
  /**
   * Trust the catalogue for files unchanged since they were last validated (the default). `casefolio
   * check` says false, so every file is read and validated.
   */
  trustCatalogue?: boolean;
  /** Test hooks for taking the lock (a slowed takeover, another host name). */
  lock?: Omit<LockOptions, 'now'>;
  /**
   * Fold a case's change log once it holds more than this many bytes. By default, once it is larger than
   * the case file and MIN_FOLD_BYTES; the crash harness sets it low so that kills land in folds too.
   */
  foldAboveBytes?: number;
}

/** A log is folded once it is larger than its case file, and never held under this size. */
export const MIN_FOLD_BYTES = 256 * 1024;

export class LibraryStore {
  private constructor(
    readonly dir: string,
    private readonly libraryDb: Low<LibraryFile>,
    private readonly cases: Map<string, CaseEntry>,
    readonly problems: LibraryProblem[],
    readonly readOnly: boolean,
    private readonly lock: LibraryLock | undefined,
    private readonly writeOps: WriteOps,
    private readonly now: () => Date,
    private readonly backups: RollingBackups,
    private readonly foldAboveBytes: number | undefined,
  ) {}

  private catalogueChanged = false;
  private closed = false;
  private warming: Promise<void> | undefined;
  private catalogueWrite: Promise<void> = Promise.resolve();
  private readonly warmPool = new ReadPool(MAX_CASE_FILE_BYTES);
  private readonly syncPool = new ReadPool(MAX_CASE_FILE_BYTES);

  static async create(dir: string, library: LibraryFile, options: OpenLibraryOptions = {}): Promise<LibraryStore> {
    const absolute = path.resolve(dir);
    await fs.mkdir(absolute, { recursive: true });
    const entries = (await fs.readdir(absolute)).filter((n) => !n.startsWith('.'));
    if (entries.length > 0) {
      throw new ApiError('CONFLICT', `The folder ${absolute} is not empty. Choose an empty folder for a new library.`);
    }
    await fs.mkdir(path.join(absolute, CASES_DIR), { recursive: true });
    await new DurableJsonFile<LibraryFile>(path.join(absolute, LIBRARY_FILE)).write(LibraryFile.parse(library));
    return LibraryStore.open(absolute, options);
  }

  static async open(dir: string, options: OpenLibraryOptions = {}): Promise<LibraryStore> {
    const absolute = path.resolve(dir);
    const now = options.now ?? (() => new Date());
    const readOnly = options.readOnly ?? false;
    const migrations = options.migrations ?? MIGRATIONS;
    if (!(await exists(path.join(absolute, LIBRARY_FILE))) && !(await exists(path.join(absolute, CASES_DIR)))) {
      throw new ApiError('LIBRARY_NOT_FOUND', `No Casefolio library at ${absolute}. Create one with "casefolio init" or choose another folder.`);
    }
    const lock = readOnly ? undefined : await acquireLock(absolute, { ...options.lock, now: now() });
    try {
      const problems: LibraryProblem[] = [];
      const loader = new FileLoader(absolute, readOnly, migrations, now, problems);
      if (!readOnly) await removeStaleTempFiles(absolute);
      const writeOps = lock ? fencedWriteOps(options.writeOps ?? nodeWriteOps, lock) : (options.writeOps ?? nodeWriteOps);
      const libraryDb = new Low(new DurableJsonFile<LibraryFile>(path.join(absolute, LIBRARY_FILE), writeOps), emptyLibraryFile(now()));
      const library = await loader.load(LIBRARY_FILE, LibraryFile);
      if (library) libraryDb.data = library;
      else if (!readOnly && !(await exists(path.join(absolute, LIBRARY_FILE)))) {
        // library.json was set aside: start a fresh one so the cases stay usable; the original is kept.
        await libraryDb.write();
      }
      const catalogue = options.trustCatalogue === false ? new Map<string, CatalogueEntry>() : await readCatalogue(absolute);
      const { cases, changed } = await loadCaseEntries({ dir: absolute, catalogue, loader, readOnly, writeOps, now, problems });
      let catalogueChanged = changed;
      if (catalogue.size !== cases.size) catalogueChanged = true;
      const store = new LibraryStore(absolute, libraryDb, cases, problems, readOnly, lock, writeOps, now, new RollingBackups(absolute, options.backups ?? DEFAULT_BACKUP_POLICY, now, writeOps), options.foldAboveBytes);
      store.catalogueChanged = catalogueChanged;
      // Save what was learnt (files validated just now) without keeping the caller waiting.
      if (catalogueChanged && !readOnly) void store.saveCatalogue().catch(() => undefined);
      return store;
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  get library(): LibraryFile {
    return this.libraryDb.data;
  }

  /** Every case file, read from disk first where not yet read (see warm()). */
  caseFiles(): CaseFile[] {
    const files: CaseFile[] = [];
    for (const [id, entry] of this.cases) {
      const file = this.materialise(id, entry);
      if (file) files.push(file);
    }
    return files;
  }

  caseFile(caseId: string): CaseFile | undefined {
    const entry = this.cases.get(caseId);
    return entry ? this.materialise(caseId, entry) : undefined;
  }

  /** The ids of every case, without reading any case file. */
  caseIds(): string[] {
    return [...this.cases.keys()];
  }

  /** What the case list needs about a case, without reading its file. */
  caseDigest(caseId: string): CaseDigest | undefined {
    return this.cases.get(caseId)?.digest;
  }

  caseDigests(): CaseDigest[] {
    return [...this.cases.values()].map((e) => e.digest);
  }

  /** The id of the case with this slug, without reading any case file. */
  caseIdBySlug(slug: string): string | undefined {
    for (const [id, entry] of this.cases) if (entry.digest.case.slug === slug) return id;
    return undefined;
  }

  /**
   * SHA-256 of the case file's bytes as last read or written; undefined for an unknown case. While saves
   * wait in its change log, a fingerprint of the file and the log's last line together.
   */
  caseFingerprint(caseId: string): string | undefined {
    const entry = this.cases.get(caseId);
    if (entry?.logBytes && entry.logSum) return loggedFingerprint(entry.adapter.fingerprint, entry.logSum);
    return entry?.alias ?? entry?.adapter.fingerprint;
  }

  /** Lines a change log carries for `file` (the journal) that the file lacks: only in a read-only opening after a crash. */
  unrestoredLines(caseId: string, file: string): readonly string[] {
    return this.cases.get(caseId)?.unrestored?.get(file) ?? [];
  }

  /** True while any case has saves in its change log that case.json does not hold yet. */
  hasPendingChanges(): boolean {
    for (const entry of this.cases.values()) if (entry.logBytes) return true;
    return false;
  }

  /** True once the case's file has been read into memory. */
  isCaseLoaded(caseId: string): boolean {
    return this.cases.get(caseId)?.db !== undefined;
  }

  /**
   * Reads, in the background, every case file not read yet, so later calls never wait for the disk. Reads
   * are asynchronous and one at a time; each file is parsed between them. Stops when the store closes.
   */
  warm(): Promise<void> {
    this.warming ??= (async () => {
      for (const [id, entry] of [...this.cases]) {
        if (this.closed) return;
        if (entry.db) continue;
        let bytes: Buffer;
        try {
          bytes = await this.warmPool.read(path.join(this.dir, entry.relative));
        } catch {
          continue; // reading it on demand will report the problem
        }
        if (!this.closed && !entry.db && this.cases.get(id) === entry) this.accept(id, entry, bytes);
      }
    })();
    return this.warming;
  }

  private materialise(caseId: string, entry: CaseEntry): CaseFile | undefined {
    if (entry.db) return entry.db.data;
    let bytes: Buffer;
    try {
      bytes = this.syncPool.readSync(path.join(this.dir, entry.relative));
    } catch (error) {
      this.problems.push({ file: entry.relative, reason: unreadableReason(error) });
      this.cases.delete(caseId);
      this.catalogueChanged = true;
      return undefined;
    }
    return this.accept(caseId, entry, bytes);
  }

  /**
   * Takes in the bytes of a catalogued file. Bytes with the fingerprint that was validated are parsed and
   * used as they are; anything else is validated now, and left out (reported, never moved or written)
   * if it fails: the file changed while the library was open, and the next open deals with it in full.
   */
  private accept(caseId: string, entry: CaseEntry, bytes: Buffer): CaseFile | undefined {
    const fingerprint = contentFingerprint(bytes);
    let file: CaseFile;
    if (fingerprint === entry.adapter.fingerprint) {
      file = JSON.parse(bytes.toString('utf8')) as CaseFile;
    } else {
      const outcome = validateCurrent(bytes.toString('utf8'), caseId);
      if (typeof outcome === 'string') {
        this.problems.push({ file: entry.relative, reason: `it changed on disk while the library was open and ${outcome}; it was left as it is` });
        this.cases.delete(caseId);
        this.catalogueChanged = true;
        return undefined;
      }
      file = outcome;
      entry.adapter.fingerprint = fingerprint;
      entry.digest = digestOf(file);
      entry.stamp = undefined;
      entry.alias = undefined;
      this.catalogueChanged = true;
    }
    entry.db = new Low(entry.adapter, file);
    return file;
  }

  /**
   * Records what is known about each case file, so the next open can skip those unchanged. One write at a
   * time, each after the one before: a close waits here for the write an open started in the background, so
   * none is still in flight when the lock is let go (the next program would read the stale catalogue, or
   * have its own overwritten).
   */
  saveCatalogue(): Promise<void> {
    const next = this.catalogueWrite.catch(() => undefined).then(() => this.writeCatalogueNow());
    this.catalogueWrite = next;
    return next;
  }

  private async writeCatalogueNow(): Promise<void> {
    if (this.readOnly || !this.catalogueChanged) return;
    await this.lock?.verify(); // a writer that lost its lock leaves even derived files to the one that has it
    this.catalogueChanged = false;
    const entries = new Map<string, CatalogueEntry>();
    for (const [id, entry] of this.cases) {
      if (entry.stamp && entry.adapter.fingerprint) entries.set(id, { stamp: entry.stamp, sha256: entry.adapter.fingerprint, digest: entry.digest, ...(entry.alias ? { fingerprint: entry.alias } : {}) });
    }
    try {
      await writeCatalogue(this.dir, entries, this.writeOps);
    } catch (error) {
      this.catalogueChanged = true;
      throw error;
    }
  }

  caseDir(caseId: string): string {
    return path.join(this.dir, CASES_DIR, RecordId.parse(caseId));
  }

  filesDir(caseId: string): string {
    return path.join(this.caseDir(caseId), FILES_DIR);
  }

  async writeLibrary(next: LibraryFile): Promise<void> {
    this.assertWritable();
    const valid = LibraryFile.parse(next);
    // Written before memory changes: a failed write leaves memory and disk agreeing on the old version.
    await this.libraryDb.adapter.write(valid);
    this.libraryDb.data = valid;
  }

  /**
   * Saves a case: appends what changed to its change log (one fsync) when the case exists, else writes
   * case.json whole. `sidecar` is a line (the journal's) the log line carries; returns true when it was
   * carried, so its own file need not be fsynced.
   */
  async writeCase(next: CaseFile, sidecar?: Omit<Sidecar, 'since'>): Promise<boolean> {
    this.assertWritable();
    const valid = justValidated.delete(next) ? next : CaseFile.parse(next);
    const caseId = valid.case.id;
    const existing = this.cases.get(caseId);
    const previous = existing ? this.materialise(caseId, existing) : undefined;
    const delta = previous && existing?.db ? deltaOf(previous, valid) : undefined;
    // The backup of the version replaced is written once the save is acknowledged (keepDueBackups).
    if (previous) this.backups.due(previous);
    if (existing?.db && previous && delta) {
      const appending = this.appendToLog(existing, delta, sidecar);
      // Worked out while the line is on its way to the disk (the write is issued before appendToLog first
      // yields), and used only once it is durable.
      const digest = whileWriting(() => digestAfter(existing.digest, previous, valid));
      await appending;
      existing.db.data = valid;
      existing.digest = digest ?? digestOf(valid);
      existing.stamp = undefined; // case.json alone no longer describes the case: never catalogued like this
      this.catalogueChanged = true;
      return sidecar !== undefined;
    }
    if (existing?.logBytes) await this.fold(existing);
    let db: Low<CaseFile>;
    let entry = this.cases.get(caseId);
    if (!entry || !entry.db) {
      const dir = this.caseDir(caseId);
      await fs.mkdir(dir, { recursive: true });
      await fsyncDirectory(path.dirname(dir));
      db = new Low(new DurableJsonFile<CaseFile>(path.join(dir, CASE_FILE), this.writeOps), valid);
    } else {
      db = entry.db;
    }
    // Written before memory changes: a failed write leaves memory and disk agreeing on the old version.
    await db.adapter.write(valid);
    db.data = valid;
    let stamp: FileStamp | undefined;
    try {
      stamp = stampOf(statSync(path.join(this.dir, CASES_DIR, caseId, CASE_FILE)));
    } catch {
      stamp = undefined; // not catalogued: the next open reads and validates it
    }
    entry = { relative: path.join(CASES_DIR, caseId, CASE_FILE), adapter: db.adapter as DurableJsonFile<CaseFile>, db, digest: digestOf(valid), stamp, fileBytes: stamp?.size };
    this.cases.set(caseId, entry);
    this.catalogueChanged = true;
    return false;
  }

  /**
   * The fence every replacing write has (a writer that lost its lock refuses), then the append. When a stat
   * settles the fence, nothing yields between it and the write being issued: the save's bytes are handed to
   * the disk in the same turn as the check that allows them.
   */
  private appendToLog(entry: CaseEntry, delta: CaseDelta, sidecar: Omit<Sidecar, 'since'> | undefined): Promise<void> {
    if (!this.lock || this.lock.verifiedNow()) return appendSave(this.dir, entry, delta, sidecar, this.writeOps);
    return this.lock.verify().then(() => appendSave(this.dir, entry, delta, sidecar, this.writeOps));
  }

  private async fold(entry: CaseEntry): Promise<void> {
    if (await foldLog(this.dir, entry, this.writeOps)) this.catalogueChanged = true;
  }

  /**
   * After this resolves, every case.json (and library.json, which is always written whole) holds every
   * acknowledged change and no change log is left: what sync commits and what reads files directly see.
   */
  async checkpoint(): Promise<void> {
    if (!this.hasPendingChanges()) return;
    this.assertWritable();
    for (const entry of this.cases.values()) if (entry.logBytes) await this.fold(entry);
  }

  /**
   * Folds the logs of these cases that have grown past their limit: larger than the case file (and
   * MIN_FOLD_BYTES), or `foldAboveBytes`. Run after a save is acknowledged (CaseLibrary), not inside it.
   */
  async foldLargeLogs(caseIds: string[]): Promise<void> {
    for (const caseId of caseIds) {
      const entry = this.cases.get(caseId);
      if (entry && (entry.logBytes ?? 0) > (this.foldAboveBytes ?? Math.max(MIN_FOLD_BYTES, entry.fileBytes ?? 0))) await this.fold(entry);
    }
  }

  /** Folds one case's log now (an erasure must not leave the erased records in it). */
  async checkpointCase(caseId: string): Promise<void> {
    const entry = this.cases.get(caseId);
    if (entry?.logBytes) await this.fold(entry);
  }

  backupsDir(caseId: string): string {
    return this.backups.dir(caseId);
  }

  /**
   * Writes the rolling backups saves have noted as due (the versions they replaced): run after a save is
   * acknowledged (CaseLibrary), not inside it. Best effort, as backups always were.
   */
  keepDueBackups(): Promise<void> {
    return this.backups.flush();
  }

  /** Deletes a case's rolling backups (they hold copies of what an erasure removes), a due one included. */
  async forgetBackups(caseId: string): Promise<void> {
    this.assertWritable();
    await this.backups.forget(caseId);
  }

  /** Rolling backups, newest first. */
  listBackups(caseId: string): Promise<string[]> {
    return this.backups.list(caseId);
  }

  /** Removes a case from disk for good (emptying the trash). Attachments go with it. */
  async purgeCase(caseId: string): Promise<void> {
    this.assertWritable();
    await this.lock?.verify();
    const log = this.cases.get(caseId)?.log;
    if (log) await closeLog(log);
    await fs.rm(this.caseDir(caseId), { recursive: true, force: true });
    this.cases.delete(caseId);
    this.catalogueChanged = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.warming;
    // Best effort: a log left behind is replayed by the next open, so nothing acknowledged is lost.
    if (!this.readOnly) await this.checkpoint().catch(() => undefined);
    if (!this.readOnly) await this.backups.flush();
    for (const entry of this.cases.values()) if (entry.log) await closeLog(entry.log); // left by a failed fold
    await this.saveCatalogue().catch(() => undefined); // derived data: the next open validates instead
    await this.lock?.release();
  }

  /**
   * Throws unless this program may write now: READ_ONLY when opened read-only, LIBRARY_LOCKED when its
   * lock was broken or taken over since. Changes call it before touching anything (attachments included).
   */
  async assertWriter(): Promise<void> {
    this.assertWritable();
    await this.lock?.verify();
  }

  /**
   * assertWriter's test without yielding where a stat can settle it: throws READ_ONLY, returns true when this
   * program may write now, false when only `assertWriter()` can tell (its lock file changed, or is not pinned).
   */
  writerNow(): boolean {
    this.assertWritable();
    return !this.lock || this.lock.verifiedNow();
  }

  private assertWritable(): void {
    if (this.readOnly) throw new ApiError('READ_ONLY', 'This library was opened read-only; open it for writing to make changes.');
  }
}

/**
 * Every file a writer replaces goes through rename; checking the lock is still this program's just before
 * it means a writer whose lock was taken over or broken refuses (LIBRARY_LOCKED) instead of overwriting.
 */
function fencedWriteOps(base: WriteOps, lock: LibraryLock): WriteOps {
  return {
    open: (file, flags, mode) => base.open(file, flags, mode),
    rm: (file, options) => base.rm(file, options),
    rename: async (from, to) => {
      await lock.verify();
      await base.rename(from, to);
    },
  };
}

/**
 * Runs bookkeeping a save does while its durable write is in flight. It must not throw past the write (the
 * save's outcome is the write's), so a failure gives undefined and the caller works it out again afterwards.
 */
function whileWriting<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch {
    return undefined;
  }
}

/**
 * Case files the caller has just produced with CaseFile.parse and hands straight to writeCase, which then
 * need not parse them again (a 200-record case takes a few milliseconds to validate). One use each: the
 * mark is taken off as the file is written, so an object changed afterwards is never written unvalidated.
 */
const justValidated = new WeakSet<CaseFile>();

export function validatedForWrite(file: CaseFile): CaseFile {
  justValidated.add(file);
  return file;
}

