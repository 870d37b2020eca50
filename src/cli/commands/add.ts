/*
 * casefolio add source|note|event <case>: a new record with any of its fields, the options derived from
 * the contract's field schemas (as `edit` derives them), so what can be edited can also be given at once.
 */
import { Option, type Command } from 'commander';
import type { Api } from '../../shared/api/client';
import type { CallInput } from '../../shared/api/contract';
import { ClaimStatus } from '../../shared/domain';
import { addFieldOptions } from '../fields/field-options';
import { fieldsFromOptions } from '../fields/record-fields';
import { print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

type AddedKind = 'source' | 'note' | 'event';

/** Earlier spellings, still accepted but not shown: scripts written against them keep working. */
const ALIASES: Record<AddedKind, { option: Option; flag: string }[]> = {
  source: [{ option: new Option('--published <date>').hideHelp(), flag: 'published-date' }],
  note: [],
  event: [{ option: new Option('--status <status>').choices(ClaimStatus.options).hideHelp(), flag: 'claim-status' }],
};

const DESCRIPTIONS: Record<AddedKind, string> = {
  source: 'add a source; prints its id',
  note: 'add a note (quotations: `quote add`); prints its id',
  event: 'add a chronology event; prints its id',
};

function create(api: Api, kind: AddedKind, caseId: string, fields: Record<string, unknown>) {
  switch (kind) {
    case 'source':
      return api['sources:create']({ caseId, fields: fields as CallInput<'sources:create'>['fields'] });
    case 'note':
      return api['notes:create']({ caseId, fields: fields as CallInput<'notes:create'>['fields'] });
    case 'event':
      return api['events:create']({ caseId, fields: fields as CallInput<'events:create'>['fields'] });
  }
}

export function registerAddCommands(program: Command, globals: () => GlobalOptions): void {
  const add = program.command('add').description('add a source, note or event to a case');
  for (const kind of ['source', 'note', 'event'] as const) {
    const command = add.command(`${kind} <case>`).description(DESCRIPTIONS[kind]).option('--json', `print the new ${kind} as JSON`);
    const fields = addFieldOptions(command, [kind], { mandatory: true });
    for (const alias of ALIASES[kind]) command.addOption(alias.option);
    command.action((caseKey: string, o: { json?: boolean } & Record<string, unknown>) =>
      withLibrary(globals(), 'write', async (api) => {
        const given = fields.given(o);
        for (const alias of ALIASES[kind]) {
          const value = o[alias.option.attributeName()];
          if (typeof value === 'string' && !given.has(alias.flag)) given.set(alias.flag, [value]);
        }
        const record = await create(api, kind, caseKey, fieldsFromOptions(kind, given));
        if (o.json) printJson(record);
        else print(record.id);
      }),
    );
  }
}
