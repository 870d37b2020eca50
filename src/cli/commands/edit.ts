/*
 * casefolio edit <record-id> --field value … --clear field …: change any case, source, note or event,
 * found by its id alone. The options are the contract's fields (record-fields.ts); the change goes
 * through the kind's update call, which validates it as it validates the window's.
 */
import type { Command } from 'commander';
import type { Api } from '../../shared/api/client';
import type { CallInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/errors';
import { locateRecord, type LocatedRecord } from '../../core/services/locate';
import { addFieldOptions } from '../fields/field-options';
import { EDITABLE_KINDS, patchFromOptions, type EditableKind } from '../fields/record-fields';
import { collect, print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

type Patch = Record<string, unknown>;

export function updateRecord(api: Api, record: LocatedRecord & { kind: EditableKind }, patch: Patch) {
  const { caseId, id } = record;
  switch (record.kind) {
    case 'case':
      return api['cases:update']({ caseId, patch: patch as CallInput<'cases:update'>['patch'] });
    case 'source':
      return api['sources:update']({ caseId, sourceId: id, patch: patch as CallInput<'sources:update'>['patch'] });
    case 'note':
      return api['notes:update']({ caseId, noteId: id, patch: patch as CallInput<'notes:update'>['patch'] });
    case 'event':
      return api['events:update']({ caseId, eventId: id, patch: patch as CallInput<'events:update'>['patch'] });
  }
}

/** A record that can be edited: not a quotation (it lives in its note) and not in the trash. */
export function editableRecord(record: LocatedRecord): LocatedRecord & { kind: EditableKind } {
  if (record.kind === 'quotation') {
    throw new ApiError('INVALID_INPUT', `${record.id} is a quotation in note ${record.noteId}; remove it with \`casefolio quote remove ${record.id}\` and add it again with \`casefolio quote add\`.`);
  }
  if (record.inTrash) throw new ApiError('CONFLICT', `The ${record.kind} “${record.title}” is in the trash; bring it back with \`casefolio restore ${record.id}\` first.`);
  return record as LocatedRecord & { kind: EditableKind };
}

const fieldName = (flag: string) => flag.replace(/-/g, ' ');

export function registerEditCommand(program: Command, globals: () => GlobalOptions): void {
  const edit = program
    .command('edit <record-id>')
    .description('change fields of a case, source, note or event (found by its id; `show` prints ids)')
    .option('--case <case>', 'look for the record only in this case (slug or id)')
    .option('--clear <field>', 'empty a field, e.g. --clear accessed-date (repeatable)', collect)
    .option('--json', 'print the changed record as JSON');
  const fields = addFieldOptions(edit, EDITABLE_KINDS);
  edit.addHelpText(
    'after',
    `
Which fields apply depends on the kind of record the id names. A list (--author, --tag, --source …)
is replaced by the values given; --clear it to empty it.

Examples:
  casefolio edit src_4f… --author "Dodd, Vikram" --author "Metropolitan Police Service" --reliability B
  casefolio edit src_4f… --accessed-date 28/06/2022 --archive-url https://web.archive.org/web/2022/https://…
  casefolio edit evt_91… --claim-status found --source "src_4f… para. 12"
  casefolio edit src_4f… --clear reliability --clear accessed-date`,
  );
  edit.action((id: string, o: { case?: string; clear?: string[]; json?: boolean } & Record<string, unknown>) =>
    withLibrary(globals(), 'write', async (api, lib) => {
      const record = editableRecord(locateRecord(lib, id, o.case));
      const given = fields.given(o);
      const patch = patchFromOptions(record.kind, given, o.clear ?? []);
      const changed = await updateRecord(api, record, patch);
      if (o.json) return printJson(changed);
      const set = [...given.keys()].map(fieldName);
      const cleared = (o.clear ?? []).map(fieldName);
      const what = [set.length ? `set ${set.join(', ')}` : '', cleared.length ? `cleared ${cleared.join(', ')}` : ''].filter(Boolean).join('; ');
      print(`Changed ${record.kind} ${record.id} “${changed.title}”: ${what}.`);
    }),
  );
}
