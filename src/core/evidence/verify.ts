/*
 * Verifying the evidence store: every stored file's SHA-256 recomputed and compared with the hash its
 * records state (and its own name: files are named by their hash). Reports
 *   missing   a file an attachment refers to is not in the case folder,
 *   changed   a stored file's content no longer matches its hash (a flipped byte is enough),
 *   orphaned  a file in a case's files/ folder that no attachment refers to and the journal cannot explain,
 * and, for information, files kept after being detached (the journal records the detach; they are kept
 * because undo, or another source, may need them) and changed copies set aside by `check --repair`. Read-only: it reports, it never repairs.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { VerifyFinding, VerifyReport } from '../../shared/api/types';
import { Sha256, type CaseFile } from '../../shared/domain';
import type { CaseLibrary } from '../case-library';
import { CASES_DIR, FILES_DIR } from '../storage/library-store';
import { isErrno, TEMP_SUFFIX } from '../storage/durable-write';
import { readCaseJournal } from './journal';

/** The SHA-256 of a file, streamed; undefined when the file does not exist. */
export async function hashFile(file: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'EISDIR')) return undefined;
    throw error;
  }
  return hash.digest('hex');
}

async function listFilesDir(dir: string): Promise<{ name: string; isFile: boolean }[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true })).map((e) => ({ name: e.name, isFile: e.isFile() })).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw error;
  }
}

/** Hashes of files the case's journal records as detached: kept on purpose, so not orphans. */
async function detachedInJournal(lib: CaseLibrary, caseId: string): Promise<Map<string, string>> {
  const { entries } = await readCaseJournal(lib, caseId);
  const detached = new Map<string, string>();
  for (const entry of entries) for (const f of entry.files) if (f.op === 'detached') detached.set(f.sha256, f.fileName);
  return detached;
}

export async function verifyCase(lib: CaseLibrary, file: CaseFile, report: VerifyReport): Promise<void> {
  const caseId = file.case.id;
  const relativeDir = path.join(CASES_DIR, caseId, FILES_DIR);
  const absoluteDir = path.join(lib.dir, relativeDir);
  const actual = new Map<string, string | undefined>();
  const hashOnce = async (sha: string) => {
    if (!actual.has(sha)) {
      actual.set(sha, await hashFile(path.join(absoluteDir, sha)));
      report.filesHashed++;
    }
    return actual.get(sha);
  };
  const referenced = new Set<string>();
  for (const source of file.sources) {
    for (const attachment of source.attachments) {
      report.attachmentsChecked++;
      referenced.add(attachment.sha256);
      const where = { caseId, caseTitle: file.case.title, file: path.join(relativeDir, attachment.sha256), sha256: attachment.sha256, fileName: attachment.fileName, sourceId: source.id, sourceTitle: source.title };
      const hash = await hashOnce(attachment.sha256);
      if (hash === undefined) {
        report.missing.push({ ...where, message: `the file “${attachment.fileName}” attached to “${source.title}” is missing` });
      } else if (hash !== attachment.sha256) {
        report.changed.push({ ...where, actualSha256: hash, message: `the file “${attachment.fileName}” attached to “${source.title}” has changed since it was added (its SHA-256 no longer matches)` });
      }
    }
  }
  const stray = (await listFilesDir(absoluteDir)).filter((e) => !referenced.has(e.name));
  if (stray.length === 0) return;
  const detached = await detachedInJournal(lib, caseId);
  for (const entry of stray) {
    const where = { caseId, caseTitle: file.case.title, file: path.join(relativeDir, entry.name) };
    if (!entry.isFile) {
      report.orphaned.push({ ...where, message: 'a folder inside the files folder, which holds only stored files' });
      continue;
    }
    if (/^[0-9a-f]{64}\.corrupt-\d{8}T\d+Z?$/.test(entry.name)) {
      report.setAside.push({ ...where, sha256: entry.name.slice(0, 64), message: 'a changed copy that `casefolio check --repair` set aside when it restored the file' });
      continue;
    }
    if (entry.name.endsWith(TEMP_SUFFIX)) {
      report.orphaned.push({ ...where, message: 'a temporary file left by an interrupted write' });
      continue;
    }
    if (!Sha256.safeParse(entry.name).success) {
      report.orphaned.push({ ...where, message: 'a file that is not named by its SHA-256, so Casefolio did not store it' });
      continue;
    }
    const hash = await hashOnce(entry.name);
    const fileName = detached.get(entry.name);
    if (hash !== entry.name) {
      const finding: VerifyFinding = { ...where, sha256: entry.name, actualSha256: hash, message: 'a stored file whose content no longer matches its name (SHA-256)' };
      if (fileName) report.changed.push({ ...finding, fileName, message: `the detached file “${fileName}” has changed since it was stored (its SHA-256 no longer matches)` });
      else report.orphaned.push(finding);
    } else if (fileName) {
      report.detached.push({ ...where, sha256: entry.name, fileName, message: `“${fileName}” was detached; the file is kept, as the journal records` });
    } else {
      report.orphaned.push({ ...where, sha256: entry.name, message: 'a stored file that no attachment refers to, and that the journal does not record' });
    }
  }
}

/** Recomputes every hash in the library. `ok` is false when anything is missing, changed, orphaned or unreadable. */
export async function verifyLibrary(lib: CaseLibrary): Promise<VerifyReport> {
  const report: VerifyReport = {
    dir: lib.dir,
    cases: 0,
    attachmentsChecked: 0,
    filesHashed: 0,
    missing: [],
    changed: [],
    orphaned: [],
    detached: [],
    setAside: [],
    unreadable: lib.read.problems.map((p) => ({ file: p.file, message: p.reason })),
    ok: true,
  };
  for (const file of lib.read.caseFiles()) {
    report.cases++;
    await verifyCase(lib, file, report);
  }
  report.ok = report.missing.length + report.changed.length + report.orphaned.length + report.unreadable.length === 0;
  return report;
}
