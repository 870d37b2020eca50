/*
 * The trash: everything marked deleted, across the library — cases and their records, and people of the
 * register. `restoreFromTrash` (trash:restore, used by the window and the CLI alike) restores an item named
 * by its id alone, as the trash lists it, whatever its kind.
 */
import type { RestoredItem, TrashItem } from '../../shared/api/types';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { restoreCase } from './cases';
import { locateRecords } from './locate';
import { restorePerson } from './people/register';
import { EVENT_KIND, NOTE_KIND, restoreRecord, SOURCE_KIND } from './records';

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

/**
 * Brings back the case, record or person of the register that has this id; `caseKey` narrows the search to one
 * case. Ids are unique across the library, so the trash need not be listed to find the item.
 */
export async function restoreFromTrash(lib: CaseLibrary, id: string, caseKey?: string): Promise<RestoredItem> {
  const person = caseKey === undefined ? lib.read.library.people.find((p) => p.id === id) : undefined;
  if (person) {
    const restored = await restorePerson(lib, id);
    return { ref: { kind: 'person', id }, title: restored.name, record: restored };
  }
  const found = locateRecords(lib, id, caseKey);
  if (found.length === 0) throw new ApiError('NOT_FOUND', `Nothing in the trash has the id “${id}”${caseKey ? ` in the case “${caseKey}”` : ''}; the trash lists the ids of what it holds.`);
  if (found.length > 1) throw new ApiError('CONFLICT', `The id “${id}” names ${found.map((f) => `a ${f.kind} in “${f.caseTitle}”`).join(' and ')}; name the case to choose.`);
  const [item] = found;
  if (item.kind === 'quotation') throw new ApiError('INVALID_INPUT', `${id} is a quotation, which is not put in the trash on its own; restore its note ${item.noteId} instead.`);
  if (!item.inTrash) throw new ApiError('CONFLICT', `The ${item.kind} “${item.title}” is not in the trash.`);
  if (item.kind !== 'case' && lib.requireCase(item.caseId, { includeDeleted: true }).case.deletedAt) {
    throw new ApiError('CONFLICT', `The ${item.kind} “${item.title}” is in the case “${item.caseTitle}”, which is in the trash; restore the case (${item.caseId}) first.`);
  }
  const ref = { caseId: item.caseId, kind: item.kind, id };
  const restored =
    item.kind === 'case'
      ? await restoreCase(lib, item.caseId)
      : item.kind === 'source'
        ? await restoreRecord(lib, SOURCE_KIND, item.caseId, id)
        : item.kind === 'note'
          ? await restoreRecord(lib, NOTE_KIND, item.caseId, id)
          : await restoreRecord(lib, EVENT_KIND, item.caseId, id);
  return { ref, title: restored.title, record: restored };
}
