/*
 * The contract's sync calls on an open library: status, publishing (init), a run, the conflicts and their
 * resolution. The engine is in the files beside this one (run.ts, merge.ts, repo.ts); cloning a library onto
 * a new machine is in clone.ts, since it happens before there is a library to open.
 */
import { ApiError } from '../../shared/errors';
import type { ConflictPick, SyncConflict, SyncStatus } from '../../shared/sync';
import type { CaseLibrary } from '../case-library';
import { identityOf } from '../storage/local-identity';
import { lockState } from '../storage/lock';
import { BRANCH, displayUrl, fetchRemote, initRepository, isRepository, pushBranch, remoteUrl } from './repo';
import { commitLocalChanges, MAX_SYNC_FILE_BYTES, requireIdentity, runningSync, runSync, type SyncOptions } from './run';
import { readConflicts, readSyncState, writeConflicts } from './state';
import { applyResolution } from './resolve';

export { runSync as syncRun, type SyncOptions };

/**
 * A run marked as going but not running in this process is either running in another process (which holds
 * the writer's lock a sync needs) or was killed: only the second is reported as interrupted.
 */
async function syncingElsewhere(dir: string): Promise<boolean> {
  const lock = await lockState(dir);
  return lock.kind === 'busy' || (lock.kind === 'held' && lock.where !== 'this-process');
}

export async function syncStatus(lib: CaseLibrary): Promise<SyncStatus> {
  const url = (await isRepository(lib.dir)) ? await remoteUrl(lib.dir) : undefined;
  const state = await readSyncState(lib.dir);
  const running = runningSync(lib.dir);
  const interrupted = !running && state.inProgress && !(await syncingElsewhere(lib.dir)) ? state.inProgress : undefined;
  return {
    configured: Boolean(url),
    ...(url ? { remote: displayUrl(url), branch: BRANCH } : {}),
    ...(state.lastSyncAt ? { lastSyncAt: state.lastSyncAt } : {}),
    ...(state.lastReport ? { lastReport: state.lastReport } : {}),
    ...(running ? { running: { ...running } } : {}),
    ...(interrupted ? { interrupted: { startedAt: interrupted.startedAt, step: interrupted.step } } : {}),
    openConflicts: (await readConflicts(lib.dir)).length,
    identity: identityOf(lib),
  };
}

/**
 * Publishes this library to an empty repository: makes the folder a git working tree, commits it and
 * pushes. A repository that already holds a library is refused (clone it instead: two unrelated
 * libraries are not merged). Unreachable: the library is set up to sync and the next sync publishes it.
 */
export async function syncInit(lib: CaseLibrary, remote: string, options: SyncOptions = {}): Promise<SyncStatus> {
  await lib.assertWriter();
  const author = await requireIdentity(lib);
  const current = (await isRepository(lib.dir)) ? await remoteUrl(lib.dir) : undefined;
  if (current && current !== remote) throw new ApiError('CONFLICT', `This library is already shared through ${displayUrl(current)}.`);
  await initRepository(lib.dir, remote);
  await commitLocalChanges(lib, author, options.maxFileBytes ?? MAX_SYNC_FILE_BYTES);
  const existing = await fetchRemote(lib.dir, remote, options.credentials);
  if (existing) {
    throw new ApiError('CONFLICT', `${displayUrl(remote)} already holds a library. To work on it, clone it into a new folder: casefolio sync clone ${displayUrl(remote)} <folder>.`);
  }
  if (!(await pushBranch(lib.dir, remote, options.credentials))) throw new ApiError('CONFLICT', `${displayUrl(remote)} changed while publishing; run casefolio sync.`);
  return syncStatus(lib);
}

export async function syncConflicts(lib: CaseLibrary): Promise<SyncConflict[]> {
  return readConflicts(lib.dir);
}

export async function syncResolve(lib: CaseLibrary, conflictId: string, pick: ConflictPick, value?: unknown): Promise<SyncConflict[]> {
  const open = await readConflicts(lib.dir);
  const conflict = open.find((c) => c.id === conflictId);
  if (!conflict) throw new ApiError('NOT_FOUND', `No open sync conflict ${conflictId}; list them with casefolio sync conflicts.`);
  if (pick === 'value' && value === undefined) throw new ApiError('INVALID_INPUT', 'Give the value to keep (or pick ours or theirs).');
  const chosen = pick === 'ours' ? conflict.ours : pick === 'theirs' ? conflict.theirs : value;
  await applyResolution(lib, conflict, chosen);
  const rest = (await readConflicts(lib.dir)).filter((c) => c.id !== conflictId);
  await writeConflicts(lib.dir, rest);
  return rest;
}
