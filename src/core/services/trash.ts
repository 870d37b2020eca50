/* The trash: everything marked deleted, across the library. Restoring is per kind (cases:restore, …). */
import type { TrashItem } from '../../shared/api/types';
import type { CaseLibrary } from '../case-library';

export function listTrash(lib: CaseLibrary): TrashItem[] {
  const items: TrashItem[] = [];
  for (const file of lib.read.caseFiles()) {
    const caseTitle = file.case.title;
    const caseId = file.case.id;
    if (file.case.deletedAt) items.push({ ref: { caseId, kind: 'case', id: caseId }, title: caseTitle, deletedAt: file.case.deletedAt, caseTitle });
    for (const [kind, records] of [
      ['source', file.sources],
      ['note', file.notes],
      ['event', file.events],
    ] as const) {
      for (const r of records) if (r.deletedAt) items.push({ ref: { caseId, kind, id: r.id }, title: r.title, deletedAt: r.deletedAt, caseTitle });
    }
  }
  return items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}
