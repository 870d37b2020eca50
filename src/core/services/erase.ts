/*
 * Deleting for good what is in the trash: the answer to a data-protection request, or a trash emptied.
 * Whole cases are removed from disk; records are taken out of their case file; people are taken out of the
 * register (library.json). The stored files nothing
 * refers to any more go too, with their extracted text, the case's rolling backups and the undo history
 * (CaseLibrary's Draft.erase), and the journal records the erasure without the content (journal.ts).
 *
 * What is erased is exactly what the caller names, and all of it or nothing: a record still cited by
 * one that stays (an event citing a source) refuses the whole erasure, saying which, rather than leaving
 * a dangling citation or erasing more than was confirmed.
 */
import type { ErasureReport } from '../../shared/api/types';
import type { CaseFile, RecordRef, TrashRef } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { textCachePath } from '../storage/text-cache';
import { attachmentPath } from './attachments';

type Collection = 'sources' | 'notes' | 'events';
const COLLECTION: Record<Exclude<RecordRef['kind'], 'case'>, Collection> = { source: 'sources', note: 'notes', event: 'events' };
const NOUN: Record<RecordRef['kind'], string> = { case: 'case', source: 'source', note: 'note', event: 'event' };

interface Plan {
  /** Cases erased whole. */
  cases: Set<string>;
  /** Records erased from cases that stay, by case id. */
  records: Map<string, Set<string>>;
  /** People erased from the register. */
  people: Set<string>;
}

function planPerson(lib: CaseLibrary, id: string): string {
  const person = lib.read.library.people.find((p) => p.id === id);
  if (!person) throw new ApiError('NOT_FOUND', `There is no person ${id} in the people register; reload the trash and try again.`);
  if (!person.deletedAt) throw new ApiError('CONFLICT', `“${person.anonymity?.cipher ?? person.name}” is not in the trash. Move them to the trash first.`);
  return person.id;
}

function planErasure(lib: CaseLibrary, refs: readonly TrashRef[]): Plan {
  const plan: Plan = { cases: new Set(), records: new Map(), people: new Set() };
  for (const ref of refs) {
    if (ref.kind === 'person') {
      plan.people.add(planPerson(lib, ref.id));
      continue;
    }
    const file = lib.findCase(ref.caseId);
    if (!file) throw new ApiError('NOT_FOUND', `There is no case ${ref.caseId} in this library; reload the trash and try again.`);
    if (ref.kind === 'case') {
      if (!file.case.deletedAt) throw new ApiError('CONFLICT', `The case “${file.case.title}” is not in the trash. Move it to the trash first.`);
      plan.cases.add(file.case.id);
      continue;
    }
    const record = file[COLLECTION[ref.kind]].find((r) => r.id === ref.id);
    if (!record) throw new ApiError('NOT_FOUND', `There is no ${NOUN[ref.kind]} ${ref.id} in the case “${file.case.title}”; reload the trash and try again.`);
    if (!record.deletedAt) throw new ApiError('CONFLICT', `The ${NOUN[ref.kind]} “${record.title}” is not in the trash. Move it to the trash first.`);
    const ids = plan.records.get(file.case.id) ?? new Set<string>();
    ids.add(record.id);
    plan.records.set(file.case.id, ids);
  }
  for (const caseId of plan.cases) plan.records.delete(caseId);
  return plan;
}

/** Refuses when a record that stays cites a source being erased. */
function checkCitations(file: CaseFile, erased: Set<string>): void {
  const citing: string[] = [];
  for (const source of file.sources.filter((s) => erased.has(s.id))) {
    for (const e of file.events) if (!erased.has(e.id) && e.sources.some((r) => r.sourceId === source.id)) citing.push(`the event “${e.title}”`);
    for (const n of file.notes) if (!erased.has(n.id) && n.quotations.some((q) => q.sourceId === source.id)) citing.push(`the note “${n.title}”`);
    if (citing.length > 0) {
      throw new ApiError(
        'CONFLICT',
        `The source “${source.title}” is still cited by ${[...new Set(citing)].slice(0, 3).join(', ')}${citing.length > 3 ? ' and others' : ''}. Remove those citations, or delete those records too, before deleting it permanently.`,
      );
    }
  }
}

const shasOf = (file: CaseFile) => new Set(file.sources.flatMap((s) => s.attachments.map((a) => a.sha256)));

/** Deletes the named trash items permanently; refuses, changing nothing, if any is not in the trash. */
export function eraseFromTrash(lib: CaseLibrary, refs: readonly TrashRef[]): Promise<ErasureReport> {
  const plan = planErasure(lib, refs);
  const items = plan.cases.size + plan.people.size + [...plan.records.values()].reduce((n, ids) => n + ids.size, 0);
  // The label is journalled: it counts what went and never names it.
  const label = `Delete permanently ${items === 1 ? 'one item' : `${items} items`} from the trash`;
  return lib.mutate(
    label,
    (draft) => {
      const files: string[] = [];
      const goneShas = new Set<string>();
      let storedFiles = 0;
      for (const caseId of plan.cases) {
        const shas = shasOf(lib.requireCase(caseId, { includeDeleted: true }));
        for (const sha of shas) goneShas.add(sha);
        storedFiles += shas.size; // removed with the case's folder
        draft.purgeCase(caseId);
      }
      for (const [caseId, ids] of plan.records) {
        const file = draft.case(caseId);
        checkCitations(file, ids);
        const before = shasOf(file);
        file.sources = file.sources.filter((r) => !ids.has(r.id));
        file.notes = file.notes.filter((r) => !ids.has(r.id));
        file.events = file.events.filter((r) => !ids.has(r.id));
        const kept = shasOf(file);
        for (const sha of before) {
          if (kept.has(sha)) continue;
          files.push(attachmentPath(lib, caseId, sha));
          goneShas.add(sha);
          storedFiles++;
        }
      }
      // The extracted text of a file is shared by every case holding the same bytes: it goes when none is left.
      const stillHeld = new Set<string>();
      for (const file of lib.read.caseFiles()) {
        if (plan.cases.has(file.case.id)) continue;
        for (const sha of plan.records.has(file.case.id) ? shasOf(draft.case(file.case.id)) : shasOf(file)) stillHeld.add(sha);
      }
      for (const sha of goneShas) if (!stillHeld.has(sha)) files.push(textCachePath(lib.dir, sha));
      draft.erase(files);
      if (plan.people.size > 0) {
        const library = draft.library();
        library.people = library.people.filter((p) => !plan.people.has(p.id));
      }
      return { items, files: storedFiles };
    },
    { undoable: false },
  );
}
