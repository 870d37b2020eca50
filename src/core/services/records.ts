/*
 * Sources, notes and chronology events share one life cycle within their case: create, update, move to
 * the trash, restore. One generic service serves all three; what differs (the collection, the schema,
 * the label, the references to check) is described once per kind.
 */
import type { z } from 'zod';
import { EventWrite, type EventFields, type EventPatch, type NoteFields, type NotePatch, type SourceFields, type SourcePatch } from '../../shared/api/inputs';
import { EventRecord, NoteRecord, SourceRecord, type CaseFile } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { untouchedList } from '../storage/copy-on-write';
import { positionsById } from '../storage/record-diff';
import { applyPatch, ensureTagsDefined } from './shared';

type AnyRecord = { id: string; title: string; tags: string[]; deletedAt?: string };

/**
 * One kind of record: R is the stored record, F the fields a caller creates it with and P a patch, each as the
 * contract's schemas parse them (shared/api/inputs.ts), so a handler hands its input over with its type intact.
 */
export interface KindSpec<R extends AnyRecord, F extends object, P extends object> {
  collection: 'sources' | 'notes' | 'events';
  noun: string;
  idPrefix: string;
  schema: z.ZodType<R>;
  /** Fills in what the input leaves to the core (quotation ids). */
  prepare?: <T extends F | P>(fields: T, lib: CaseLibrary) => T;
  /** Fields the record's schema checks against each other (an event's date range): a patch of one is parsed whole. */
  crossFieldKeys?: readonly string[];
}

export const SOURCE_KIND: KindSpec<SourceRecord, z.input<typeof SourceFields>, z.output<typeof SourcePatch>> = { collection: 'sources', noun: 'source', idPrefix: 'src', schema: SourceRecord };
export const NOTE_KIND: KindSpec<NoteRecord, z.input<typeof NoteFields>, z.output<typeof NotePatch>> = {
  collection: 'notes',
  noun: 'note',
  idPrefix: 'note',
  schema: NoteRecord,
  prepare: (fields, lib) => (fields.quotations ? { ...fields, quotations: fields.quotations.map((q) => ({ ...q, id: q.id ?? lib.newId('quo') })) } : fields),
};
export const EVENT_KIND: KindSpec<EventRecord, z.input<typeof EventFields>, z.output<typeof EventPatch>> = { collection: 'events', noun: 'event', idPrefix: 'evt', schema: EventWrite, crossFieldKeys: ['date', 'endDate'] };

/** Any kind, for the operations that do not look at the fields (find, trash, restore). */
type AnyKind<R extends AnyRecord> = KindSpec<R, object, object>;

function collectionOf(file: CaseFile, collection: AnyKind<AnyRecord>['collection']): AnyRecord[] {
  return file[collection] as AnyRecord[];
}

/** A quotation or chronology reference must point at a source in the same case. */
function checkSourceReferences(file: CaseFile, record: unknown): void {
  const r = record as { quotations?: { sourceId: string }[]; sources?: { sourceId: string }[] };
  const refs = [...(r.quotations ?? []), ...(r.sources ?? [])];
  if (refs.length === 0) return;
  const ids = sourceIdsOf(file);
  for (const ref of refs) {
    if (!ids.has(ref.sourceId)) {
      throw new ApiError('INVALID_INPUT', `It refers to source ${ref.sourceId}, which is not in the case “${file.case.title}”. Add the source to this case first.`);
    }
  }
}

/**
 * The ids of a case's sources, without listing a draft's sources through their stand-ins when the change left
 * them alone: a stored list's ids are looked up where they are kept for it (positionsById), not gathered again.
 */
function sourceIdsOf(file: CaseFile): { has(id: string): boolean } {
  const stored = untouchedList(file, 'sources');
  return stored ? positionsById(stored) : new Set(file.sources.map((s) => s.id));
}

/** A record of a stored (never changed) case file by id, found without walking the list. */
function storedRecord<R extends AnyRecord>(file: CaseFile, spec: AnyKind<R>, id: string): { record: R; index: number } | undefined {
  const list = collectionOf(file, spec.collection);
  let index = positionsById(list).get(id);
  if (index !== undefined && list[index]?.id !== id) index = list.findIndex((r) => r.id === id); // never expected: a walk settles it
  return index === undefined || index < 0 ? undefined : { record: list[index] as R, index };
}

export function findRecord<R extends AnyRecord>(file: CaseFile, spec: AnyKind<R>, id: string, options: { includeDeleted?: boolean } = {}): R {
  const record = collectionOf(file, spec.collection).find((r) => r.id === id);
  if (!record || (record.deletedAt && !options.includeDeleted)) throw notFound(spec, id, file);
  return record as R;
}

const notFound = (spec: AnyKind<AnyRecord>, id: string, file: CaseFile, why = '') => new ApiError('NOT_FOUND', `No ${spec.noun} ${id} in the case “${file.case.title}”${why}.`);

export function createRecord<R extends AnyRecord, F extends object, P extends object>(lib: CaseLibrary, spec: KindSpec<R, F, P>, caseKey: string, fields: F): Promise<R> {
  const caseId = lib.requireCase(caseKey).case.id;
  return lib.mutate(
    (r: R) => `Add ${spec.noun} “${r.title}”`,
    (draft) => {
      const file = draft.case(caseId);
      const prepared = spec.prepare ? spec.prepare(fields, lib) : fields;
      const record = draft.parsed(spec.schema.parse({ ...prepared, id: lib.newId(spec.idPrefix), createdAt: draft.now, updatedAt: draft.now }));
      checkSourceReferences(file, record);
      collectionOf(file, spec.collection).push(record);
      ensureTagsDefined(draft, record.tags);
      return record;
    },
  );
}

/**
 * The record a patch makes, validated once. The contract parsed the patch with the record's own field schemas
 * and the stored record was validated when it was stored, so a patch that only sets fields gives a valid
 * record as it stands; parsing it whole again would repeat the contract's work field by field. A patch that
 * clears a field (null: a default to fill in, or a required field to refuse) or sets one the schema checks
 * across fields (an event's dates) is parsed whole, as every patch used to be.
 */
function patchedRecord<R extends AnyRecord, F extends object, P extends object>(spec: KindSpec<R, F, P>, stored: R, patch: P, now: string): R {
  const next = applyPatch(stored, patch, now);
  const setsOnly = Object.entries(patch).every(([key, value]) => value !== null && !spec.crossFieldKeys?.includes(key));
  return setsOnly ? next : spec.schema.parse(next);
}

/** Changes a record; `patch` as the contract's patch schema for its kind parsed it (handlers.ts). */
export function updateRecord<R extends AnyRecord, F extends object, P extends object>(lib: CaseLibrary, spec: KindSpec<R, F, P>, caseKey: string, id: string, patch: P): Promise<R> {
  const file = lib.requireCase(caseKey);
  const caseId = file.case.id;
  const current = storedRecord(file, spec, id)?.record;
  if (!current || current.deletedAt) throw notFound(spec, id, file);
  return lib.mutate(`Edit ${spec.noun} “${current.title}”`, (draft) => {
    const file = draft.case(caseId);
    const list = collectionOf(file, spec.collection);
    // Found and read in the stored version the draft was just made from (same positions), not through the
    // draft's stand-in, which would copy the record only for the patch to copy it again.
    const stored = storedRecord(lib.requireCase(caseId, { includeDeleted: true }), spec, id);
    if (!stored) throw notFound(spec, id, file, ': it was removed by an earlier change');
    const { index } = stored;
    const prepared = spec.prepare ? spec.prepare(patch, lib) : patch;
    const record = draft.parsed(patchedRecord(spec, stored.record, prepared, draft.now));
    checkSourceReferences(file, record);
    list[index] = record;
    ensureTagsDefined(draft, record.tags);
    return record;
  });
}

export function trashRecord<R extends AnyRecord>(lib: CaseLibrary, spec: AnyKind<R>, caseKey: string, id: string): Promise<void> {
  const caseId = lib.requireCase(caseKey).case.id;
  const current = findRecord(lib.requireCase(caseId), spec, id);
  return lib.mutate(`Delete ${spec.noun} “${current.title}”`, (draft) => {
    findRecord(draft.case(caseId), spec, id).deletedAt = draft.now;
  });
}

/** Moves several records of one kind to the trash as one change, so one undo brings them all back. */
export function trashRecords<R extends AnyRecord>(lib: CaseLibrary, spec: AnyKind<R>, caseKey: string, ids: string[]): Promise<void> {
  const file = lib.requireCase(caseKey);
  const records = [...new Set(ids)].map((id) => findRecord(file, spec, id));
  if (records.length === 1) return trashRecord(lib, spec, caseKey, records[0].id);
  const plural = { sources: 'sources', notes: 'notes', events: 'events' }[spec.collection];
  return lib.mutate(`Delete ${records.length} ${plural}`, (draft) => {
    const target = draft.case(file.case.id);
    for (const r of records) findRecord(target, spec, r.id).deletedAt = draft.now;
  });
}

export function restoreRecord<R extends AnyRecord>(lib: CaseLibrary, spec: AnyKind<R>, caseKey: string, id: string): Promise<R> {
  const caseId = lib.requireCase(caseKey).case.id;
  const current = findRecord(lib.requireCase(caseId), spec, id, { includeDeleted: true });
  if (!current.deletedAt) return Promise.reject(new ApiError('CONFLICT', `The ${spec.noun} “${current.title}” is not in the trash.`));
  return lib.mutate(`Restore ${spec.noun} “${current.title}”`, (draft) => {
    const record = findRecord(draft.case(caseId), spec, id, { includeDeleted: true });
    delete record.deletedAt;
    return record;
  });
}

/**
 * Moves or copies a source to another case. Its attachment files are copied into the target case's
 * folder (content-addressed, so a copy of an identical file is free), keeping each case folder whole.
 */
export async function transferSource(
  lib: CaseLibrary,
  caseKey: string,
  sourceId: string,
  toCaseKey: string,
  mode: 'move' | 'copy',
  copyFiles: (fromCaseId: string, toCaseId: string, sha256s: string[]) => Promise<void>,
): Promise<SourceRecord> {
  const from = lib.requireCase(caseKey).case;
  const to = lib.requireCase(toCaseKey).case;
  if (from.id === to.id) throw new ApiError('INVALID_INPUT', 'The source is already in that case; choose a different case.');
  const source = findRecord(lib.requireCase(from.id), SOURCE_KIND, sourceId);
  await copyFiles(from.id, to.id, source.attachments.map((a) => a.sha256));
  return lib.mutate(`${mode === 'move' ? 'Move' : 'Copy'} source “${source.title}” to “${to.title}”`, (draft) => {
    const copy = SourceRecord.parse({
      ...structuredClone(source),
      id: mode === 'move' ? source.id : lib.newId('src'),
      attachments: source.attachments.map((a) => ({ ...a, id: mode === 'move' ? a.id : lib.newId('att') })),
      updatedAt: draft.now,
    });
    const target = draft.case(to.id);
    if (target.sources.some((s) => s.id === copy.id)) throw new ApiError('CONFLICT', 'The target case already holds this source.');
    target.sources.push(copy);
    if (mode === 'move') {
      const origin = draft.case(from.id);
      const stillCited = [...origin.notes.flatMap((n) => n.quotations), ...origin.events.flatMap((e) => e.sources)].some((r) => r.sourceId === source.id);
      if (stillCited) {
        throw new ApiError('CONFLICT', `Notes or events in “${from.title}” cite this source. Copy it instead, or remove those citations first.`);
      }
      origin.sources = origin.sources.filter((s) => s.id !== source.id);
    }
    return copy;
  });
}
