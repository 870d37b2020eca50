/*
 * casefolio: the case library from the command line. The same core and the same contract as the
 * desktop app; every input passes the contract's validation. On any error: one line on stderr, and a
 * non-zero exit (1 for a failed operation, 2 for a command used wrongly).
 */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CallInput } from '../shared/api/contract';
import { registerEvidenceCommands } from './commands/evidence';
import { registerInterchangeCommands } from './commands/interchange';
import { registerZoteroCommands } from './commands/zotero';
import { registerDossierCommand } from './commands/dossier';
import { registerPackageCommand } from './commands/package';
import { registerLinksCommand } from './commands/links';
import { registerSiteCommand } from './commands/site';
import { formatCase, formatCaseList } from './format';
import { ansiMarker, formatSearchResults, plainMarker } from './format-search';
import { resolveLibraryDir, unusableCaseFiles, withLibrary, type GlobalOptions } from './library-access';
import { registerUnlockCommand } from './commands/unlock';
import { registerAddCommands } from './commands/add';
import { registerEditCommand } from './commands/edit';
import { registerQuoteCommands } from './commands/quote';
import { registerSearchesCommands, saveSearchByName } from './commands/searches';
import { registerTrashCommands } from './commands/trash';
import { registerSettingsCommand } from './commands/settings';
import { registerSyncCommands } from './commands/sync';
import { registerSourceCommands } from './commands/sources';
import { registerTagCommands } from './commands/tags';
import { registerPeopleCommands } from './commands/people';
import { userMessage } from './errors';
import { print, printJson } from './io';
import { addFieldOptions } from './fields/field-options';
import { fieldsFromOptions } from './fields/record-fields';
import { findAppInstall } from '../core/app-install';

const positiveInteger = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('Use a whole number, e.g. 10.');
  return n;
};

export function buildProgram(): Command {
  const program = new Command('casefolio')
    .description('Casefolio: case files for incidents, and court-ready dossiers from them.')
    .option('--library <dir>', 'the library folder (default: $CASEFOLIO_LIBRARY, else the desktop app’s library)')
    .option('--read-only', 'open the library without taking its lock (when another Casefolio has it open); changes are refused')
    .version(findAppInstall().version, '-V, --version', 'print Casefolio’s version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text.replace(/^error: /, 'casefolio: ')) });
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('init [dir]')
    .description('create an empty library')
    .option('--name <name>', 'the library’s name', 'My case library')
    .option('--json', 'print the library’s folder and name as JSON')
    .action(async (dir: string | undefined, options: { name: string; json?: boolean }) => {
      const target = dir ? path.resolve(dir) : resolveLibraryDir(globals());
      const { createLibrary } = await import('../core/library-session');
      await (await createLibrary(target, options.name, { warm: false })).close();
      if (options.json) printJson({ dir: target, name: options.name });
      else print(`Created an empty library at ${target}`);
    });

  program
    .command('sample [dir]')
    .description('create the sample library (cases from one article on Metropolitan Police failings)')
    .option('--json', 'print the library’s folder and case count as JSON')
    .action(async (dir: string | undefined, options: { json?: boolean }) => {
      const target = dir ? path.resolve(dir) : resolveLibraryDir(globals());
      const { createSampleLibrary } = await import('../core/sample/build-sample');
      const sample = await createSampleLibrary(target, { warm: false });
      const count = sample.lib.read.caseFiles().length;
      await sample.close();
      if (options.json) printJson({ dir: target, cases: count });
      else print(`Created the sample library at ${target} (${count} cases)`);
    });

  program
    .command('cases')
    .description('list cases: slug, title, counts (exits 1, after the list, if a case file could not be read)')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api, lib) => {
        const cases = await api['cases:list']({});
        print(options.json ? JSON.stringify(cases, null, 2) : formatCaseList(cases));
        // The list is incomplete: a script must not take it for the whole library (the files are named on stderr).
        const unusable = unusableCaseFiles(lib);
        if (unusable.length > 0) {
          process.stderr.write(`casefolio: ${unusable.length} case file${unusable.length === 1 ? '' : 's'} could not be read, so ${unusable.length === 1 ? 'it is' : 'they are'} not in this list.\n`);
          process.exitCode = 1;
        }
      }),
    );

  program
    .command('show <case>')
    .description('a case with its chronology, sources and notes (<case> is a slug or an id)')
    .option('--json', 'print JSON')
    .action((key: string, options: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const file = await api['cases:get']({ caseId: key });
        print(options.json ? JSON.stringify(file, null, 2) : formatCase(file));
      }),
    );

  const newCase = program
    .command('new <title>')
    .description('create a case; prints its id')
    .option('--json', 'print the new case as JSON');
  const caseFields = addFieldOptions(newCase, ['case'], { skip: ['title'] });
  newCase.action((title: string, options: { json?: boolean } & Record<string, unknown>) =>
    withLibrary(globals(), 'write', async (api) => {
      const fields = fieldsFromOptions('case', caseFields.given(options));
      const record = await api['cases:create']({ fields: { ...fields, title } as CallInput<'cases:create'>['fields'] });
      if (options.json) printJson(record);
      else print(record.id);
    }),
  );

  registerAddCommands(program, globals);

  program
    .command('attach <case> <source-id> <file>')
    .description('attach a file to a source; stored once, named by its SHA-256 (a regular file, not a symbolic link, up to 512 MiB)')
    .option('--json', 'print the attachment record as JSON')
    .action((key: string, sourceId: string, file: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (_api, lib) => {
        // Straight to the core rather than through the contract: the file is streamed from disk, never base64 in memory.
        const { addAttachmentFromFile } = await import('../core/services/attachments');
        const attachment = await addAttachmentFromFile(lib, key, sourceId, file);
        if (o.json) printJson(attachment);
        else print(`${attachment.id}  sha256 ${attachment.sha256}`);
      }),
    );

  const tag = program.command('tag').description('work on the tag vocabulary');
  tag
    .command('rename <old-path> <new-path>')
    .description('rename a tag and everything beneath it, in every case')
    .option('--merge', 'merge into <new-path> when it already exists')
    .option('--json', 'print how many records changed as JSON')
    .action((from: string, to: string, o: { merge?: boolean; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const { changed } = o.merge ? await api['tags:merge']({ from, into: to }) : await api['tags:rename']({ from, to });
        if (o.json) return printJson({ changed });
        print(`${o.merge ? 'Merged' : 'Renamed'} “${from}” → “${to}” on ${changed} record${changed === 1 ? '' : 's'}.`);
      }),
    );

  program
    .command('search <query>')
    .description('search every case: words, "phrases", -exclusions, OR, and case: tag: kind: status: date: reliability: filters')
    .option('--json', 'print the results as JSON (passages with match offsets)')
    .option('--limit <n>', 'how many cases to show (records, with --flat)', positiveInteger, 10)
    .option('--offset <n>', 'skip this many cases (records, with --flat)', positiveInteger, 0)
    .option('--per-case <n>', 'how many matching records to show under each case', positiveInteger, 3)
    .addOption(new Option('--sort <order>', 'the order of results').choices(['relevance', 'newest', 'oldest', 'title']).default('relevance'))
    .option('--flat', 'list matching records without grouping them by case')
    .option('--save <name>', 'also save the query under this name (replacing the query of a search saved so before)')
    .addHelpText(
      'after',
      `
Examples:
  casefolio search "strip search"                  both words (each also as a prefix, and with a typo)
  casefolio search '"special measures" -inquest'   an exact phrase, leaving out records with "inquest"
  casefolio search 'taser OR restraint tag:theme'  either word, in records tagged theme or beneath it
  casefolio search 'kind:event status:found date:2021..2022'
  casefolio search 'case:everard reliability:A,B'`,
    )
    .action((query: string, o: { json?: boolean; limit: number; offset: number; perCase: number; sort: 'relevance' | 'newest' | 'oldest' | 'title'; flat?: boolean; save?: string }) =>
      withLibrary(globals(), o.save === undefined ? 'read' : 'write', async (api) => {
        const saved = o.save === undefined ? undefined : await saveSearchByName(api, o.save, query);
        if (saved && !o.json) process.stderr.write(`Saved as “${saved.name}”; run it again with: casefolio searches run "${saved.name}"\n`);
        const results = await api['search:query']({ query, limit: o.limit, offset: o.offset, hitsPerCase: o.perCase, sort: o.sort, group: !o.flat });
        const colour = process.stdout.isTTY && !process.env.NO_COLOR;
        print(o.json ? JSON.stringify(results, null, 2) : formatSearchResults(results, colour ? ansiMarker : plainMarker));
      }),
    );

  program
    .command('reindex')
    .description('rebuild the search index from the case files and save it (it is rebuilt by itself when missing or out of date)')
    .option('--json', 'print the index status as JSON')
    .action((o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (_api, _lib, session) => {
        const status = await session.search.rebuildNow();
        if (o.json) return printJson(status);
        print(`Indexed ${status.documents} records in ${status.loadMs ?? 0} ms.`);
      }),
    );

  program
    .command('check')
    .description('validate every file and attachment; exits non-zero on any problem')
    .option('--repair', 'back up first, then repair what can be repaired and report the rest')
    .option('--json', 'print the findings as JSON')
    .action(async (o: { json?: boolean; repair?: boolean }) => {
      const dir = resolveLibraryDir(globals());
      if (o.repair) {
        const { repairLibrary } = await import('../core/repair');
        const report = await repairLibrary(dir);
        if (o.json) printJson(report);
        else {
          print(`Backed up to ${report.backupDir}`);
          for (const line of report.repaired) print(`repaired  ${line}`);
          for (const p of report.remaining) print(`problem   ${p.file}: ${p.reason}`);
          if (report.repaired.length === 0 && report.remaining.length === 0) print('No problems found.');
        }
        if (report.remaining.length > 0) process.exitCode = 1;
        return;
      }
      const { checkLibrary } = await import('../core/check');
      const report = await checkLibrary(dir);
      if (o.json) printJson(report);
      else print(report.problems.length === 0 ? `No problems: ${report.filesChecked} files checked.` : report.problems.map((p) => `${p.file}: ${p.reason}`).join('\n'));
      if (report.problems.length > 0) process.exitCode = 1;
    });

  registerTagCommands(tag, globals);
  registerEditCommand(program, globals);
  registerSourceCommands(program, globals);
  registerSettingsCommand(program, globals);
  registerSyncCommands(program, globals);
  registerQuoteCommands(program, globals);
  registerTrashCommands(program, globals);
  registerSearchesCommands(program, globals);
  registerEvidenceCommands(program, globals);
  registerInterchangeCommands(program, globals);
  registerZoteroCommands(program, globals);
  registerDossierCommand(program, globals);
  registerUnlockCommand(program, globals);
  registerPackageCommand(program, globals);
  registerLinksCommand(program, globals);
  registerSiteCommand(program, globals);
  registerPeopleCommands(program, globals);

  program
    .command('export-json <case>')
    .description('print a case file as JSON')
    .action((key: string) =>
      withLibrary(globals(), 'read', async (_api, lib) => {
        printJson(lib.requireCase(key));
      }),
    );

  groupCommands(program);
  return program;
}

/** --help lists commands by what they are for; a command not listed here appears under "Commands:". */
const COMMAND_GROUPS: [heading: string, names: string[]][] = [
  ['The library:', ['init', 'sample', 'settings', 'check', 'backup', 'unlock']],
  ['Cases and records:', ['cases', 'show', 'new', 'add', 'edit', 'quote', 'attach', 'detach', 'text', 'move', 'tag', 'delete', 'trash', 'restore', 'erase', 'undo']],
  ['Search:', ['search', 'searches', 'reindex']],
  ['Evidence:', ['capture', 'verify', 'journal', 'custody', 'extract-text', 'links']],
  ['Citations, dossiers and exports:', ['cite', 'import', 'import-zotero', 'export', 'export-bundle', 'dossier', 'export-json']],
  ['Archival outputs:', ['package', 'site']],
  ['Team sync (git):', ['sync']],
  ['People:', ['people', 'person']],
];

function groupCommands(program: Command): void {
  for (const [heading, names] of COMMAND_GROUPS) {
    for (const command of program.commands) if (names.includes(command.name())) command.helpGroup(heading);
  }
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(`casefolio: ${userMessage(error)}\n`);
    return 1;
  }
}
