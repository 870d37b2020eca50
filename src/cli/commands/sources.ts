/*
 * Source commands the window has beyond editing fields: move or copy a source (with its attachments) to
 * another case, detach a file, and read an attachment's text page by page (for quoting with a pinpoint).
 */
import type { Command } from 'commander';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../../core/library-session';
import { locateRecord } from '../../core/services/locate';
import { print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

/** The case of a source named by id, or an error if the id names something else. */
function sourceCase(lib: CaseLibrary, sourceId: string): string {
  const record = locateRecord(lib, sourceId);
  if (record.kind !== 'source') throw new ApiError('INVALID_INPUT', `${sourceId} is a ${record.kind}, not a source.`);
  if (record.inTrash) throw new ApiError('CONFLICT', `The source “${record.title}” is in the trash; bring it back with \`casefolio restore ${sourceId}\` first.`);
  return record.caseId;
}

export function registerSourceCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('move <source-id> <to-case>')
    .description('move a source, with its attachments, to another case (--copy keeps it here too)')
    .option('--copy', 'copy instead of moving; the copy gets a new id')
    .option('--json', 'print the source in its new case as JSON')
    .action((sourceId: string, toCaseId: string, o: { copy?: boolean; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api, lib) => {
        const caseId = sourceCase(lib, sourceId);
        const moved = await api['sources:transfer']({ caseId, sourceId, toCaseId, mode: o.copy ? 'copy' : 'move' });
        if (o.json) return printJson(moved);
        print(`${o.copy ? 'Copied' : 'Moved'} “${moved.title}” to ${toCaseId}${o.copy ? ` as ${moved.id}` : ''}.`);
      }),
    );

  program
    .command('detach <source-id> <attachment-id>')
    .description('remove an attached file from a source (the journal keeps its hash)')
    .option('--json', 'print the source as JSON afterwards')
    .action((sourceId: string, attachmentId: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (api, lib) => {
        const caseId = sourceCase(lib, sourceId);
        await api['attachments:remove']({ caseId, sourceId, attachmentId });
        const source = (await api['cases:get']({ caseId })).sources.find((s) => s.id === sourceId)!;
        if (o.json) return printJson(source);
        print(`Detached ${attachmentId} from “${source.title}”.`);
      }),
    );

  program
    .command('text <source-id> <attachment-id>')
    .description('the text of an attachment, page by page with its printed page labels')
    .option('--json', 'print JSON')
    .action((sourceId: string, attachmentId: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api, lib) => {
        const text = await api['attachments:text']({ caseId: sourceCase(lib, sourceId), sourceId, attachmentId });
        if (o.json) return printJson(text);
        if (text.error) throw new ApiError('UNSUPPORTED', text.error.message);
        print(text.pages.map((p) => `--- page ${p.label} ---\n${p.text}`).join('\n'));
        if (text.truncated) process.stderr.write('casefolio: the file has more text than is kept; the rest is left out.\n');
      }),
    );
}
