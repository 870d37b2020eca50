/*
 * An open library and the one way to change it. Every change goes through `mutate`, which:
 *   - serialises changes to the library (one at a time, so two saves never race on a file),
 *   - hands the change drafts (copied on write, record by record), so a change that throws leaves nothing half-applied,
 *   - validates every touched file against the schema before anything is written,
 *   - writes each touched file durably, and records the previous versions so the change can be undone.
 * Services receive the clock and the id source from here, so tests can fix both.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import {
  CaseFile as CaseFileSchema,
  CaseRecord as CaseRecordSchema,
  EventRecord as EventRecordSchema,
  LibraryFile as LibraryFileSchema,
  NoteRecord as NoteRecordSchema,
  SourceRecord as SourceRecordSchema,
  CURRENT_SCHEMA_VERSION,
  type CaseFile,
  type LibraryFile,
} from '../shared/domain';
import { ApiError } from '../shared/errors';
import { sameData } from './same-data';
import { ChangeQueue } from './storage/change-queue';
import { draftOf, finishDraft, plainResult } from './storage/copy-on-write';
import { readerOf, type LibraryReader } from './storage/library-reader';
import { noteDerivedList, replacedPositions } from './storage/record-diff';
import { LibraryStore, validatedForWrite, type OpenLibraryOptions } from './storage/library-store';

export interface LibraryDeps {
  now?: () => Date;
  newId?: (prefix: string) => string;
}

export interface Draft {
  /** A writable copy of a case; changes are saved when the mutation returns. */
  case(caseId: string): CaseFile;
  /** Adds a new case file to be written. */
  addCase(file: CaseFile): void;
  /** Marks a case for permanent removal from disk (emptying the trash); it cannot be undone. */
  purgeCase(caseId: string): void;
  /**
   * Makes this change an erasure (a data-protection request): once it is saved, `files` (stored files
   * nothing refers to any more) are deleted, and so are the copies that would bring the erased data
   * back: the undo history and the touched cases' rolling backups. Observers are told it was an erasure.
   */
  erase(files: string[]): void;
  /** A writable copy of library.json. */
  library(): LibraryFile;
  /** library.json as this change sees it, for reading only. */
  peekLibrary(): Readonly<LibraryFile>;
  /**
   * Says `record` is known valid under its stored schema (made by its schema's parse or a stricter one, or from
   * a validated record and a patch the contract parsed) and is placed in this draft as it is, unchanged from
   * here on: saving the change then does not validate it again.
   */
  parsed<T extends object>(record: T): T;
  readonly now: string;
}

interface UndoEntry {
  label: string;
  /** Each touched case as it was before; undefined where the change created it. */
  cases: Map<string, CaseFile | undefined>;
  library?: LibraryFile;
}

const UNDO_DEPTH = 100;

/** What one saved change did, for observers such as the search index and the audit journal. */
export interface LibraryChange {
  label: string;
  at: string;
  /** Each touched case before and after; before is undefined for a new case, after for a purged one. */
  cases: { caseId: string; before?: CaseFile; after?: CaseFile }[];
  libraryChanged: boolean;
  /** True when this change is an undo of an earlier one. */
  undo: boolean;
  /** True when this change erased data for good (Draft.erase): observers record it without the content. */
  erasure?: boolean;
  /**
   * The cases whose save carried the line a `carryWithSaves` source gave for it (in the case's change log):
   * that line is restored from the log after a crash, so the observer writing it need not fsync it.
   */
  carried?: ReadonlySet<string>;
  /**
   * 'sync' when the change brought in what others made (core/sync): their journal lines arrive with it,
   * so the audit journal records nothing of its own (a line per sync would make every sync a new change).
   */
  origin?: 'sync';
}

export type ChangeListener = (change: LibraryChange) => void | Promise<void>;

/** Lines to carry with a change's saves, per case id: the audit journal's entry for each touched case. */
export type CarriedLines = (change: LibraryChange) => Map<string, { file: string; line: string }>;

/**
 * Validates a changed case exactly as CaseFile.parse would, re-validating only the records that differ
 * from the previous version (which was validated when it was stored): a record equal to its previous
 * version would parse to an equal object, so the previous object is kept. Any failure is re-raised by the
 * full parse, so errors read exactly as before.
 *
 * Sharing unchanged records is safe because stored versions are never changed in place (changes are made
 * on drafts), and it means the undo history holds only what each change replaced, not a copy of a
 * 200-record case per edit, and observers can tell an unchanged record by identity.
 */
function validateChange(before: CaseFile | undefined, draft: CaseFile, parsed: ReadonlySet<object> = new Set()): CaseFile {
  if (!before || draft.schemaVersion !== before.schemaVersion || !Array.isArray(draft.sources) || !Array.isArray(draft.notes) || !Array.isArray(draft.events)) {
    return CaseFileSchema.parse(draft);
  }
  try {
    const keep = <T extends { id: string }>(schema: { parse(value: unknown): T }, old: T[], now: T[]): T[] => {
      if (now === old) return old; // a collection the change never reached
      // Records in place are matched by position; a map by id is built only if records moved.
      let byId: Map<string, T> | undefined;
      const settle = (r: T, i: number): T => {
        if (r === old[i] || parsed.has(r)) return r;
        const previous = old[i]?.id === r?.id ? old[i] : (byId ??= new Map(old.map((o) => [o.id, o]))).get(r?.id);
        return previous && sameData(previous, r) ? previous : schema.parse(r);
      };
      // A draft that replaced a few records of the stored list says which: only those are looked at.
      const at = replacedPositions(old, now);
      if (!at) return now.map(settle);
      // Copied only when a record is settled to another object (an equal previous one): usually the list is
      // kept as the draft made it, noted as derived from the stored one.
      let result: T[] | undefined;
      for (const i of at) {
        const settled = settle(now[i], i);
        if (settled !== now[i]) (result ??= now.slice())[i] = settled;
      }
      if (!result) return now;
      noteDerivedList(result, old, at);
      return result;
    };
    return {
      schemaVersion: before.schemaVersion,
      case: parsed.has(draft.case) ? draft.case : sameData(before.case, draft.case) ? before.case : CaseRecordSchema.parse(draft.case),
      sources: keep(SourceRecordSchema, before.sources, draft.sources),
      notes: keep(NoteRecordSchema, before.notes, draft.notes),
      events: keep(EventRecordSchema, before.events, draft.events),
    };
  } catch {
    return CaseFileSchema.parse(draft); // throws, with the paths a full parse reports
  }
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

export class CaseLibrary {
  readonly now: () => Date;
  readonly newId: (prefix: string) => string;
  private readonly changes = new ChangeQueue();
  private readonly undoStack: UndoEntry[] = [];
  private readonly listeners = new Set<ChangeListener>();
  private readonly ackListeners = new Set<ChangeListener>();
  private readonly closeListeners = new Set<() => Promise<void>>();
  private readonly carriers = new Set<CarriedLines>();

  /** Throws LIBRARY_LOCKED or READ_ONLY unless this program may write the library now (its lock is still its own). */
  assertWriter(): Promise<void> {
    return this.store.assertWriter();
  }

  /** The typed read side; writes go through `mutate` only (the store itself stays private to this class). */
  readonly read: LibraryReader;

  private constructor(
    private readonly store: LibraryStore,
    deps: LibraryDeps,
  ) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomId;
    this.read = readerOf(store);
  }

  /**
   * Opens a library. Case files unchanged since they were last validated are read in the background
   * after opening (`warm: false` leaves them to be read when first needed, as a one-shot command wants).
   */
  static async open(dir: string, options: OpenLibraryOptions & LibraryDeps & { warm?: boolean } = {}): Promise<CaseLibrary> {
    const store = await LibraryStore.open(dir, options);
    if (options.warm !== false) void store.warm();
    return new CaseLibrary(store, options);
  }

  static async create(dir: string, name: string, deps: OpenLibraryOptions & LibraryDeps = {}): Promise<CaseLibrary> {
    const now = (deps.now ?? (() => new Date()))();
    const newId = deps.newId ?? randomId;
    const store = await LibraryStore.create(dir, {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      id: newId('lib'),
      name,
      createdAt: now.toISOString(),
      settings: {},
      tags: [],
      savedSearches: [],
      people: [],
    }, deps);
    return new CaseLibrary(store, deps);
  }

  get dir(): string {
    return this.store.dir;
  }

  close(): Promise<void> {
    return this.changes.run(async () => {
      // Change logs folded first, so what observers save on close (the search index) names the files as they stay.
      if (!this.store.readOnly) await this.store.checkpoint().catch(() => undefined);
      // Observers holding derived data (the search index) save it while the library is still theirs.
      for (const listener of [...this.closeListeners]) await listener().catch(() => undefined);
      this.closeListeners.clear();
      await this.store.close();
    });
  }

  /**
   * Folds every case's change log into its case.json, after the changes queued before it: once it
   * resolves, the files on disk hold every acknowledged change (git sync, backups and packages read them).
   */
  checkpoint(): Promise<void> {
    return this.changes.run(() => this.store.checkpoint());
  }

  /**
   * Lets an observer (the audit journal) have a line carried by each save's change-log line, so a crash after
   * the save cannot lose it; `LibraryChange.carried` then says which cases' lines were carried.
   */
  carryWithSaves(source: CarriedLines): () => void {
    this.carriers.add(source);
    return () => this.carriers.delete(source);
  }

  private carriedLines(change: LibraryChange): Map<string, { file: string; line: string }> {
    const lines = new Map<string, { file: string; line: string }>();
    for (const source of this.carriers) for (const [caseId, line] of source(change)) if (!lines.has(caseId)) lines.set(caseId, line);
    return lines;
  }

  /** Calls `listener` once when the library closes, after the last change. Returns an unsubscribe. */
  onClose(listener: () => Promise<void>): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /**
   * Calls `listener` after every saved change, in order, inside the change's turn of the queue, so an
   * observer (the search index, the audit journal) is never behind a later change. Returns an unsubscribe.
   */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` after every saved change once it has been acknowledged, still before the next change
   * starts (see storage/change-queue.ts): for work the change's durability does not need, such as writing
   * a journal line its change log already carries. Readers of what it writes wait for `settled()`.
   */
  onAcknowledged(listener: ChangeListener): () => void {
    this.ackListeners.add(listener);
    return () => this.ackListeners.delete(listener);
  }

  /** Resolves once the work following every acknowledged change (onAcknowledged, folds of large logs) is done. */
  settled(): Promise<void> {
    return this.changes.settled();
  }

  /** Tells the observers of a saved change: those in its turn now, the rest once it is acknowledged. */
  private async notify(change: LibraryChange): Promise<void> {
    for (const listener of this.listeners) await listener(change);
    const saved = change.cases.filter((c) => c.after).map((c) => c.caseId);
    this.changes.afterAck(async () => {
      for (const listener of this.ackListeners) await Promise.resolve(listener(change)).catch(() => undefined);
      if (this.store.readOnly) return;
      // The rolling backup of a version a save replaced, before the next change (an erasure deletes it then).
      await this.store.keepDueBackups();
      // After the journal's lines are in their files, so the fold finds them there and restores none twice.
      await this.store.foldLargeLogs(saved).catch(() => undefined);
    });
  }

  /** Finds a case by id or slug, in the trash or not. */
  findCase(key: string): CaseFile | undefined {
    if (this.store.caseDigest(key)) return this.store.caseFile(key);
    const bySlug = this.store.caseIdBySlug(key);
    return bySlug === undefined ? undefined : this.store.caseFile(bySlug);
  }

  requireCase(key: string, options: { includeDeleted?: boolean } = {}): CaseFile {
    const file = this.findCase(key);
    if (!file || (file.case.deletedAt && !options.includeDeleted)) {
      throw new ApiError('NOT_FOUND', `No case "${key}" in this library. List the cases to see their slugs and ids.`);
    }
    return file;
  }

  mutate<R>(label: string | ((result: R) => string), change: (draft: Draft) => R | Promise<R>, options: { undoable?: boolean; origin?: 'sync' } = {}): Promise<R> {
    return this.changes.run(() => this.apply(label, change, options.undoable ?? true, options.origin));
  }

  async undo(): Promise<string> {
    return this.changes.run(async () => {
      await this.store.assertWriter();
      const entry = this.undoStack.pop();
      if (!entry) throw new ApiError('NOTHING_TO_UNDO', 'There is nothing to undo.');
      const cases: LibraryChange['cases'] = [];
      for (const [caseId, before] of entry.cases) {
        const current = this.store.caseFile(caseId);
        if (before) await this.store.writeCase(before);
        else await this.store.purgeCase(caseId);
        cases.push({ caseId, before: current, after: before });
      }
      if (entry.library) await this.store.writeLibrary(entry.library);
      await this.notify({ label: entry.label, at: this.now().toISOString(), cases, libraryChanged: Boolean(entry.library), undo: true });
      return entry.label;
    });
  }

  /** After a failed multi-file change, puts back the files already written (best effort; the error is what the caller sees). */
  private async rollBack(written: LibraryChange['cases']): Promise<void> {
    for (const { caseId, before } of written.reverse()) {
      try {
        if (before) await this.store.writeCase(before);
        else await this.store.purgeCase(caseId);
      } catch {
        // The disk refuses writes; each file is still whole (old or new), and the caller is told the change failed.
      }
    }
  }

  /**
   * Runs `work` in the change queue, between changes, after every acknowledged change is on disk: sync
   * reads and commits the files knowing no save is half done.
   */
  exclusive<R>(work: () => Promise<R>): Promise<R> {
    return this.changes.run(async () => {
      await this.store.checkpoint();
      return work();
    });
  }

  private async apply<R>(label: string | ((result: R) => string), change: (draft: Draft) => R | Promise<R>, undoable: boolean, origin?: 'sync'): Promise<R> {
    // A read-only or superseded writer is told before its change runs (without yielding when a stat settles it).
    if (!this.store.writerNow()) await this.store.assertWriter();
    const touched = new Map<string, CaseFile>();
    const created = new Set<string>();
    const purged = new Set<string>();
    let erasedFiles: string[] | undefined;
    let library: LibraryFile | undefined;
    const parsed = new Set<object>();
    const draft: Draft = {
      now: this.now().toISOString(),
      case: (caseId) => {
        let file = touched.get(caseId);
        if (!file) {
          const current = this.store.caseFile(caseId);
          if (!current) throw new ApiError('NOT_FOUND', `No case with id ${caseId}.`);
          file = draftOf(current);
          touched.set(caseId, file);
        }
        return file;
      },
      addCase: (file) => {
        if (this.store.caseFile(file.case.id) || touched.has(file.case.id)) throw new ApiError('CONFLICT', `A case with id ${file.case.id} already exists.`);
        touched.set(file.case.id, file);
        created.add(file.case.id);
      },
      purgeCase: (caseId) => {
        purged.add(caseId);
      },
      erase: (files) => {
        erasedFiles = [...(erasedFiles ?? []), ...files];
      },
      library: () => (library ??= structuredClone(this.store.library)),
      peekLibrary: () => library ?? this.store.library,
      parsed: (record) => {
        parsed.add(record);
        return record;
      },
    };
    const result = plainResult(await change(draft));
    for (const file of touched.values()) finishDraft(file);
    // Validate everything before writing anything, so an invalid change writes nothing at all.
    for (const [caseId, file] of touched) {
      if (!purged.has(caseId)) touched.set(caseId, validatedForWrite(validateChange(created.has(caseId) ? undefined : this.store.caseFile(caseId), file, parsed)));
    }
    if (library) library = LibraryFileSchema.parse(library);
    const entry: UndoEntry = { label: typeof label === 'function' ? label(result) : label, cases: new Map() };
    const changed: LibraryChange['cases'] = [];
    // The change as observers will be told it, known before writing so the journal's lines ride with the saves.
    const planned: LibraryChange = {
      label: entry.label,
      at: draft.now,
      cases: [
        ...[...touched].filter(([caseId]) => !purged.has(caseId)).map(([caseId, after]) => ({ caseId, before: created.has(caseId) ? undefined : this.store.caseFile(caseId), after })),
        ...[...purged].map((caseId) => ({ caseId, before: this.store.caseFile(caseId) })),
      ],
      libraryChanged: Boolean(library),
      undo: false,
      ...(erasedFiles ? { erasure: true } : {}),
      ...(origin ? { origin } : {}),
    };
    const lines = erasedFiles ? new Map() : this.carriedLines(planned);
    const carried = new Set<string>();
    try {
      for (const [caseId, file] of touched) {
        if (purged.has(caseId)) continue;
        const before = created.has(caseId) ? undefined : this.store.caseFile(caseId);
        entry.cases.set(caseId, before);
        if (await this.store.writeCase(file, lines.get(caseId))) carried.add(caseId);
        changed.push({ caseId, before, after: this.store.caseFile(caseId) });
      }
      if (library) {
        entry.library = this.store.library;
        await this.store.writeLibrary(library);
      }
    } catch (error) {
      await this.rollBack(changed);
      throw error;
    }
    for (const caseId of purged) {
      changed.push({ caseId, before: this.store.caseFile(caseId) });
      await this.store.purgeCase(caseId);
    }
    if (erasedFiles) {
      // The change logs hold earlier versions of the erased records: folded away, like the backups.
      for (const caseId of touched.keys()) if (!purged.has(caseId)) await this.store.checkpointCase(caseId);
      for (const caseId of new Set([...touched.keys(), ...purged])) await this.store.forgetBackups(caseId);
      for (const file of erasedFiles) await rm(file, { force: true });
    }
    if (undoable && purged.size === 0 && !erasedFiles) {
      this.undoStack.push(entry);
      if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
    } else if (purged.size > 0 || erasedFiles) {
      // History that refers to purged cases cannot be replayed, and after an erasure it must not be.
      this.undoStack.length = 0;
    }
    await this.notify(Object.assign(planned, { cases: changed, ...(carried.size ? { carried } : {}) }));
    return result;
  }
}
