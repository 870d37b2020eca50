/*
 * Record fields as commander options: one option per field, derived from the schemas (record-fields.ts).
 * Every option collects the raw texts typed; they are turned into values only once the kind of record is
 * known, because `edit` takes any record and learns its kind from its id.
 */
import { Option, type Command } from 'commander';
import { collect } from '../io';
import { valueHelp, valueHint, type FieldSpec } from './field-values';
import { unionOfFields, type EditableKind } from './record-fields';

const human = (field: string) => field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
const attributeOf = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function groupHeading(kinds: EditableKind[], all: readonly EditableKind[]): string {
  if (kinds.length === all.length) return all.length === 1 ? `${capital(all[0])} fields:` : 'Fields of every record:';
  const names = kinds.map((k, i) => (i === 0 ? capital(k) : k));
  return `${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]} fields:`;
}
const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

export interface FieldOptionsAdded {
  /** The texts typed for each field option given, by flag. */
  given(options: Record<string, unknown>): Map<string, string[]>;
}

/**
 * Adds an option for every field of these kinds (those in `skip` left out: a positional argument or a
 * hand-written option holds them). With `mandatory`, a field a new record cannot do without must be given.
 */
export function addFieldOptions(command: Command, kinds: readonly EditableKind[], settings: { skip?: string[]; mandatory?: boolean } = {}): FieldOptionsAdded {
  const entries = unionOfFields(kinds)
    .filter(({ spec }) => !settings.skip?.includes(spec.field))
    .map(({ spec, kinds: having }) => ({ spec, heading: kinds.length > 1 ? groupHeading(having, kinds) : undefined }));
  return addSpecOptions(command, entries, settings.mandatory);
}

/** Options for any fields described from a schema (a record's, a quotation's). */
export function addSpecOptions(command: Command, entries: { spec: FieldSpec; heading?: string }[], mandatory = false): FieldOptionsAdded {
  const added: FieldSpec[] = [];
  for (const { spec, heading } of entries) {
    // A single choice is checked as it is typed (a wrong word is a usage error, exit 2, and --help lists
    // the choices); anything else is collected as text and parsed once the record's kind is known.
    const choices = spec.shape.type === 'choice' && !spec.list && !spec.map ? spec.shape.options : undefined;
    const help = choices ? '' : valueHelp(spec);
    const option = new Option(`--${spec.flag} <${choices ? spec.flag : valueHint(spec)}>`, `${human(spec.field)}${help ? ` (${help})` : ''}`);
    if (choices) option.choices(choices);
    else option.argParser(collect);
    if (mandatory && spec.required) option.makeOptionMandatory();
    if (heading) option.helpGroup(heading);
    command.addOption(option);
    added.push(spec);
  }
  return {
    given(options) {
      const given = new Map<string, string[]>();
      for (const spec of added) {
        const texts = options[attributeOf(spec.flag)];
        if (Array.isArray(texts)) given.set(spec.flag, texts as string[]);
        else if (typeof texts === 'string') given.set(spec.flag, [texts]);
      }
      return given;
    },
  };
}
