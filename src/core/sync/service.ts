/*
 * The contract's sync calls on an open library. The engine (git through isomorphic-git, our own merge)
 * is in the files beside this one; this file only connects them to a library and a host's credentials.
 */
import type { CallProgress } from '../../shared/api/types';
import { ApiError } from '../../shared/errors';
import type { ConflictPick, CredentialSource, SyncConflict, SyncReport, SyncStatus } from '../../shared/sync';
import type { CaseLibrary } from '../case-library';
import { identityOf } from '../storage/local-identity';

export interface SyncOptions {
  credentials?: CredentialSource;
  progress?: (progress: CallProgress) => void;
}

const notYet = () => new ApiError('UNSUPPORTED', 'Sync is not built yet in this version.');

export async function syncStatus(lib: CaseLibrary): Promise<SyncStatus> {
  return { configured: false, openConflicts: 0, identity: identityOf(lib) };
}

export async function syncInit(_lib: CaseLibrary, _remote: string, _options: SyncOptions = {}): Promise<SyncStatus> {
  throw notYet();
}

export async function syncRun(_lib: CaseLibrary, _confirmDeletions: boolean, _options: SyncOptions = {}): Promise<SyncReport> {
  throw notYet();
}

export async function syncConflicts(_lib: CaseLibrary): Promise<SyncConflict[]> {
  return [];
}

export async function syncResolve(_lib: CaseLibrary, _conflictId: string, _pick: ConflictPick, _value?: unknown): Promise<SyncConflict[]> {
  throw notYet();
}
