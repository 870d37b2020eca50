/*
 * casefolio quote add|edit|remove: quotations live inside a note (the window edits them in the note editor),
 * so both go through notes:update with the note's whole list of quotations, kept as it was but for the
 * one added or removed. The options of `quote add` are the contract's quotation fields.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { QuotationInput } from '../../shared/api/inputs';
import { formatPinpoint, type NoteRecord } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { Api } from '../../shared/api/client';
import type { CaseLibrary } from '../../core/library-session';
import { locateRecord } from '../../core/services/locate';
import { addSpecOptions } from '../fields/field-options';
import { fieldSetOf, fieldsFromOptions, patchFromOptions } from '../fields/record-fields';
import { collect, print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

/** The quotation fields a person gives; the id is the core's to assign. */
const QUOTATION = fieldSetOf('quotation', QuotationInput, ['id']);

async function noteOf(api: Api, caseId: string, noteId: string): Promise<NoteRecord> {
  const note = (await api['cases:get']({ caseId })).notes.find((n) => n.id === noteId);
  if (!note) throw new ApiError('NOT_FOUND', `The note ${noteId} is in the trash; bring it back with \`casefolio restore ${noteId}\` first.`);
  return note;
}

async function quotationNote(api: Api, lib: CaseLibrary, quotationId: string): Promise<{ caseId: string; note: NoteRecord }> {
  const located = locateRecord(lib, quotationId);
  if (located.kind !== 'quotation') throw new ApiError('INVALID_INPUT', `${quotationId} is a ${located.kind}, not a quotation.`);
  return { caseId: located.caseId, note: await noteOf(api, located.caseId, located.noteId!) };
}

export function registerQuoteCommands(program: Command, globals: () => GlobalOptions): void {
  const quote = program.command('quote').description('add, change or remove a quotation in a note');

  const add = quote
    .command('add <note-id>')
    .description('add a quotation from one of the case’s sources to a note; prints its id')
    .option('--json', 'print the changed note as JSON');
  const fields = addSpecOptions(add, QUOTATION.specs.map((spec) => ({ spec })), true);
  add.addHelpText('after', '\nExample:\n  casefolio quote add note_1a… --source-id src_4f… --quote "The force failed her." --pinpoint "para. 12"');
  add.action((noteId: string, o: { json?: boolean } & Record<string, unknown>) =>
    withLibrary(globals(), 'write', async (api, lib) => {
      const located = locateRecord(lib, noteId);
      if (located.kind !== 'note') throw new ApiError('INVALID_INPUT', `${noteId} is a ${located.kind}, not a note; quotations belong to notes.`);
      const note = await noteOf(api, located.caseId, noteId);
      const quotation = fieldsFromOptions(QUOTATION, fields.given(o));
      const before = new Set(note.quotations.map((q) => q.id));
      const changed = await api['notes:update']({
        caseId: located.caseId,
        noteId,
        patch: { quotations: [...note.quotations, quotation as z.input<typeof QuotationInput>] },
      });
      if (o.json) return printJson(changed);
      const added = changed.quotations.find((q) => !before.has(q.id))!;
      print(added.id);
    }),
  );

  const edit = quote
    .command('edit <quotation-id>')
    .description('change a quotation’s words, source or pinpoint; it keeps its id')
    .option('--clear <field>', 'empty the pinpoint: --clear pinpoint', collect)
    .option('--json', 'print the changed note as JSON');
  const edits = addSpecOptions(edit, QUOTATION.specs.map((spec) => ({ spec })));
  edit.action((quotationId: string, o: { clear?: string[]; json?: boolean } & Record<string, unknown>) =>
    withLibrary(globals(), 'write', async (api, lib) => {
      const { caseId, note } = await quotationNote(api, lib, quotationId);
      const patch = patchFromOptions(QUOTATION, edits.given(o), o.clear ?? []);
      const quotations = note.quotations.map((q) => {
        if (q.id !== quotationId) return q;
        const next: Record<string, unknown> = { ...q };
        for (const [field, value] of Object.entries(patch)) {
          if (value === null) delete next[field];
          else next[field] = value;
        }
        return next as z.input<typeof QuotationInput>;
      });
      const changed = await api['notes:update']({ caseId, noteId: note.id, patch: { quotations } });
      if (o.json) return printJson(changed);
      const q = changed.quotations.find((x) => x.id === quotationId)!;
      print(`Changed the quotation ${quotationId}: “${q.quote.slice(0, 60)}”${q.pinpoint ? ` (${formatPinpoint(q.pinpoint)})` : ''}.`);
    }),
  );

  quote
    .command('remove <quotation-id>')
    .description('remove a quotation from its note (`show` prints quotation ids)')
    .option('--json', 'print the changed note as JSON')
    .action((quotationId: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (api, lib) => {
        const { caseId, note } = await quotationNote(api, lib, quotationId);
        const removed = note.quotations.find((q) => q.id === quotationId)!;
        const changed = await api['notes:update']({ caseId, noteId: note.id, patch: { quotations: note.quotations.filter((q) => q.id !== quotationId) } });
        if (o.json) return printJson(changed);
        print(`Removed “${removed.quote.slice(0, 60)}”${removed.pinpoint ? ` (${formatPinpoint(removed.pinpoint)})` : ''} from the note “${note.title}”.`);
      }),
    );
}
