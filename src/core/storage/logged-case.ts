/*
 * Opening a case whose change log was not folded (the program was killed, or its disk failed): the log is
 * replayed onto case.json and, for a writer, folded at once (see change-log.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { CaseFile } from '../../shared/domain';
import type { CaseEntry } from './case-entry';
import { digestOf, stampOf } from './catalogue';
import { applyDelta, CHANGE_LOG, parseLog, restoreSidecars, unrestoredSidecars, type ParsedLog } from './change-log';
import { fsyncDirectory, type WriteOps } from './durable-write';
import type { FileLoader } from './file-loader';
import type { DurableJsonFile } from './json-adapter';
import { CASE_FILE, CASES_DIR, type LibraryProblem } from './layout';

export interface LoggedCaseOpening {
  loader: FileLoader;
  relative: string;
  folder: string;
  logFile: string;
  adapter: DurableJsonFile<CaseFile>;
  readOnly: boolean;
  writeOps: WriteOps;
  now: () => Date;
  problems: LibraryProblem[];
}

/**
 * Opens a case whose change log was not folded (the program was killed, or its disk failed): replays the
 * log onto case.json, reports damaged lines (never silently, and never at the cost of the lines after them),
 * validates the whole result, and, for a writer, folds it at once (a log with damaged lines is kept beside
 * as changes.jsonl.damaged-<time>, for whoever looks into it).
 */
export async function openLoggedCase(o: LoggedCaseOpening): Promise<CaseEntry | undefined> {
  const logText = await fs.readFile(o.logFile, 'utf8');
  const logRelative = path.join(CASES_DIR, o.folder, CHANGE_LOG);
  let parsed: ParsedLog = { deltas: [], damaged: [] };
  const file = await o.loader.load(
    o.relative,
    CaseFile,
    (data) => (data.case.id === o.folder ? undefined : `the case id "${data.case.id}" does not match its folder "${o.folder}"`),
    (raw) => {
      parsed = parseLog(logText, o.folder, typeof raw.schemaVersion === 'number' ? raw.schemaVersion : -1);
      for (const delta of parsed.deltas) applyDelta(raw, delta);
    },
  );
  if (!file) {
    o.problems.push({ file: logRelative, reason: 'its case file could not be used, so the saves it holds were not applied; it was left as it is' });
    return undefined;
  }
  const caseDir = path.dirname(o.logFile);
  let movedTo: string | undefined;
  if (!o.readOnly && parsed.damaged.length > 0) {
    movedTo = `${logRelative}.damaged-${o.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`;
  }
  for (const d of parsed.damaged) {
    o.problems.push({ file: logRelative, reason: `line ${d.line} of the change log could not be applied: ${d.reason}; it was skipped and the lines after it were applied`, ...(movedTo ? { movedTo } : {}) });
  }
  o.adapter.fingerprint = o.loader.lastFingerprint;
  const entry: CaseEntry = { relative: o.relative, adapter: o.adapter, db: new Low(o.adapter, file), digest: digestOf(file) };
  if (o.readOnly) {
    // Shown as saved, written nowhere; the journal's readers add the carried lines it lacks.
    entry.logBytes = Buffer.byteLength(logText) || 1;
    entry.logSum = parsed.lastSum ?? 'empty';
    entry.unrestored = await unrestoredSidecars(caseDir, parsed.deltas);
    return entry;
  }
  await restoreSidecars(caseDir, parsed.deltas, o.writeOps);
  await o.adapter.write(file);
  if (movedTo) await fs.rename(o.logFile, path.join(path.dirname(caseDir), '..', movedTo));
  else await o.writeOps.rm(o.logFile, { force: true });
  await fsyncDirectory(caseDir, o.writeOps);
  const stamp = stampOf(await fs.stat(path.join(caseDir, CASE_FILE)));
  return { ...entry, stamp, fileBytes: stamp.size };
}
