/*
 * A read-only health check of a library: every file parsed and validated (nothing is moved), every
 * attachment present with the hash its record states, every quotation and chronology reference pointing
 * at a source that exists. Used by `casefolio check`; it reports, it never repairs.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { LibraryProblem } from './storage/library-store';
import { CaseLibrary } from './case-library';
import { isErrno } from './storage/durable-write';

export interface CheckReport {
  dir: string;
  filesChecked: number;
  problems: LibraryProblem[];
}

async function hashFile(file: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  return hash.digest('hex');
}

export async function checkLibrary(dir: string): Promise<CheckReport> {
  // Every file read and validated: the catalogue's shortcut is for opening, not for checking.
  const lib = await CaseLibrary.open(dir, { readOnly: true, trustCatalogue: false, warm: false });
  try {
    const problems: LibraryProblem[] = [...lib.store.problems];
    let filesChecked = 1 + lib.store.caseFiles().length;
    for (const file of lib.store.caseFiles()) {
      const where = path.join('cases', file.case.id, 'case.json');
      const sourceIds = new Set(file.sources.map((s) => s.id));
      for (const note of file.notes) {
        for (const q of note.quotations) if (!sourceIds.has(q.sourceId)) problems.push({ file: where, reason: `note “${note.title}” quotes a source (${q.sourceId}) that is not in the case` });
      }
      for (const event of file.events) {
        for (const r of event.sources) if (!sourceIds.has(r.sourceId)) problems.push({ file: where, reason: `event “${event.title}” cites a source (${r.sourceId}) that is not in the case` });
      }
      for (const source of file.sources) {
        for (const attachment of source.attachments) {
          filesChecked++;
          const relative = path.join('cases', file.case.id, 'files', attachment.sha256);
          const actual = await hashFile(path.join(lib.dir, relative));
          if (actual === undefined) problems.push({ file: relative, reason: `the file “${attachment.fileName}” attached to “${source.title}” is missing` });
          else if (actual !== attachment.sha256) problems.push({ file: relative, reason: `the file “${attachment.fileName}” has changed since it was added (its SHA-256 no longer matches)` });
        }
      }
    }
    return { dir: lib.dir, filesChecked, problems };
  } finally {
    await lib.close();
  }
}
