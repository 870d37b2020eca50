/*
 * A read-only health check of a library: every file parsed and validated (nothing is moved), every
 * attachment present with the hash its record states and no unexplained files beside them (the evidence
 * verification of evidence/verify.ts), every quotation and chronology reference pointing at a source that
 * exists. Used by `casefolio check`; it reports, it never repairs.
 */
import path from 'node:path';
import type { LibraryProblem } from './storage/library-store';
import { CaseLibrary } from './case-library';
import { verifyLibrary } from './evidence/verify';

export interface CheckReport {
  dir: string;
  filesChecked: number;
  problems: LibraryProblem[];
}

export async function checkLibrary(dir: string): Promise<CheckReport> {
  const lib = await CaseLibrary.open(dir, { readOnly: true });
  try {
    const problems: LibraryProblem[] = [...lib.store.problems];
    for (const file of lib.store.caseFiles()) {
      const where = path.join('cases', file.case.id, 'case.json');
      const sourceIds = new Set(file.sources.map((s) => s.id));
      for (const note of file.notes) {
        for (const q of note.quotations) if (!sourceIds.has(q.sourceId)) problems.push({ file: where, reason: `note “${note.title}” quotes a source (${q.sourceId}) that is not in the case` });
      }
      for (const event of file.events) {
        for (const r of event.sources) if (!sourceIds.has(r.sourceId)) problems.push({ file: where, reason: `event “${event.title}” cites a source (${r.sourceId}) that is not in the case` });
      }
    }
    const evidence = await verifyLibrary(lib);
    for (const finding of [...evidence.missing, ...evidence.changed, ...evidence.orphaned]) problems.push({ file: finding.file, reason: finding.message });
    return { dir: lib.dir, filesChecked: 1 + lib.store.caseFiles().length + evidence.attachmentsChecked, problems };
  } finally {
    await lib.close();
  }
}
