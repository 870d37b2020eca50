/*
 * A health check of a library: every file parsed and validated, every attachment present with the hash
 * its record states and no unexplained file beside them (evidence/verify.ts), every quotation and chronology reference pointing at a source that exists, every tag
 * in the vocabulary, the audit journal agreeing with the case files (evidence/journal-check.ts). `checkLibrary` only reads (it opens read-only, so nothing is moved); `repairLibrary`
 * (repair.ts) acts on the same findings.
 */
import path from 'node:path';
import type { CaseLibrary } from './case-library';
import { compareJournalWithCases } from './evidence/journal-check';
import { verifyLibrary } from './evidence/verify';
import { openLibrary, withLibrarySession } from './library-session';

export { hashFile } from './evidence/verify';

export type FindingKind = 'unusable-file' | 'missing-file' | 'changed-file' | 'orphaned-file' | 'dangling-reference' | 'undefined-tag' | 'journal-mismatch';

export interface Finding {
  kind: FindingKind;
  /** Path relative to the library folder. */
  file: string;
  reason: string;
  caseId?: string;
  sha256?: string;
}

export interface CheckReport {
  dir: string;
  filesChecked: number;
  problems: Finding[];
}

/** Findings for an open library (its open-time problems included). */
export async function findProblems(lib: CaseLibrary): Promise<CheckReport> {
  const problems: Finding[] = lib.read.problems.map((p) => ({
    kind: 'unusable-file' as const,
    file: p.file,
    reason: p.movedTo ? `${p.reason}; it was set aside as ${p.movedTo}` : p.reason,
    caseId: /^cases[\\/]([^\\/]+)[\\/]case\.json$/.exec(p.file)?.[1],
  }));
  let filesChecked = 1 + lib.read.caseFiles().length;
  const vocabulary = new Set(lib.read.library.tags.map((t) => t.path));
  for (const file of lib.read.caseFiles()) {
    const caseId = file.case.id;
    const where = path.join('cases', caseId, 'case.json');
    const sourceIds = new Set(file.sources.map((s) => s.id));
    const refs = [
      ...file.notes.flatMap((n) => n.quotations.map((q) => ({ what: `note “${n.title}” quotes`, sourceId: q.sourceId }))),
      ...file.events.flatMap((e) => e.sources.map((r) => ({ what: `event “${e.title}” cites`, sourceId: r.sourceId }))),
    ];
    for (const ref of refs) {
      if (!sourceIds.has(ref.sourceId)) problems.push({ kind: 'dangling-reference', file: where, caseId, reason: `${ref.what} a source (${ref.sourceId}) that is not in the case` });
    }
    const tags = new Set([file.case, ...file.sources, ...file.notes, ...file.events].flatMap((r) => r.tags));
    for (const tag of tags) {
      if (!vocabulary.has(tag)) problems.push({ kind: 'undefined-tag', file: where, caseId, reason: `the tag “${tag}” is used but missing from the tag vocabulary` });
    }
  }
  // The stored files: missing, changed or unexplained (evidence/verify.ts, shared with `casefolio verify`).
  const evidence = await verifyLibrary(lib);
  filesChecked += evidence.attachmentsChecked;
  const kinds = [
    ['missing-file', evidence.missing],
    ['changed-file', evidence.changed],
    ['orphaned-file', evidence.orphaned],
  ] as const;
  for (const [kind, findings] of kinds) {
    for (const f of findings) problems.push({ kind, file: f.file, reason: f.message, caseId: f.caseId, sha256: f.sha256 });
  }
  // The journal against the case files: a saved change lost (or written unjournalled) is never "No problems".
  for (const m of await compareJournalWithCases(lib)) problems.push({ kind: 'journal-mismatch', file: m.file, caseId: m.caseId, reason: m.reason });
  return { dir: lib.dir, filesChecked, problems };
}

export async function checkLibrary(dir: string): Promise<CheckReport> {
  // Every file read and validated: the catalogue's shortcut is for opening, not for checking.
  return withLibrarySession(openLibrary(dir, { readOnly: true, trustCatalogue: false, warm: false }), ({ lib }) => findProblems(lib));
}
