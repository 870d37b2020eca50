/*
 * The window's view of the library's sync: its status (fetched on demand, polled while a run is going,
 * whichever window of this library started it), the last run's outcome or failure, and the open conflicts. One small store shared by the header's button, the panel and the conflicts view.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { ErrorCode } from '../../../../shared/errors';
import { ApiError } from '../../../../shared/errors';
import type { SyncConflict, SyncProgress, SyncReport, SyncStatus } from '../../../../shared/sync';
import { api, callWithProgress } from '../../api';
import { refresh } from '../../app/store';

/** How often the status is asked for while a run is going: often enough for a progress bar to move. */
const POLL_MS = 400;

export interface SyncFailure {
  code: ErrorCode;
  message: string;
}

export interface SyncState {
  status?: SyncStatus;
  /** Progress of the run going now, from its own reports or from sync:status. */
  progress?: SyncProgress;
  busy: boolean;
  /** The last run this window made (a held-back one included). */
  report?: SyncReport;
  failure?: SyncFailure;
  conflicts: SyncConflict[];
}

let state: SyncState = { busy: false, conflicts: [] };
const listeners = new Set<() => void>();

function set(patch: Partial<SyncState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function useSyncState<T>(select: (s: SyncState) => T): T {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => select(state),
  );
}

const failureOf = (error: unknown): SyncFailure =>
  error instanceof ApiError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };

/** Fetches the status (and the conflicts, when any are open); a library that cannot answer keeps the last. */
export async function loadSyncStatus(): Promise<SyncStatus | undefined> {
  try {
    const status = await api['sync:status']({});
    set({ status, progress: state.busy ? (state.progress ?? status.running) : status.running });
    if (status.openConflicts > 0 || state.conflicts.length > 0) await loadConflicts();
    return status;
  } catch {
    return state.status;
  }
}

export async function loadConflicts(): Promise<void> {
  try {
    set({ conflicts: await api['sync:conflicts']({}) });
  } catch (error) {
    set({ failure: failureOf(error) });
  }
}

/** Runs a sync (or publishes with `init`), showing its progress; the window reloads what came in. */
export async function runSync(options: { confirmDeletions?: boolean } = {}): Promise<SyncReport | undefined> {
  if (state.busy) return undefined;
  set({ busy: true, failure: undefined, progress: { step: 'Starting', done: 0, total: 0 } });
  const poll = setInterval(() => void pollRunning(), POLL_MS);
  try {
    const report = await callWithProgress('sync:run', options, (p) => set({ progress: { step: p.phase, done: p.done, total: p.total } }));
    set({ report });
    return report;
  } catch (error) {
    set({ failure: failureOf(error) });
    return undefined;
  } finally {
    clearInterval(poll);
    // Reloaded before the run is shown as over, so the panel never shows a new outcome beside an old status.
    await Promise.all([loadSyncStatus(), refresh()]);
    set({ busy: false, progress: undefined });
  }
}

async function pollRunning(): Promise<void> {
  try {
    const status = await api['sync:status']({});
    if (status.running && state.busy) set({ progress: status.running });
  } catch {
    // the run's own answer reports any failure
  }
}

export async function publish(remote: string): Promise<boolean> {
  if (state.busy) return false;
  set({ busy: true, failure: undefined, progress: { step: 'Publishing the library', done: 0, total: 0 } });
  try {
    await api['sync:init']({ remote });
    return true;
  } catch (error) {
    set({ failure: failureOf(error) });
    return false;
  } finally {
    await Promise.all([loadSyncStatus(), refresh()]);
    set({ busy: false, progress: undefined });
  }
}

export async function resolveConflict(conflictId: string, pick: 'ours' | 'theirs' | 'value', value?: unknown): Promise<SyncFailure | undefined> {
  try {
    set({ conflicts: await api['sync:resolve']({ conflictId, pick, ...(pick === 'value' ? { value } : {}) }) });
    await Promise.all([loadSyncStatus(), refresh()]);
    return undefined;
  } catch (error) {
    return failureOf(error);
  }
}

export function clearFailure(): void {
  set({ failure: undefined });
}

/**
 * Keeps the status fresh while `active` (the app open): once at start, and every POLL_MS while a run this
 * window did not start is going (another browser tab on the same bridge), so the badge and spinner follow it.
 */
export function useSyncStatusWatch(active: boolean): void {
  const running = useSyncState((s) => Boolean(s.status?.running) && !s.busy);
  const reload = useCallback(() => void loadSyncStatus(), []);
  useEffect(() => {
    if (active) reload();
  }, [active, reload]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [running, reload]);
}
