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
 */
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { CaseFile, CURRENT_SCHEMA_VERSION, LibraryFile, RecordId } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { exists, fsyncDirectory, isErrno, nodeWriteOps, removeStaleTempFiles, writeFileDurably, type WriteOps } from './durable-write';
import { canonicalText, digestOf, readCatalogue, sameStamp, stampOf, writeCatalogue, type CaseDigest, type CatalogueEntry, type FileStamp } from './catalogue';
import { contentFingerprint, DurableJsonFile } from './json-adapter';
import { acquireLock, type LibraryLock, type LockOptions } from './lock';
import { migrate, MIGRATIONS, type MigrationTable } from './migrations';
import { FileTooLarge, ReadPool } from './read-pool';

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
async function missingCaseFileProblem(dir: string, folder: string): Promise<LibraryProblem> {
  const file = path.join(CASES_DIR, folder, CASE_FILE);
  const asides = (await fs.readdir(path.join(dir, CASES_DIR, folder)).catch(() => [] as string[])).filter((n) => n.startsWith(`${CASE_FILE}.corrupt-`)).sort();
  if (asides.length === 0) return { file, reason: 'the case folder has no case.json' };
  const movedTo = path.join(CASES_DIR, folder, asides[asides.length - 1]);
  return { file, reason: 'it could not be read when the library was opened earlier, and was set aside; "casefolio check --repair" restores it from a backup where one exists', movedTo };
}

/** Why a file could not be read, in the words a problem report uses. */
function unreadableReason(error: unknown): string {
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
}

/** One case file: always its digest and fingerprint; its content once read. */
interface CaseEntry {
  relative: string;
  adapter: DurableJsonFile<CaseFile>;
  db?: Low<CaseFile>;
  digest: CaseDigest;
  /** The file's stamp when its content was last validated or written; undefined when not worth cataloguing. */
  stamp?: FileStamp;
}

export interface BackupPolicy {
  keep: number;
  intervalMs: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { keep: 10, intervalMs: 10 * 60 * 1000 };
export const BACKUPS_DIR = path.join('.backups', 'cases');

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
    private readonly backupPolicy: BackupPolicy,
  ) {}

  private readonly lastBackupAt = new Map<string, number>();
  private catalogueChanged = false;
  private closed = false;
  private warming: Promise<void> | undefined;
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
      const cases = new Map<string, CaseEntry>();
      const catalogue = options.trustCatalogue === false ? new Map<string, CatalogueEntry>() : await readCatalogue(absolute);
      let catalogueChanged = false;
      const casesDir = path.join(absolute, CASES_DIR);
      await fs.mkdir(casesDir, { recursive: true }).catch(() => undefined);
      const folders = (await fs.readdir(casesDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      const slugs = new Map<string, string>();
      for (const folder of folders) {
        const relative = path.join(CASES_DIR, folder, CASE_FILE);
        if (!readOnly) await removeStaleTempFiles(path.join(casesDir, folder));
        if (!RecordId.safeParse(folder).success) {
          problems.push({ file: path.join(CASES_DIR, folder), reason: 'the folder name is not a case id; it was left alone' });
          continue;
        }
        let stamp: FileStamp;
        try {
          stamp = stampOf(await fs.stat(path.join(absolute, relative)));
        } catch (error) {
          if (!isErrno(error, 'ENOENT', 'ENOTDIR')) throw error;
          problems.push(await missingCaseFileProblem(absolute, folder));
          continue;
        }
        const adapter = new DurableJsonFile<CaseFile>(path.join(absolute, relative), writeOps);
        const known = catalogue.get(folder);
        let entry: CaseEntry;
        if (known && sameStamp(known.stamp, stamp) && known.digest.case.id === folder) {
          adapter.fingerprint = known.sha256;
          entry = { relative, adapter, digest: known.digest, stamp: known.stamp };
        } else {
          const file = await loader.load(relative, CaseFile, (data) =>
            data.case.id === folder ? undefined : `the case id "${data.case.id}" does not match its folder "${folder}"`,
          );
          if (!file) continue;
          adapter.fingerprint = loader.lastFingerprint;
          entry = { relative, adapter, db: new Low(adapter, file), digest: digestOf(file), stamp: loader.lastCanonicalStamp };
          catalogueChanged = true;
        }
        const slug = entry.digest.case.slug;
        const clash = slugs.get(slug);
        if (clash) problems.push({ file: relative, reason: `its slug "${slug}" is also used by case ${clash}; use the case id instead` });
        else slugs.set(slug, folder);
        cases.set(folder, entry);
      }
      if (catalogue.size !== cases.size) catalogueChanged = true;
      const store = new LibraryStore(absolute, libraryDb, cases, problems, readOnly, lock, writeOps, now, options.backups ?? DEFAULT_BACKUP_POLICY);
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

  /** SHA-256 of the case file's bytes as last read or written; undefined for an unknown case. */
  caseFingerprint(caseId: string): string | undefined {
    return this.cases.get(caseId)?.adapter.fingerprint;
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
      this.catalogueChanged = true;
    }
    entry.db = new Low(entry.adapter, file);
    return file;
  }

  /** Records what is known about each case file, so the next open can skip those unchanged. */
  async saveCatalogue(): Promise<void> {
    if (this.readOnly || !this.catalogueChanged) return;
    await this.lock?.verify(); // a writer that lost its lock leaves even derived files to the one that has it
    this.catalogueChanged = false;
    const entries = new Map<string, CatalogueEntry>();
    for (const [id, entry] of this.cases) {
      if (entry.stamp && entry.adapter.fingerprint) entries.set(id, { stamp: entry.stamp, sha256: entry.adapter.fingerprint, digest: entry.digest });
    }
    try {
      await writeCatalogue(this.dir, entries);
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

  async writeCase(next: CaseFile): Promise<void> {
    this.assertWritable();
    const valid = justValidated.delete(next) ? next : CaseFile.parse(next);
    const caseId = valid.case.id;
    const existing = this.cases.get(caseId);
    const previous = existing ? this.materialise(caseId, existing) : undefined;
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
    if (previous) await this.backUpCase(previous);
    // Written before memory changes: a failed write leaves memory and disk agreeing on the old version.
    await db.adapter.write(valid);
    db.data = valid;
    let stamp: FileStamp | undefined;
    try {
      stamp = stampOf(statSync(path.join(this.dir, CASES_DIR, caseId, CASE_FILE)));
    } catch {
      stamp = undefined; // not catalogued: the next open reads and validates it
    }
    entry = { relative: path.join(CASES_DIR, caseId, CASE_FILE), adapter: db.adapter as DurableJsonFile<CaseFile>, db, digest: digestOf(valid), stamp };
    this.cases.set(caseId, entry);
    this.catalogueChanged = true;
  }

  backupsDir(caseId: string): string {
    return path.join(this.dir, BACKUPS_DIR, RecordId.parse(caseId));
  }

  /** Deletes a case's rolling backups (they hold copies of what an erasure removes). */
  async forgetBackups(caseId: string): Promise<void> {
    this.assertWritable();
    await fs.rm(this.backupsDir(caseId), { recursive: true, force: true });
    this.lastBackupAt.delete(caseId);
  }

  /** Rolling backups, newest first: file names sort by time. */
  async listBackups(caseId: string): Promise<string[]> {
    try {
      const names = (await fs.readdir(this.backupsDir(caseId))).filter((n) => /^case-\d{8}T\d{9}Z\.json$/.test(n));
      return names.sort().reverse().map((n) => path.join(this.backupsDir(caseId), n));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
  }

  /**
   * Keeps the version about to be replaced as a rolling backup, at most one per interval, the newest
   * `keep` retained. Best effort: a backup that cannot be written never blocks the save itself.
   */
  private async backUpCase(previous: CaseFile): Promise<void> {
    const { keep, intervalMs } = this.backupPolicy;
    if (keep <= 0) return;
    const caseId = previous.case.id;
    const now = this.now();
    try {
      let last = this.lastBackupAt.get(caseId);
      if (last === undefined) {
        const newest = (await this.listBackups(caseId))[0];
        last = newest ? backupTime(newest) : -Infinity;
      }
      if (now.getTime() - last < intervalMs) return;
      const dir = this.backupsDir(caseId);
      await fs.mkdir(dir, { recursive: true });
      const name = `case-${now.toISOString().replace(/[-:.]/g, '')}.json`;
      await writeFileDurably(path.join(dir, name), `${JSON.stringify(previous, null, 2)}\n`, this.writeOps);
      this.lastBackupAt.set(caseId, now.getTime());
      for (const old of (await this.listBackups(caseId)).slice(keep)) await fs.rm(old, { force: true });
    } catch {
      // The save goes ahead; `casefolio check` reports a library without recent backups.
    }
  }

  /** Removes a case from disk for good (emptying the trash). Attachments go with it. */
  async purgeCase(caseId: string): Promise<void> {
    this.assertWritable();
    await this.lock?.verify();
    await fs.rm(this.caseDir(caseId), { recursive: true, force: true });
    this.cases.delete(caseId);
    this.catalogueChanged = true;
  }

  /** After it resolves, every case.json on disk holds every acknowledged change (the saves work keeps the real one; writes are whole files here). */
  async checkpoint(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    await this.warming;
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

export function backupTime(file: string): number {
  const m = /case-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.json$/.exec(file);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]) : -Infinity;
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

export function emptyLibraryFile(now: Date, name = 'Recovered library'): LibraryFile {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, id: `lib_${now.getTime().toString(36)}`, name, createdAt: now.toISOString(), settings: {}, tags: [], savedSearches: [] };
}

/** Reads, migrates and validates one file; sets it aside (when writable) and records why if it is unusable. */
class FileLoader {
  /** The fingerprint of the file `load` last returned, as it now is on disk. */
  lastFingerprint: string | undefined;
  /** Its stamp, when its bytes are the canonical form of the valid data (so it may be catalogued). */
  lastCanonicalStamp: FileStamp | undefined;
  /** Files are loaded one at a time, so one buffer serves them all. */
  private readonly pool = new ReadPool(MAX_CASE_FILE_BYTES);

  constructor(
    private readonly dir: string,
    private readonly readOnly: boolean,
    private readonly migrations: MigrationTable,
    private readonly now: () => Date,
    private readonly problems: LibraryProblem[],
  ) {}

  async load<S extends z.ZodType>(relative: string, schema: S, check?: (data: z.output<S>) => string | undefined): Promise<z.output<S> | undefined> {
    const absolute = path.join(this.dir, relative);
    let bytes: Buffer;
    let stamp: FileStamp | undefined;
    this.lastCanonicalStamp = undefined;
    try {
      stamp = stampOf(await fs.stat(absolute));
      bytes = await this.pool.read(absolute);
    } catch (error) {
      this.problems.push({ file: relative, reason: unreadableReason(error) });
      return undefined;
    }
    this.lastFingerprint = contentFingerprint(bytes);
    const text = bytes.toString('utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return this.setAside(relative, text.length === 0 ? 'it is empty' : `it is not valid JSON (${(error as Error).message})`);
    }
    const outcome = migrate(raw, this.migrations);
    if (outcome.kind === 'invalid') return this.setAside(relative, outcome.reason);
    if (outcome.kind === 'newer') {
      this.problems.push({ file: relative, reason: `it was written by a newer Casefolio (schema version ${outcome.version}); update Casefolio to open it` });
      return undefined;
    }
    const parsed = schema.safeParse(outcome.data);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return this.setAside(relative, `it does not match the expected format (${first.path.join('.') || 'file'}: ${first.message})`);
    }
    const mismatch = check?.(parsed.data);
    if (mismatch) return this.setAside(relative, mismatch);
    if (outcome.kind === 'migrated' && !this.readOnly) {
      const backup = `${absolute}.v${outcome.from}.bak`;
      if (!(await exists(backup))) await fs.copyFile(absolute, backup);
      const rewritten = new DurableJsonFile(absolute);
      await rewritten.write(parsed.data);
      this.lastFingerprint = rewritten.fingerprint;
      this.lastCanonicalStamp = stampOf(await fs.stat(absolute));
    } else if (outcome.kind === 'current' && text === canonicalText(parsed.data as CaseFile)) {
      this.lastCanonicalStamp = stamp;
    }
    return parsed.data;
  }

  private async setAside(relative: string, reason: string): Promise<undefined> {
    if (this.readOnly) {
      this.problems.push({ file: relative, reason });
      return undefined;
    }
    const stamp = this.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const movedTo = `${relative}.corrupt-${stamp}`;
    await fs.rename(path.join(this.dir, relative), path.join(this.dir, movedTo));
    await fsyncDirectory(path.dirname(path.join(this.dir, relative)));
    this.problems.push({ file: relative, reason, movedTo });
    return undefined;
  }
}

/** Validates the text of a current-version case file synchronously; the data, or why it is unusable. */
function validateCurrent(text: string, caseId: string): CaseFile | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'it is not valid JSON';
  }
  const outcome = migrate(raw, MIGRATIONS);
  if (outcome.kind !== 'current') return outcome.kind === 'invalid' ? outcome.reason : 'it needs migrating, which happens when the library is next opened';
  const parsed = CaseFile.safeParse(outcome.data);
  if (!parsed.success) return `it does not match the expected format (${parsed.error.issues[0].path.join('.') || 'file'}: ${parsed.error.issues[0].message})`;
  if (parsed.data.case.id !== caseId) return `the case id "${parsed.data.case.id}" does not match its folder`;
  return parsed.data;
}
