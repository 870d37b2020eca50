/*
 * casefolio: the case library from the command line. The same core and the same contract as the
 * desktop app; every input passes the contract's validation. On any error: one line on stderr, and a
 * non-zero exit (1 for a failed operation, 2 for a command used wrongly).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CaseLibrary } from '../core/case-library';
import { createSampleLibrary } from '../core/sample/build-sample';
import { ApiError } from '../shared/errors';
import { CLAIM_STATUSES_TEXT, parseDateArgument } from './arguments';
import { checkLibrary } from '../core/check';
import { registerEvidenceCommands } from './commands/evidence';
import { registerInterchangeCommands } from './commands/interchange';
import { repairLibrary } from '../core/repair';
import { registerDossierCommand } from './commands/dossier';
import { registerPackageCommand } from './commands/package';
import { registerLinksCommand } from './commands/links';
import { registerSiteCommand } from './commands/site';
import { formatCase, formatCaseList } from './format';
import { ansiMarker, formatSearchResults, plainMarker } from './format-search';
import { rebuildSearchIndex } from '../core/search/search-service';
import { resolveLibraryDir, withLibrary, type GlobalOptions } from './library-access';
import { ClaimStatus, SOURCE_KINDS } from '../shared/domain';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const positiveInteger = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('Use a whole number, e.g. 10.');
  return n;
};
const print = (text: string) => process.stdout.write(`${text}\n`);
const printJson = (value: unknown) => print(JSON.stringify(value, null, 2));

export function buildProgram(): Command {
  const program = new Command('casefolio')
    .description('Casefolio: case files for incidents, and court-ready dossiers from them.')
    .option('--library <dir>', 'the library folder (default: $CASEFOLIO_LIBRARY, else the desktop app’s library)')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text.replace(/^error: /, 'casefolio: ')) });
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('init [dir]')
    .description('create an empty library')
    .option('--name <name>', 'the library’s name', 'My case library')
    .action(async (dir: string | undefined, options: { name: string }) => {
      const target = dir ? path.resolve(dir) : resolveLibraryDir(globals());
      const lib = await CaseLibrary.create(target, options.name);
      await lib.close();
      print(`Created an empty library at ${target}`);
    });

  program
    .command('sample [dir]')
    .description('create the sample library (cases from one article on Metropolitan Police failings)')
    .action(async (dir: string | undefined) => {
      const target = dir ? path.resolve(dir) : resolveLibraryDir(globals());
      const lib = await createSampleLibrary(target);
      const count = lib.store.caseFiles().length;
      await lib.close();
      print(`Created the sample library at ${target} (${count} cases)`);
    });

  program
    .command('cases')
    .description('list cases: slug, title, counts')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const cases = await api['cases:list']({});
        print(options.json ? JSON.stringify(cases, null, 2) : formatCaseList(cases));
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

  program
    .command('new <title>')
    .description('create a case; prints its id')
    .option('--slug <slug>', 'a short name for the command line, e.g. child-q')
    .option('--summary <text>', 'a summary (markdown)')
    .option('--json', 'print the new case as JSON')
    .action((title: string, options: { slug?: string; summary?: string; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const record = await api['cases:create']({ fields: { title, slug: options.slug, summary: options.summary } });
        if (options.json) printJson(record);
        else print(record.id);
      }),
    );

  const add = program.command('add').description('add a source, note or event to a case');
  add
    .command('source <case>')
    .description('add a source; prints its id')
    .requiredOption('--title <title>', 'the source’s title')
    .option('--url <url>', 'its web address')
    .addOption(new Option('--kind <kind>', 'what kind of source').choices(SOURCE_KINDS).default('other'))
    .option('--publisher <name>', 'who published it')
    .option('--published <date>', 'when: 2022, June 2022, 28/06/2022 …')
    .option('--tag <path>', 'a tag such as theme/misogyny (repeatable)', collect)
    .option('--json', 'print the new source as JSON')
    .action((key: string, o: { title: string; url?: string; kind: (typeof SOURCE_KINDS)[number]; publisher?: string; published?: string; tag?: string[]; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const record = await api['sources:create']({
          caseId: key,
          fields: { title: o.title, url: o.url, kind: o.kind, publisher: o.publisher, publishedDate: parseDateArgument(o.published, '--published'), tags: o.tag ?? [] },
        });
        if (o.json) printJson(record);
        else print(record.id);
      }),
    );
  add
    .command('note <case>')
    .description('add a note; prints its id')
    .requiredOption('--title <title>', 'the note’s title')
    .requiredOption('--body <text>', 'the note (markdown)')
    .option('--tag <path>', 'a tag (repeatable)', collect)
    .option('--json', 'print the new note as JSON')
    .action((key: string, o: { title: string; body: string; tag?: string[]; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const record = await api['notes:create']({ caseId: key, fields: { title: o.title, body: o.body, tags: o.tag ?? [] } });
        if (o.json) printJson(record);
        else print(record.id);
      }),
    );
  add
    .command('event <case>')
    .description('add a chronology event; prints its id')
    .requiredOption('--date <date>', 'when: 2022, June 2022, 28/06/2022, c. 2021, 28 June [2022] …')
    .requiredOption('--title <title>', 'what happened')
    .addOption(new Option('--status <status>', `claim status: ${CLAIM_STATUSES_TEXT}`).choices(ClaimStatus.options).default('alleged'))
    .option('--tag <path>', 'a tag (repeatable)', collect)
    .option('--json', 'print the new event as JSON')
    .action((key: string, o: { date: string; title: string; status: ClaimStatus; tag?: string[]; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const record = await api['events:create']({ caseId: key, fields: { date: parseDateArgument(o.date, '--date')!, title: o.title, claimStatus: o.status, tags: o.tag ?? [] } });
        if (o.json) printJson(record);
        else print(record.id);
      }),
    );

  program
    .command('attach <case> <source-id> <file>')
    .description('attach a file to a source; stored once, named by its SHA-256')
    .option('--json', 'print the attachment record as JSON')
    .action((key: string, sourceId: string, file: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
          throw new ApiError('NOT_FOUND', `Cannot read ${file} (${error.code ?? error.message}).`);
        });
        const attachment = await api['attachments:add']({ caseId: key, sourceId, fileName: path.basename(file), contentBase64: bytes.toString('base64') });
        if (o.json) printJson(attachment);
        else print(`${attachment.id}  sha256 ${attachment.sha256}`);
      }),
    );

  const tag = program.command('tag').description('work on the tag vocabulary');
  tag
    .command('rename <old-path> <new-path>')
    .description('rename a tag and everything beneath it, in every case')
    .option('--merge', 'merge into <new-path> when it already exists')
    .action((from: string, to: string, o: { merge?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const { changed } = o.merge ? await api['tags:merge']({ from, into: to }) : await api['tags:rename']({ from, to });
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
    .action((query: string, o: { json?: boolean; limit: number; offset: number; perCase: number; sort: 'relevance' | 'newest' | 'oldest' | 'title'; flat?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const results = await api['search:query']({ query, limit: o.limit, offset: o.offset, hitsPerCase: o.perCase, sort: o.sort, group: !o.flat });
        const colour = process.stdout.isTTY && !process.env.NO_COLOR;
        print(o.json ? JSON.stringify(results, null, 2) : formatSearchResults(results, colour ? ansiMarker : plainMarker));
      }),
    );

  program
    .command('reindex')
    .description('rebuild the search index from the case files and save it (it is rebuilt by itself when missing or out of date)')
    .action(() =>
      withLibrary(globals(), 'write', async (_api, lib) => {
        const status = await rebuildSearchIndex(lib);
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
      const report = await checkLibrary(dir);
      if (o.json) printJson(report);
      else print(report.problems.length === 0 ? `No problems: ${report.filesChecked} files checked.` : report.problems.map((p) => `${p.file}: ${p.reason}`).join('\n'));
      if (report.problems.length > 0) process.exitCode = 1;
    });

  registerEvidenceCommands(program, globals);
  registerInterchangeCommands(program, globals);
  registerDossierCommand(program, globals);
  registerPackageCommand(program, globals);
  registerLinksCommand(program, globals);
  registerSiteCommand(program, globals);

  program
    .command('export-json <case>')
    .description('print a case file as JSON')
    .action((key: string) =>
      withLibrary(globals(), 'read', async (_api, lib) => {
        printJson(lib.requireCase(key));
      }),
    );

  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`casefolio: ${message.split('\n')[0]}\n`);
    return 1;
  }
}

if (process.argv[1] && /casefolio(\.js)?$|cli[\\/]main\.ts$/.test(process.argv[1])) {
  process.exitCode = await run(process.argv.slice(2));
}
