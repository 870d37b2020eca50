/*
 * The fields of each kind of record the CLI can create and edit, read from the contract's own field
 * schemas (src/shared/api/inputs.ts). Nothing here lists a field by hand except the one field that has
 * commands of its own (a note's quotations: `quote add`, `quote remove`), so a field added to a schema
 * gets its option, its parsing and its --clear at once.
 */
import type { z } from 'zod';
import { CaseFields, EventFields, NoteFields, SourceFields } from '../../shared/api/inputs';
import { CaseRecord, EventRecord, NoteRecord, SourceRecord } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { describeField, parseFieldValue, type FieldSpec } from './field-values';

export const EDITABLE_KINDS = ['case', 'source', 'note', 'event'] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];

export const FIELD_SCHEMAS: Record<EditableKind, z.ZodObject> = { case: CaseFields, source: SourceFields, note: NoteFields, event: EventFields };

/** Fields set through commands of their own rather than an option; the contract walk test reads this. */
export const DEDICATED_COMMANDS: Partial<Record<EditableKind, Record<string, string>>> = {
  note: { quotations: 'quote add / quote edit / quote remove' },
};

/** The stored records: a field they require cannot be cleared, even where creating may leave it out (a case's slug). */
const RECORD_SCHEMAS: Record<EditableKind, z.ZodObject> = { case: CaseRecord, source: SourceRecord, note: NoteRecord, event: EventRecord };

const SPECS = Object.fromEntries(
  EDITABLE_KINDS.map((kind) => [
    kind,
    Object.entries(FIELD_SCHEMAS[kind].shape)
      .filter(([field]) => !DEDICATED_COMMANDS[kind]?.[field])
      .map(([field, schema]) => {
        const spec = describeField(field, schema as z.ZodType);
        const stored = RECORD_SCHEMAS[kind].shape[field] as z.ZodType | undefined;
        return stored && describeField(field, stored).required ? { ...spec, required: true } : spec;
      }),
  ]),
) as Record<EditableKind, FieldSpec[]>;

export function fieldSpecs(kind: EditableKind): FieldSpec[] {
  return SPECS[kind];
}

/** The options of several kinds, each once, with the kinds that have it (for grouping --help). */
export function unionOfFields(kinds: readonly EditableKind[]): { spec: FieldSpec; kinds: EditableKind[] }[] {
  const byFlag = new Map<string, { spec: FieldSpec; kinds: EditableKind[] }>();
  for (const kind of kinds) {
    for (const spec of SPECS[kind]) {
      const entry = byFlag.get(spec.flag);
      if (entry) entry.kinds.push(kind);
      else byFlag.set(spec.flag, { spec, kinds: [kind] });
    }
  }
  return [...byFlag.values()];
}

/** "--accessed-date" for accessedDate, whichever kind has it; undefined for a name no record has. */
export function flagForField(field: string): string | undefined {
  for (const kind of EDITABLE_KINDS) {
    const spec = SPECS[kind].find((s) => s.field === field);
    if (spec) return `--${spec.flag}`;
  }
  return undefined;
}

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);
const capitalised = (text: string) => text[0].toUpperCase() + text.slice(1);
const flagList = (specs: FieldSpec[]) => specs.map((s) => `--${s.flag}`).join(', ');

/** Fields described from any contract schema, for a thing called `noun` ("source", "tag", "library"). */
export interface FieldSet {
  noun: string;
  specs: FieldSpec[];
  /** Fields changed by commands of their own: field → command. */
  dedicated?: Record<string, string>;
}

export function recordFieldSet(kind: EditableKind): FieldSet {
  return { noun: kind, specs: SPECS[kind], dedicated: DEDICATED_COMMANDS[kind] };
}

function specFor(set: FieldSet, name: string): FieldSpec {
  const bare = name.replace(/^--/, '');
  const spec = set.specs.find((s) => s.flag === bare || s.field === bare);
  if (spec) return spec;
  const dedicated = Object.entries(set.dedicated ?? {}).find(([field]) => field === bare || field.replace(/s$/, '') === bare);
  if (dedicated) throw new ApiError('INVALID_INPUT', `The ${dedicated[0]} of ${article(set.noun)} are changed with \`casefolio ${dedicated[1].split(' / ')[0]}\`.`);
  throw new ApiError('INVALID_INPUT', `${capitalised(article(set.noun))} has no field “${bare}”. Its fields: ${flagList(set.specs)}.`);
}

/** Values given as options (flag → the texts typed), for a new record of this kind. */
export function fieldsFromOptions(kind: EditableKind | FieldSet, given: Map<string, string[]>): Record<string, unknown> {
  const set = typeof kind === 'string' ? recordFieldSet(kind) : kind;
  const fields: Record<string, unknown> = {};
  for (const [flag, texts] of given) {
    const spec = specFor(set, flag);
    fields[spec.field] = parseFieldValue(spec, texts);
  }
  return fields;
}

/** A patch for the contract: the values given, and null for each field cleared. */
export function patchFromOptions(kind: EditableKind | FieldSet, given: Map<string, string[]>, cleared: string[]): Record<string, unknown> {
  const set = typeof kind === 'string' ? recordFieldSet(kind) : kind;
  const patch = fieldsFromOptions(set, given);
  for (const name of cleared) {
    const spec = specFor(set, name);
    if (spec.field in patch) throw new ApiError('INVALID_INPUT', `--${spec.flag} is both given and cleared; choose one.`);
    if (spec.required) throw new ApiError('INVALID_INPUT', `${capitalised(article(set.noun))} always has a ${spec.flag.replace(/-/g, ' ')}; give a new one with --${spec.flag} instead of clearing it.`);
    patch[spec.field] = null;
  }
  if (Object.keys(patch).length === 0) {
    throw new ApiError('INVALID_INPUT', `Nothing to change: give a field to set (${flagList(set.specs)}) or one to clear with --clear <field>.`);
  }
  return patch;
}

/** The fields of a contract call's input (all but `skip`, which are positional arguments). */
export function fieldSetOf(noun: string, input: z.ZodObject, skip: string[] = []): FieldSet {
  const specs = Object.entries(input.shape)
    .filter(([field]) => !skip.includes(field))
    .map(([field, schema]) => describeField(field, schema as z.ZodType));
  return { noun, specs };
}
