/*
 * Resolving a sync conflict is an ordinary change (validated, journalled, undoable, synced next time): the
 * chosen value is written where the conflict is. For edit-versus-delete the merged library kept the edited
 * record; choosing the deleted side moves it to the trash, as a delete here always does.
 */
import { ApiError } from '../../shared/errors';
import type { SyncConflict } from '../../shared/sync';
import type { CaseLibrary } from '../case-library';

const COLLECTIONS: Record<string, string> = { source: 'sources', note: 'notes', event: 'events', tag: 'tags', person: 'people', search: 'savedSearches' };

type Obj = Record<string, unknown>;

function setField(record: Obj, field: string, value: unknown): void {
  const parts = field.split('.');
  let target = record;
  for (const part of parts.slice(0, -1)) {
    if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
    target = target[part] as Obj;
  }
  const last = parts[parts.length - 1];
  if (value === null || value === undefined) delete target[last];
  else target[last] = structuredClone(value);
}

function resolveInList(list: Obj[], conflict: SyncConflict, chosen: unknown, now: string): void {
  const index = list.findIndex((r) => (r.id ?? r.path) === conflict.recordId);
  if (conflict.field) {
    if (index < 0) throw new ApiError('NOT_FOUND', `“${conflict.recordTitle}” is no longer in the library; nothing to resolve.`);
    setField(list[index], conflict.field, chosen);
    return;
  }
  if (chosen === null || chosen === undefined) {
    if (index >= 0) list[index] = { ...list[index], deletedAt: now };
  } else if (index >= 0) list[index] = structuredClone(chosen) as Obj;
  else list.push(structuredClone(chosen) as Obj);
}

export async function applyResolution(lib: CaseLibrary, conflict: SyncConflict, chosen: unknown): Promise<void> {
  await lib.mutate(`Resolve a sync conflict in “${conflict.recordTitle}”`, (draft) => {
    if (conflict.caseId) {
      if (!lib.read.caseDigest(conflict.caseId)) throw new ApiError('NOT_FOUND', `The case “${conflict.caseTitle ?? conflict.caseId}” is no longer in the library; nothing to resolve.`);
      const file = draft.case(conflict.caseId) as unknown as Obj;
      if (conflict.kind === 'case') {
        const record = file.case as Obj;
        if (conflict.field) setField(record, conflict.field, chosen);
        else if (chosen === null || chosen === undefined) record.deletedAt = draft.now;
        else if (typeof chosen === 'object' && chosen !== null && 'schemaVersion' in chosen) Object.assign(file, structuredClone(chosen));
        else file.case = structuredClone(chosen);
        return;
      }
      const collection = COLLECTIONS[conflict.kind] ?? conflict.kind;
      if (!Array.isArray(file[collection])) throw new ApiError('INVALID_INPUT', `Unknown kind of record: ${conflict.kind}.`);
      resolveInList(file[collection] as Obj[], conflict, chosen, draft.now);
      return;
    }
    const library = draft.library() as unknown as Obj;
    if (conflict.kind === 'library') {
      if (conflict.recordId === 'settings' && conflict.field) setField(library.settings as Obj, conflict.field, chosen);
      else if (conflict.field) setField(library, conflict.field, chosen);
      else if (chosen && typeof chosen === 'object') Object.assign(library, structuredClone(chosen));
      return;
    }
    const collection = COLLECTIONS[conflict.kind] ?? conflict.kind;
    if (!Array.isArray(library[collection])) throw new ApiError('INVALID_INPUT', `Unknown kind of record: ${conflict.kind}.`);
    resolveInList(library[collection] as Obj[], conflict, chosen, draft.now);
  });
}
