/*
 * What a caller may send to create or change each record: the record's own fields minus what the core
 * owns (ids, timestamps, trash marks, stored attachments). Inputs are strict: an unknown key is an error,
 * not something silently dropped, so a typo in a field name is caught at once.
 */
import { z } from 'zod';
import {
  CaseRecord,
  EventRecord,
  NoteRecord,
  Quotation,
  RecordId,
  Slug,
  SourceRecord,
} from '../domain';
import { refineDateRange } from '../partial-date';

const CORE_OWNED = { id: true, createdAt: true, updatedAt: true, deletedAt: true } as const;

// A range that ends before it starts is refused here, so every edge (window, CLI, bridge) gets the same message.
const caseRange = refineDateRange('incidentDate', 'incidentEndDate');
const eventRange = refineDateRange('date', 'endDate');

const CaseFieldsShape = CaseRecord.omit(CORE_OWNED).extend({ slug: Slug.optional() }).strict();
export const CaseFields = CaseFieldsShape.superRefine(caseRange);
export type CaseFields = z.input<typeof CaseFields>;

export const SourceFields = SourceRecord.omit({ ...CORE_OWNED, attachments: true }).strict();
export type SourceFields = z.input<typeof SourceFields>;

export const QuotationInput = Quotation.extend({ id: RecordId.optional() }).strict();
export const NoteFields = NoteRecord.omit(CORE_OWNED).extend({ quotations: z.array(QuotationInput).max(10_000).default([]) }).strict();
export type NoteFields = z.input<typeof NoteFields>;

const EventFieldsShape = EventRecord.omit(CORE_OWNED).strict();
export const EventFields = EventFieldsShape.superRefine(eventRange);
export type EventFields = z.input<typeof EventFields>;

/**
 * A patch: any subset of the fields; `null` clears an optional field. Built from the field schema with
 * defaults removed, because a default would otherwise fill in (and overwrite) every field left out.
 */
export function patchOf<T extends z.ZodRawShape>(fields: z.ZodObject<T>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(fields.shape)) {
    const inner = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : (schema as z.ZodType);
    shape[key] = inner.nullable().optional();
  }
  return z
    .strictObject(shape)
    .refine((p) => Object.keys(p).length > 0, 'Nothing to change: name at least one field.') as unknown as z.ZodType<Patch<z.output<z.ZodObject<T>>>>;
}

export type Patch<T> = { [K in keyof T]?: T[K] | null };

/**
 * A case or event as it is written after a patch: the stored schema plus the range check. The stored
 * schemas themselves stay lenient, so a file written before the check existed still opens.
 */
export const CaseWrite = CaseRecord.superRefine(caseRange);
export const EventWrite = EventRecord.superRefine(eventRange);

export const CasePatch = patchOf(CaseFieldsShape);
export const SourcePatch = patchOf(SourceFields);
export const NotePatch = patchOf(NoteFields);
export const EventPatch = patchOf(EventFieldsShape);
