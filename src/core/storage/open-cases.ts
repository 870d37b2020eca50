/*
 * Listing a library's cases at open: each case folder's case.json taken from the catalogue when it is
 * unchanged since it was validated, replayed with its change log when one is left, else read and validated.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { CaseFile, RecordId } from '../../shared/domain';
import type { CaseEntry } from './case-entry';
import { digestOf, sameStamp, stampOf, type CatalogueEntry, type FileStamp } from './catalogue';
import { CHANGE_LOG } from './change-log';
import { exists, isErrno, removeStaleTempFiles, type WriteOps } from './durable-write';
import type { FileLoader } from './file-loader';
import { DurableJsonFile } from './json-adapter';
import { CASE_FILE, CASES_DIR, missingCaseFileProblem, type LibraryProblem } from './layout';
import { openLoggedCase } from './logged-case';

export interface CaseListing {
  dir: string;
  catalogue: Map<string, CatalogueEntry>;
  loader: FileLoader;
  readOnly: boolean;
  writeOps: WriteOps;
  now: () => Date;
  problems: LibraryProblem[];
}

/** Every usable case of the library by id; `changed` when the catalogue no longer describes them. */
export async function loadCaseEntries(o: CaseListing): Promise<{ cases: Map<string, CaseEntry>; changed: boolean }> {
  const cases = new Map<string, CaseEntry>();
  let changed = false;
  const casesDir = path.join(o.dir, CASES_DIR);
  await fs.mkdir(casesDir, { recursive: true }).catch(() => undefined);
  const folders = (await fs.readdir(casesDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const slugs = new Map<string, string>();
  for (const folder of folders) {
    const relative = path.join(CASES_DIR, folder, CASE_FILE);
    if (!o.readOnly) await removeStaleTempFiles(path.join(casesDir, folder));
    if (!RecordId.safeParse(folder).success) {
      o.problems.push({ file: path.join(CASES_DIR, folder), reason: 'the folder name is not a case id; it was left alone' });
      continue;
    }
    let stamp: FileStamp;
    try {
      stamp = stampOf(await fs.stat(path.join(o.dir, relative)));
    } catch (error) {
      if (!isErrno(error, 'ENOENT', 'ENOTDIR')) throw error;
      o.problems.push(await missingCaseFileProblem(o.dir, folder));
      continue;
    }
    const adapter = new DurableJsonFile<CaseFile>(path.join(o.dir, relative), o.writeOps);
    const known = o.catalogue.get(folder);
    const logFile = path.join(casesDir, folder, CHANGE_LOG);
    let entry: CaseEntry;
    if (await exists(logFile)) {
      // Saves not folded yet: case.json alone is not the case, whatever the catalogue says.
      const replayed = await openLoggedCase({ loader: o.loader, relative, folder, logFile, adapter, readOnly: o.readOnly, writeOps: o.writeOps, now: o.now, problems: o.problems });
      if (!replayed) continue;
      entry = replayed;
      changed = true;
    } else if (known && sameStamp(known.stamp, stamp) && known.digest.case.id === folder) {
      adapter.fingerprint = known.sha256;
      entry = { relative, adapter, digest: known.digest, stamp: known.stamp, fileBytes: known.stamp.size, alias: known.fingerprint };
    } else {
      const file = await o.loader.load(relative, CaseFile, (data) =>
        data.case.id === folder ? undefined : `the case id "${data.case.id}" does not match its folder "${folder}"`,
      );
      if (!file) continue;
      adapter.fingerprint = o.loader.lastFingerprint;
      entry = { relative, adapter, db: new Low(adapter, file), digest: digestOf(file), stamp: o.loader.lastCanonicalStamp, fileBytes: stamp.size };
      changed = true;
    }
    const slug = entry.digest.case.slug;
    const clash = slugs.get(slug);
    if (clash) o.problems.push({ file: relative, reason: `its slug "${slug}" is also used by case ${clash}; use the case id instead` });
    else slugs.set(slug, folder);
    cases.set(folder, entry);
  }
  return { cases, changed };
}
