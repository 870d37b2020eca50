/*
 * The one way an edge (the window's main process, the loopback bridge, the CLI, the tests) opens a library.
 * Everything an open library needs is wired here, in one place and in this order:
 *   1. the store, which takes the writer's lock unless read-only (storage/library-store.ts, storage/lock.ts);
 *   2. the audit journal, attached before any change can be made, so every write path is journalled
 *      (evidence/journal.ts; a read-only session has no journal because it cannot change anything);
 *   3. the search index, loaded in the background when the session is `warm` (a window), or on the first
 *      search otherwise (a one-shot command);
 *   4. the handler table the contract is served from (handlers.ts).
 * `close()` undoes all of it, in reverse: pending changes finish, the index is saved, the lock released.
 *
 * The options object is meant to grow: add a field, not a parameter.
 */
import { createClient, type Api } from '../shared/api/client';
import { dispatch, type Handlers } from '../shared/api/dispatch';
import { CaseLibrary, type LibraryDeps } from './case-library';
import { ensureAuditJournal, type AuditJournal } from './evidence/journal';
import { createHandlers } from './handlers';
import { SearchService } from './search/search-service';
import { HEADLESS_SHELL, type Shell } from './shell';
import type { OpenLibraryOptions } from './storage/library-store';
import { breakLock } from './storage/lock';
import { isApiError } from '../shared/errors';

export type { CaseLibrary, LibraryDeps } from './case-library';

export interface LibrarySessionOptions extends OpenLibraryOptions, LibraryDeps {
  /**
   * A long-lived session (a window): read case files and load the search index in the background now,
   * so the first search does not wait. A one-shot command leaves it false and reads only what it needs.
   * Defaults to true.
   */
  warm?: boolean;
  /** What the host can do beyond the core (dialogs, opening files, rendering pages); headless by default. */
  shell?: Shell;
  /**
   * A window opens a library another program holds for writing read-only (and says so, offering to take it
   * over) rather than not at all; a command is refused with LIBRARY_LOCKED. Defaults to 'refuse'.
   */
  whenLocked?: 'refuse' | 'open-read-only';
  /** Break whatever lock is held first — the window's "Take over", after the person was told what it risks. */
  breakLock?: boolean;
}

export interface LibrarySession {
  readonly dir: string;
  /** The library itself, for core code that works on it directly (repair, reindex, the sample builder). */
  readonly lib: CaseLibrary;
  /** The contract's handlers, served by IPC or the bridge. */
  readonly handlers: Handlers;
  /** A typed client over `handlers`, for an edge that calls the contract in-process (the CLI, tests). */
  readonly api: Api;
  /** The audit journal every change is appended to; undefined when the session is read-only. */
  readonly journal: AuditJournal | undefined;
  readonly readOnly: boolean;
  /** The search index, started on first use (at once for a warm session). */
  readonly search: SearchService;
  /**
   * Folds every case's change log into its case.json, after the changes already queued: once it resolves,
   * the files on disk hold every acknowledged change (what git sync commits; what reads files directly sees).
   * READ_ONLY in a read-only session that finds saves a crashed writer left unfolded.
   */
  checkpoint(): Promise<void>;
  /** Finishes pending changes, saves the search index and releases the lock. Safe to call twice. */
  close(): Promise<void>;
}

function startSession(lib: CaseLibrary, options: LibrarySessionOptions): LibrarySession {
  const readOnly = lib.read.readOnly;
  const journal = readOnly ? undefined : ensureAuditJournal(lib);
  if (options.warm !== false) SearchService.for(lib, { warmUpSearch: true });
  const handlers = createHandlers(lib, options.shell ?? HEADLESS_SHELL);
  const api = createClient((name, payload, context) => dispatch(handlers, name, payload, context));
  let closing: Promise<void> | undefined;
  return {
    dir: lib.dir,
    lib,
    handlers,
    api,
    journal,
    readOnly,
    get search() {
      return SearchService.for(lib);
    },
    checkpoint: () => lib.checkpoint(),
    close: () => (closing ??= lib.close()),
  };
}

/** Opens an existing library (LIBRARY_NOT_FOUND if there is none; LIBRARY_LOCKED if another writer holds it). */
export async function openLibrary(dir: string, options: LibrarySessionOptions = {}): Promise<LibrarySession> {
  if (options.breakLock) await breakLock(dir);
  let lib: CaseLibrary;
  try {
    lib = await CaseLibrary.open(dir, options);
  } catch (error) {
    if (options.whenLocked !== 'open-read-only' || options.readOnly || !isApiError(error) || error.code !== 'LIBRARY_LOCKED') throw error;
    lib = await CaseLibrary.open(dir, { ...options, readOnly: true });
  }
  return startSession(lib, options);
}

/** Creates an empty library in `dir` (which must be empty or missing) and opens it. */
export async function createLibrary(dir: string, name: string, options: LibrarySessionOptions = {}): Promise<LibrarySession> {
  const lib = await CaseLibrary.create(dir, name, options);
  return startSession(lib, options);
}

/** Runs `work` on a session and closes it however `work` ends. */
export async function withLibrarySession<T>(open: Promise<LibrarySession>, work: (session: LibrarySession) => Promise<T>): Promise<T> {
  const session = await open;
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
