/*
 * The lock as a window sees it (issue #12): a library locked by another program opens read-only instead
 * of not at all, the window is told who holds the lock, and a person can take it over knowingly. Hosts
 * (the desktop app's LibraryHost, the bridge) open libraries through `openForWindow` and offer
 * `takeOverLibrary` as the Shell's takeOverLibrary; the CLI has `unlock --force` instead.
 */
import type { LibraryLockInfo } from '../shared/api/types';
import { ApiError, isApiError } from '../shared/errors';
import { CaseLibrary, type LibraryDeps } from './case-library';
import type { OpenLibraryOptions } from './storage/library-store';
import { breakLock, lockedMessage, lockState } from './storage/lock';

type OpenOptions = OpenLibraryOptions & LibraryDeps & { warm?: boolean };

/** Opens for writing; if another program holds the lock, opens read-only (the window then says so). */
export async function openForWindow(dir: string, options: OpenOptions = {}): Promise<CaseLibrary> {
  try {
    return await CaseLibrary.open(dir, options);
  } catch (error) {
    if (!isApiError(error) || error.code !== 'LIBRARY_LOCKED' || options.readOnly) throw error;
    return CaseLibrary.open(dir, { ...options, readOnly: true });
  }
}

/** Breaks whatever lock is held (the person was told what it risks) and opens the library for writing. */
export async function takeOverLibrary(dir: string, options: OpenOptions = {}): Promise<CaseLibrary> {
  await breakLock(dir);
  return CaseLibrary.open(dir, { ...options, readOnly: false });
}

/** Who keeps this library from writing, if anyone. */
export async function lockInfo(lib: CaseLibrary): Promise<LibraryLockInfo | undefined> {
  const state = await lockState(lib.dir);
  if (lib.store.readOnly) {
    if (state.kind !== 'held' || state.where === 'this-process') return undefined;
    return { state: 'held-elsewhere', holder: plain(state.holder), otherComputer: state.where === 'other-host', message: lockedMessage(state.holder) };
  }
  try {
    await lib.store.assertWriter();
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'LIBRARY_LOCKED') throw error;
    const holder = state.kind === 'held' ? state.holder : undefined;
    return { state: 'lost', holder: holder && plain(holder), otherComputer: state.kind === 'held' && state.where === 'other-host', message: error.message };
  }
}

function plain(holder: { pid: number; host: string; since: string }) {
  return { pid: holder.pid, host: holder.host, since: holder.since };
}
