/*
 * `casefolio check --repair`, in the manner of Zotero's integrity check: back up first, repair what can be
 * repaired without guessing, report the rest.
 *   - a case file that cannot be used is replaced by its newest valid rolling backup (the damaged file stays
 *     set aside, and the report says which edits may be lost);
 *   - a missing or changed attachment is restored from another case folder holding the same content
 *     (files are named by their hash, so a copy that hashes right is the same evidence);
 *   - a tag in use but missing from the vocabulary is added to it.
 * Dangling references and damaged evidence with no good copy are reported, never "fixed" by deleting.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { JournalFileChange } from '../shared/api/types';
import { CaseFile } from '../shared/domain';
import type { CaseLibrary } from './case-library';
import { findProblems, hashFile, type Finding } from './check';
import { openLibrary, withLibrarySession, type LibrarySessionOptions } from './library-session';
import { ensureTagsDefined } from './services/shared';
import { writeFileOnce } from './storage/durable-write';
import { backupTime, CASES_DIR, LIBRARY_FILE } from './storage/library-store';

export interface RepairReport {
  backupDir: string;
  repaired: string[];
  remaining: Finding[];
}

const stamp = (d: Date) => d.toISOString().replace(/[-:.]/g, '');

/** Copies every file except attachments (which never change) into `<library>/.backups/repair-<time>/`. */
async function backUpLibrary(dir: string, now: Date): Promise<string> {
  const target = path.join(dir, '.backups', `repair-${stamp(now)}`);
  await fs.mkdir(target, { recursive: true });
  await fs.copyFile(path.join(dir, LIBRARY_FILE), path.join(target, LIBRARY_FILE)).catch(() => undefined);
  const cases = await fs.readdir(path.join(dir, CASES_DIR), { withFileTypes: true }).catch(() => []);
  for (const entry of cases.filter((e) => e.isDirectory())) {
    const from = path.join(dir, CASES_DIR, entry.name);
    const to = path.join(target, CASES_DIR, entry.name);
    await fs.mkdir(to, { recursive: true });
    for (const file of await fs.readdir(from, { withFileTypes: true })) {
      if (file.isFile()) await fs.copyFile(path.join(from, file.name), path.join(to, file.name));
    }
  }
  return target;
}

async function newestValidBackup(lib: CaseLibrary, caseId: string): Promise<{ file: CaseFile; path: string } | undefined> {
  for (const backup of await lib.read.listBackups(caseId)) {
    try {
      const parsed = CaseFile.safeParse(JSON.parse(await fs.readFile(backup, 'utf8')));
      if (parsed.success && parsed.data.case.id === caseId) return { file: parsed.data, path: backup };
    } catch {
      // an unreadable backup: try the next older one
    }
  }
  return undefined;
}

async function goodCopyElsewhere(lib: CaseLibrary, sha256: string, exceptCaseId: string): Promise<string | undefined> {
  for (const file of lib.read.caseFiles()) {
    if (file.case.id === exceptCaseId) continue;
    const candidate = path.join(lib.read.filesDir(file.case.id), sha256);
    if ((await hashFile(candidate)) === sha256) return candidate;
  }
  return undefined;
}

/** The attachments of a case stored as `sha256`, as the journal names them. */
function attachmentsStoredAs(lib: CaseLibrary, caseId: string, sha256: string): JournalFileChange[] {
  return (lib.read.caseFile(caseId)?.sources ?? []).flatMap((source) =>
    source.attachments.filter((a) => a.sha256 === sha256).map((a) => ({ op: 'restored' as const, sha256, fileName: a.fileName, sourceId: source.id, attachmentId: a.id })),
  );
}

/**
 * Backs the library up, then opens it through the one session every edge uses, so each repair is
 * journalled: case files restored from a backup and tags added to the vocabulary as changes (through
 * `mutate`), attachments restored from an identical copy as `restored` file entries.
 */
export async function repairLibrary(dir: string, options: LibrarySessionOptions = {}): Promise<RepairReport> {
  const now = (options.now ?? (() => new Date()))();
  // Before opening: opening sets damaged files aside, and the backup keeps them as they were found.
  const backupDir = await backUpLibrary(path.resolve(dir), now);
  return withLibrarySession(openLibrary(dir, { ...options, readOnly: false, warm: false }), async ({ lib, journal }) => {
    const repaired: string[] = [];
    // First bring back whole case files, then look again: a restored case has attachments of its own to check.
    for (const finding of (await findProblems(lib)).problems) {
      if (finding.kind !== 'unusable-file' || !finding.caseId || lib.read.caseFile(finding.caseId)) continue;
      const backup = await newestValidBackup(lib, finding.caseId);
      if (!backup) continue;
      await lib.mutate('Restore a case from its backup', (draft) => draft.addCase(backup.file), { undoable: false });
      repaired.push(`${finding.file}: restored from the backup taken ${new Date(backupTime(backup.path)).toISOString()}; edits made after that may be lost (the damaged file is kept)`);
    }
    const { problems } = await findProblems(lib);
    for (const finding of problems) {
      if ((finding.kind === 'missing-file' || finding.kind === 'changed-file') && finding.caseId && finding.sha256) {
        const source = await goodCopyElsewhere(lib, finding.sha256, finding.caseId);
        if (!source) continue;
        const target = path.join(lib.read.filesDir(finding.caseId), finding.sha256);
        if (finding.kind === 'changed-file') await fs.rename(target, `${target}.corrupt-${stamp(now)}`);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await writeFileOnce(target, await fs.readFile(source));
        await journal!.recordFileRepair(finding.caseId, 'Restore an attachment from an identical copy', attachmentsStoredAs(lib, finding.caseId, finding.sha256));
        repaired.push(`${finding.file}: restored from an identical copy in ${path.relative(lib.dir, path.dirname(path.dirname(source)))}${finding.kind === 'changed-file' ? ' (the changed file is kept beside it)' : ''}`);
      }
    }
    const undefinedTags = problems.filter((p) => p.kind === 'undefined-tag').map((p) => /“(.+)”/.exec(p.reason)![1]);
    if (undefinedTags.length) {
      await lib.mutate('Add missing tags to the vocabulary', (draft) => ensureTagsDefined(draft, undefinedTags), { undoable: false });
      repaired.push(`added ${undefinedTags.length} tag${undefinedTags.length === 1 ? '' : 's'} to the vocabulary: ${undefinedTags.join(', ')}`);
    }
    const after = await findProblems(lib);
    // Files set aside on this open were dealt with above; what is left is what still needs a person.
    const remaining = after.problems.filter((p) => !(p.kind === 'unusable-file' && p.caseId && lib.read.caseFile(p.caseId)));
    return { backupDir, repaired, remaining };
  });
}

