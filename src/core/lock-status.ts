/*
 * The lock as a window sees it (issue #12): a library locked by another program opens read-only instead
 * of not at all (openLibrary's `whenLocked: 'open-read-only'`), the window is told who holds the lock, and a
 * person can take it over knowingly (the hosts reopen with `breakLock`); the CLI has `unlock --force` instead.
 */
import type { LibraryLockInfo } from '../shared/api/types';
import { ApiError } from '../shared/errors';
import type { CaseLibrary } from './case-library';
import { lockedMessage, lockState } from './storage/lock';

/** Who keeps this library from writing, if anyone. */
export async function lockInfo(lib: CaseLibrary): Promise<LibraryLockInfo | undefined> {
  const state = await lockState(lib.dir);
  if (lib.read.readOnly) {
    if (state.kind !== 'held' || state.where === 'this-process') return undefined;
    return { state: 'held-elsewhere', holder: plain(state.holder), otherComputer: state.where === 'other-host', message: lockedMessage(state.holder) };
  }
  try {
    await lib.assertWriter();
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
