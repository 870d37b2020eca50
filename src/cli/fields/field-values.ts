/*
 * How a record field is typed on the command line, read from its zod schema rather than listed by hand,
 * so a field added to the domain is settable from the CLI the day it is added. The shape of the schema
 * decides the text a person types: a date as "June 2022", an author as "Family, Given", a source
 * reference as "<source-id> p. 12", a map entry as key=value, a list by repeating the option. A schema
 * with no plain-text form is typed as JSON. Validation stays the contract's; this only turns text into
 * the value the contract checks.
 */
import { z } from 'zod';
import { authorFromText } from '../../shared/author-text';
import { Author, Pinpoint, SourceRef } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { PartialDate } from '../../shared/partial-date';
import { pinpointFromText } from '../../shared/pinpoint-text';
import { parseDateArgument } from '../arguments';

export type ValueShape =
  | { type: 'text' }
  | { type: 'choice'; options: readonly string[] }
  | { type: 'date' }
  | { type: 'number'; integer: boolean }
  | { type: 'boolean' }
  | { type: 'author' }
  | { type: 'pinpoint' }
  | { type: 'source-ref' }
  | { type: 'json' };

export interface FieldSpec {
  /** The field's name in the schema: publishedDate. */
  field: string;
  /** Its option, kebab-case, singular for a list: --published-date, --author. */
  flag: string;
  shape: ValueShape;
  /** A list: the option repeats, and the values given replace the whole list. */
  list: boolean;
  /** A map of text: the option repeats as key=value. */
  map: boolean;
  /** Neither optional nor defaulted: a record always has it, so it cannot be cleared. */
  required: boolean;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const singular = (name: string) => (name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.endsWith('s') ? name.slice(0, -1) : name);

/** Strips optional, nullable and default wrappers; says whether the field may be left out. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodPipe) inner = inner.in as z.ZodType;
    else return { inner, optional };
  }
}

function shapeOf(schema: z.ZodType): ValueShape {
  // Known domain values by identity first: they have a plain-text form people already use in the window.
  if (schema === PartialDate) return { type: 'date' };
  if (schema === Author) return { type: 'author' };
  if (schema === Pinpoint) return { type: 'pinpoint' };
  if (schema === SourceRef) return { type: 'source-ref' };
  // A string format (z.email(), z.url() …) is typed as text and checked by its schema, like any string.
  if (schema instanceof z.ZodString || schema instanceof z.ZodStringFormat) return { type: 'text' };
  if (schema instanceof z.ZodEnum) return { type: 'choice', options: schema.options as string[] };
  if (schema instanceof z.ZodLiteral) return { type: 'choice', options: [...schema.values].map(String) };
  if (schema instanceof z.ZodNumber) return { type: 'number', integer: schema.format === 'safeint' || schema.isInt === true };
  if (schema instanceof z.ZodBoolean) return { type: 'boolean' };
  return { type: 'json' };
}

export function describeField(field: string, schema: z.ZodType): FieldSpec {
  const { inner, optional } = unwrap(schema);
  if (inner instanceof z.ZodArray) {
    return { field, flag: kebab(singular(field)), shape: shapeOf(unwrap(inner.element as z.ZodType).inner), list: true, map: false, required: !optional };
  }
  if (inner instanceof z.ZodRecord) {
    return { field, flag: kebab(field), shape: shapeOf(unwrap(inner.valueType as z.ZodType).inner), list: false, map: true, required: !optional };
  }
  return { field, flag: kebab(field), shape: shapeOf(inner), list: false, map: false, required: !optional };
}

/** What to type, for --help: <date>, <"Family, Given">, <key=value> … */
export function valueHint(spec: FieldSpec): string {
  const hints: Record<ValueShape['type'], string> = {
    text: 'text',
    choice: 'choice',
    date: 'date',
    number: 'number',
    boolean: 'yes|no',
    author: '"Family, Given"',
    pinpoint: 'pinpoint',
    'source-ref': '"source-id [pinpoint]"',
    json: 'json',
  };
  return spec.map ? `key=${hints[spec.shape.type]}` : hints[spec.shape.type];
}

/** A sentence for --help on what the option takes. */
export function valueHelp(spec: FieldSpec): string {
  const s = spec.shape;
  const what =
    s.type === 'choice'
      ? `one of ${s.options.join(', ')}`
      : s.type === 'date'
        ? 'e.g. 2022, June 2022, 28/06/2022, c. 2021'
        : s.type === 'author'
          ? '"Family, Given" for a person, a full name for an organisation'
          : s.type === 'pinpoint'
            ? 'p. 12, para. 5, at 01:02:03 or a section'
            : s.type === 'source-ref'
              ? 'a source id, then a pinpoint if any: "src_… p. 12"'
              : s.type === 'json'
                ? 'a JSON value'
                : '';
  const repeat = spec.list ? 'repeat for several; replaces the list' : spec.map ? 'repeat for several' : '';
  return [what, repeat].filter(Boolean).join('; ');
}

function invalid(flag: string, message: string): ApiError {
  return new ApiError('INVALID_INPUT', `--${flag}: ${message}`);
}

function parseOne(spec: FieldSpec, text: string): unknown {
  const s = spec.shape;
  switch (s.type) {
    case 'text':
      return text;
    case 'choice':
      if (!s.options.includes(text)) throw invalid(spec.flag, `“${text}” is not one of ${s.options.join(', ')}.`);
      return text;
    case 'date':
      return parseDateArgument(text, `--${spec.flag}`);
    case 'number': {
      const n = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(n) || (s.integer && !Number.isInteger(n))) throw invalid(spec.flag, `“${text}” is not ${s.integer ? 'a whole number' : 'a number'}.`);
      return n;
    }
    case 'boolean':
      if (/^(yes|true|1)$/i.test(text.trim())) return true;
      if (/^(no|false|0)$/i.test(text.trim())) return false;
      throw invalid(spec.flag, `“${text}” is not yes or no.`);
    case 'author':
      return authorFromText(text);
    case 'pinpoint':
      return pinpointFromText(text);
    case 'source-ref': {
      const [sourceId, ...rest] = text.trim().split(/\s+/);
      const pinpoint = rest.join(' ');
      return pinpoint ? { sourceId, pinpoint: pinpointFromText(pinpoint) } : { sourceId };
    }
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw invalid(spec.flag, `“${text.slice(0, 60)}” is not JSON.`);
      }
  }
}

/** The value for a field from the texts given for its option (several only for a list or a map). */
export function parseFieldValue(spec: FieldSpec, texts: string[]): unknown {
  if (spec.list) return texts.map((t) => parseOne(spec, t));
  if (spec.map) {
    const entries = texts.map((t) => {
      const eq = t.indexOf('=');
      if (eq <= 0) throw invalid(spec.flag, `“${t}” is not key=value.`);
      return [t.slice(0, eq).trim(), parseOne(spec, t.slice(eq + 1))] as const;
    });
    return Object.fromEntries(entries);
  }
  if (texts.length > 1) throw invalid(spec.flag, 'given more than once; it takes one value.');
  return parseOne(spec, texts[0]);
}
