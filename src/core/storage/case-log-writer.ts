/*
 * The store's two writes of a case's change log (change-log.ts): appending one save (its only fsync), and
 * folding the log into case.json. Both work on the store's entry for the case, which they keep up to date.
 */
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import type { CaseEntry } from './case-entry';
import { stampOf, type FileStamp } from './catalogue';
import { appendLogLine, CHANGE_LOG, closeLog, encodeLine, loggedFingerprint, logSize, parseLog, restoreSidecars, type CaseDelta, type Sidecar } from './change-log';
import { fsyncDirectory, type WriteOps } from './durable-write';

/** Appends one save to the case's log, carrying `sidecar` (the journal's line) with it. */
export async function appendSave(libraryDir: string, entry: CaseEntry, delta: CaseDelta, sidecar: Omit<Sidecar, 'since'> | undefined, writeOps: WriteOps): Promise<void> {
  const caseDir = path.join(libraryDir, path.dirname(entry.relative));
  const logFile = path.join(caseDir, CHANGE_LOG);
  const size = entry.logBytes ?? 0;
  if (size === 0) entry.sidecarSince = new Map();
  if (sidecar) {
    let since = entry.sidecarSince!.get(sidecar.file);
    if (since === undefined) {
      since = await logSize(path.join(caseDir, sidecar.file));
      entry.sidecarSince!.set(sidecar.file, since);
    }
    delta.sidecar = { ...sidecar, since };
  }
  const line = encodeLine(delta);
  await appendLogLine(logFile, line, size, writeOps, (entry.log ??= {}));
  entry.logBytes = size + Buffer.byteLength(line);
  entry.logSum = line.slice(0, 64);
}

/**
 * Folds a case's change log into case.json: the carried journal lines made durable (restored where
 * missing), case.json rewritten atomically from what is in memory, then the log removed. Killed at any
 * step, the next open replays the log onto whichever case.json is there and gets the same case.
 * Returns false when the case was not in memory (nothing to fold).
 */
export async function foldLog(libraryDir: string, entry: CaseEntry, writeOps: WriteOps): Promise<boolean> {
  const file = entry.db?.data;
  if (!file) return false;
  const alias = entry.logSum ? loggedFingerprint(entry.adapter.fingerprint, entry.logSum) : entry.alias;
  const caseDir = path.join(libraryDir, path.dirname(entry.relative));
  const logFile = path.join(caseDir, CHANGE_LOG);
  if (entry.log) await closeLog(entry.log);
  const text = await fs.readFile(logFile, 'utf8').catch(() => '');
  await restoreSidecars(caseDir, parseLog(text, file.case.id, file.schemaVersion).deltas, writeOps);
  await entry.adapter.write(file);
  await writeOps.rm(logFile, { force: true });
  await fsyncDirectory(caseDir, writeOps);
  let stamp: FileStamp | undefined;
  try {
    stamp = stampOf(statSync(path.join(libraryDir, entry.relative)));
  } catch {
    stamp = undefined;
  }
  Object.assign(entry, { stamp, fileBytes: stamp?.size, logBytes: 0, logSum: undefined, sidecarSince: undefined, alias });
  return true;
}
