/*
 * What this machine knows about its sync, in <library>/.local/ (never shared): the last run and its report,
 * the step a run reached (so a killed run is reported as such when the next one starts), and the open
 * conflicts.
 *
 * Conflicts are kept on the machine that met them, not committed: the person who synced has both versions
 * in front of them, the merged library already holds one of them (nothing is lost: the other is in the
 * conflict record and in the history), and a resolution is an ordinary change that syncs to everyone.
 * Committing them would make the conflict list itself something to merge, and two people could resolve
 * one conflict two ways.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SyncConflict, SyncReport } from '../../shared/sync';
import { writeFileDurably } from '../storage/durable-write';
import { localDir } from '../storage/local-identity';

export interface SyncState {
  lastSyncAt?: string;
  lastReport?: SyncReport;
  /** Set while a run is going (and left behind by a run that was killed). */
  inProgress?: { startedAt: string; step: string };
}

const STATE_FILE = 'sync-state.json';
const CONFLICTS_FILE = 'sync-conflicts.json';

async function readJson<T>(file: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

async function writeJson(libraryDir: string, name: string, value: unknown): Promise<void> {
  await mkdir(localDir(libraryDir), { recursive: true });
  await writeFileDurably(path.join(localDir(libraryDir), name), `${JSON.stringify(value, null, 2)}\n`);
}

export const readSyncState = (libraryDir: string) => readJson<SyncState>(path.join(localDir(libraryDir), STATE_FILE), {});
export const writeSyncState = (libraryDir: string, state: SyncState) => writeJson(libraryDir, STATE_FILE, state);

export const readConflicts = (libraryDir: string) => readJson<SyncConflict[]>(path.join(localDir(libraryDir), CONFLICTS_FILE), []);
export const writeConflicts = (libraryDir: string, conflicts: SyncConflict[]) => writeJson(libraryDir, CONFLICTS_FILE, conflicts);

/** Adds conflicts a run found; one found again (a re-run after an interruption) is not listed twice. */
export async function addConflicts(libraryDir: string, found: SyncConflict[]): Promise<SyncConflict[]> {
  const open = await readConflicts(libraryDir);
  const known = new Set(open.map((c) => c.id));
  const next = [...open, ...found.filter((c) => !known.has(c.id))];
  if (next.length !== open.length) await writeConflicts(libraryDir, next);
  return next;
}

/** Open conflicts in the given cases (a dossier export warns about them). */
export async function openConflictsIn(libraryDir: string, caseIds: string[]): Promise<SyncConflict[]> {
  const wanted = new Set(caseIds);
  return (await readConflicts(libraryDir)).filter((c) => c.caseId !== undefined && wanted.has(c.caseId));
}
