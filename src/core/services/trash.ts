/*
 * The trash: everything marked deleted, across the library — cases and their records, and people of the
 * register. Restoring is per kind (cases:restore, people:restore, …).
 */
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
  for (const person of lib.read.library.people) if (person.deletedAt) items.push({ ref: { kind: 'person', id: person.id }, title: person.name, deletedAt: person.deletedAt });
  return items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}
