/*
 * The trash and taking changes back: `delete` moves records to the trash, `trash` lists it, `restore <id>`
 * brings a record back through `trash:restore` (the `restore` command itself is shared with backups: see interchange.ts), and
 * `erase` deletes from the trash for good, and `undo` says what undo means for a command that is its own session.
 */
import type { Command } from 'commander';
import type { Api } from '../../shared/api/client';
import type { TrashItem } from '../../shared/api/types';
import { ApiError } from '../../shared/errors';
import { locateRecord, type LocatedRecord } from '../../core/services/locate';
import { table } from '../format';
import { plural, print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

function whereIs(item: TrashItem): string {
  if (item.ref.kind === 'person') return ' in the people register';
  return item.ref.kind === 'case' ? '' : ` in “${item.caseTitle}”`;
}

export function formatTrash(items: TrashItem[]): string {
  if (items.length === 0) return 'The trash is empty.';
  return table([
    ['DELETED (UTC)', 'KIND', 'ID', 'TITLE'],
    ...items.map((i) => [i.deletedAt.slice(0, 16).replace('T', ' '), i.ref.kind, i.ref.id, `“${i.title}”${whereIs(i)}`]),
  ]);
}

function trashable(record: LocatedRecord): LocatedRecord & { kind: 'case' | 'source' | 'note' | 'event' } {
  if (record.kind === 'quotation') throw new ApiError('INVALID_INPUT', `${record.id} is a quotation; remove it with \`casefolio quote remove ${record.id}\`.`);
  if (record.inTrash) throw new ApiError('CONFLICT', `The ${record.kind} “${record.title}” is already in the trash.`);
  return record as LocatedRecord & { kind: 'case' | 'source' | 'note' | 'event' };
}

/** Moves records to the trash: several of one kind in one case go as one change, as the window's bulk bar does. */
async function deleteRecords(api: Api, records: (LocatedRecord & { kind: 'case' | 'source' | 'note' | 'event' })[]): Promise<void> {
  const groups = new Map<string, typeof records>();
  for (const r of records) groups.set(`${r.caseId} ${r.kind}`, [...(groups.get(`${r.caseId} ${r.kind}`) ?? []), r]);
  for (const group of groups.values()) {
    const { kind, caseId } = group[0];
    if (kind === 'case') await api['cases:delete']({ caseId });
    else if (group.length > 1) await api['records:trash']({ caseId, kind, ids: group.map((r) => r.id) });
    else if (kind === 'source') await api['sources:delete']({ caseId, sourceId: group[0].id });
    else if (kind === 'note') await api['notes:delete']({ caseId, noteId: group[0].id });
    else await api['events:delete']({ caseId, eventId: group[0].id });
  }
}

const UNDO_IN_ONE_COMMAND =
  'Nothing to undo: undo reaches back only within one session, and each casefolio command is a session of its own ' +
  '(in the desktop app, Ctrl+Z undoes the edits made since it opened). To take a change back here: ' +
  '`casefolio restore <id>` brings back what was deleted, `casefolio edit` sets a field back, and `casefolio journal <case>` shows what changed.';

export function registerTrashCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('delete <record-id...>')
    .description('move cases, sources, notes or events to the trash (restore brings them back)')
    .option('--case <case>', 'look for the records only in this case (slug or id)')
    .option('--json', 'print what was moved as JSON')
    .action((ids: string[], o: { case?: string; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api, lib) => {
        const records = [...new Set(ids)].map((id) => trashable(locateRecord(lib, id, o.case)));
        await deleteRecords(api, records);
        if (o.json) return printJson(records.map(({ kind, id, caseId, title }) => ({ kind, id, caseId, title })));
        print(`Moved ${plural(records.length, 'record')} to the trash: ${records.map((r) => `${r.kind} “${r.title}”`).join(', ')}.`);
      }),
    );

  program
    .command('trash')
    .description('list what is in the trash, newest first')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const items = await api['trash:list']({});
        print(o.json ? JSON.stringify(items, null, 2) : formatTrash(items));
      }),
    );

  program
    .command('erase [record-id...]')
    .description('delete items in the trash permanently (cannot be undone): cases, records and people, files nothing else uses, their backups')
    .option('--all', 'everything in the trash')
    .option('--yes', 'confirm; without it nothing is erased and what would go is listed')
    .option('--json', 'print what was erased as JSON')
    .action((ids: string[], o: { all?: boolean; yes?: boolean; json?: boolean }) =>
      withLibrary(globals(), o.yes ? 'write' : 'read', async (api, lib) => {
        const trash = await api['trash:list']({});
        const items = o.all
          ? trash
          : [...new Set(ids)].map((key) => {
              // People of the register are named by their id; records by id or by what locateRecord accepts.
              const id = trash.some((t) => t.ref.kind === 'person' && t.ref.id === key) ? key : locateRecord(lib, key).id;
              const item = trash.find((t) => t.ref.id === id);
              if (!item) throw new ApiError('CONFLICT', `${key} is not in the trash; move it there first with \`casefolio delete ${key}\`.`);
              return item;
            });
        if (!items.length) throw new ApiError('INVALID_INPUT', o.all ? 'The trash is empty.' : 'Name the items in the trash to erase, or --all to empty it.');
        if (!o.yes) {
          process.exitCode = 1;
          return print(`${formatTrash(items)}\nNothing was erased. These would be deleted for good, with the files nothing else uses: add --yes to erase them.`);
        }
        const report = await api['trash:erase']({ items: items.map((i) => i.ref) });
        if (o.json) return printJson(report);
        print(`Erased ${plural(report.items, 'item')} and ${plural(report.files, 'stored file')} for good. The journal records the erasure, not what was erased.`);
      }),
    );

  program
    .command('undo')
    .description('undo the last change of this session (a command line session is one command: see --help)')
    .option('--json', 'print what was undone as JSON')
    .addHelpText('after', `\n${UNDO_IN_ONE_COMMAND}`)
    .action((o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const outcome = await api['history:undo']({}).catch((error: unknown) => {
          throw error instanceof ApiError && error.code === 'NOTHING_TO_UNDO' ? new ApiError('NOTHING_TO_UNDO', UNDO_IN_ONE_COMMAND) : error;
        });
        print(o.json ? JSON.stringify(outcome, null, 2) : `Undone: ${outcome.label}`);
      }),
    );
}
