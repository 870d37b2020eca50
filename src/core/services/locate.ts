/*
 * Finding a record by its id alone, as a person copies it from `show` or from the trash: ids are unique
 * across the library (random, prefixed), so the case need not be named. Records in the trash are found
 * too, marked as such, so a caller can say "restore it first" rather than "no such record".
 */
import type { RecordKind } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';

export interface LocatedRecord {
  kind: RecordKind | 'quotation';
  id: string;
  caseId: string;
  caseTitle: string;
  title: string;
  inTrash: boolean;
  /** For a quotation: the note that holds it. */
  noteId?: string;
}

/** Every record with this id; `caseKey` (a slug or id) narrows the search to one case. */
export function locateRecords(lib: CaseLibrary, id: string, caseKey?: string): LocatedRecord[] {
  // A case is known from the catalogue; only a record inside a case needs the case files read.
  const caseId = caseKey ? undefined : lib.read.caseIds().includes(id) ? id : lib.read.caseIdBySlug(id);
  const files = caseKey ? [lib.requireCase(caseKey, { includeDeleted: true })] : caseId ? [lib.requireCase(caseId, { includeDeleted: true })] : lib.read.caseFiles();
  const found: LocatedRecord[] = [];
  for (const file of files) {
    const caseId = file.case.id;
    const caseTitle = file.case.title;
    const caseInTrash = Boolean(file.case.deletedAt);
    if (caseId === id || (!caseKey && file.case.slug === id)) found.push({ kind: 'case', id: caseId, caseId, caseTitle, title: caseTitle, inTrash: caseInTrash });
    for (const [kind, records] of [
      ['source', file.sources],
      ['note', file.notes],
      ['event', file.events],
    ] as const) {
      for (const r of records) if (r.id === id) found.push({ kind, id, caseId, caseTitle, title: r.title, inTrash: caseInTrash || Boolean(r.deletedAt) });
    }
    for (const note of file.notes) {
      for (const q of note.quotations) {
        if (q.id === id) found.push({ kind: 'quotation', id, caseId, caseTitle, title: q.quote, inTrash: caseInTrash || Boolean(note.deletedAt), noteId: note.id });
      }
    }
  }
  return found;
}

/** The one record with this id, or an error that says what to do. */
export function locateRecord(lib: CaseLibrary, id: string, caseKey?: string): LocatedRecord {
  const found = locateRecords(lib, id, caseKey);
  if (found.length === 0) {
    throw new ApiError('NOT_FOUND', `Nothing has the id “${id}”${caseKey ? ` in the case “${caseKey}”` : ' in this library'}. The ids are shown by \`casefolio show <case>\`.`);
  }
  if (found.length > 1) {
    const where = found.map((f) => `a ${f.kind} in “${f.caseTitle}”`).join(' and ');
    throw new ApiError('CONFLICT', `The id “${id}” names ${where}; name the case with --case to choose.`);
  }
  return found[0];
}
