/*
 * casefolio quote add|remove: quotations live inside a note (the window edits them in the note editor),
 * so both go through notes:update with the note's whole list of quotations, kept as it was but for the
 * one added or removed. The options of `quote add` are the contract's quotation fields.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { QuotationInput } from '../../shared/api/inputs';
import { formatPinpoint, type NoteRecord } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { Api } from '../../shared/api/client';
import { locateRecord } from '../../core/services/locate';
import { addSpecOptions } from '../fields/field-options';
import { describeField, parseFieldValue } from '../fields/field-values';
import { print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

/** The quotation fields a person gives; the id is the core's to assign. */
export const QUOTATION_SPECS = Object.entries(QuotationInput.shape)
  .filter(([field]) => field !== 'id')
  .map(([field, schema]) => describeField(field, schema as z.ZodType));

async function noteOf(api: Api, caseId: string, noteId: string): Promise<NoteRecord> {
  const note = (await api['cases:get']({ caseId })).notes.find((n) => n.id === noteId);
  if (!note) throw new ApiError('NOT_FOUND', `The note ${noteId} is in the trash; bring it back with \`casefolio restore ${noteId}\` first.`);
  return note;
}

export function registerQuoteCommands(program: Command, globals: () => GlobalOptions): void {
  const quote = program.command('quote').description('add or remove a quotation in a note');

  const add = quote
    .command('add <note-id>')
    .description('add a quotation from one of the case’s sources to a note; prints its id')
    .option('--json', 'print the changed note as JSON');
  const fields = addSpecOptions(add, QUOTATION_SPECS.map((spec) => ({ spec })), true);
  add.addHelpText('after', '\nExample:\n  casefolio quote add note_1a… --source-id src_4f… --quote "The force failed her." --pinpoint "para. 12"');
  add.action((noteId: string, o: { json?: boolean } & Record<string, unknown>) =>
    withLibrary(globals(), 'write', async (api, lib) => {
      const located = locateRecord(lib, noteId);
      if (located.kind !== 'note') throw new ApiError('INVALID_INPUT', `${noteId} is a ${located.kind}, not a note; quotations belong to notes.`);
      const note = await noteOf(api, located.caseId, noteId);
      const quotation: Record<string, unknown> = {};
      for (const [flag, texts] of fields.given(o)) {
        const spec = QUOTATION_SPECS.find((s) => s.flag === flag)!;
        quotation[spec.field] = parseFieldValue(spec, texts);
      }
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

  quote
    .command('remove <quotation-id>')
    .description('remove a quotation from its note (`show` prints quotation ids)')
    .option('--json', 'print the changed note as JSON')
    .action((quotationId: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (api, lib) => {
        const located = locateRecord(lib, quotationId);
        if (located.kind !== 'quotation') throw new ApiError('INVALID_INPUT', `${quotationId} is a ${located.kind}, not a quotation.`);
        const note = await noteOf(api, located.caseId, located.noteId!);
        const removed = note.quotations.find((q) => q.id === quotationId)!;
        const changed = await api['notes:update']({ caseId: located.caseId, noteId: note.id, patch: { quotations: note.quotations.filter((q) => q.id !== quotationId) } });
        if (o.json) return printJson(changed);
        print(`Removed “${removed.quote.slice(0, 60)}”${removed.pinpoint ? ` (${formatPinpoint(removed.pinpoint)})` : ''} from the note “${note.title}”.`);
      }),
    );
}
