/* Commands that move sources and libraries in and out: import, export, cite, backup, restore. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { CITATION_STYLE_IDS, type CitationStyleId } from '../../shared/api/contract';
import type { ImportReport } from '../../shared/api/types';
import { ApiError } from '../../shared/errors';
import { fileError } from '../errors';
import { collect, plural, print, printJson } from '../io';
import { resolveLibraryDir, withLibrary, type GlobalOptions } from '../library-access';

const FORMATS = ['csl-json', 'bibtex', 'ris'] as const;
const MAX_IMPORT_BYTES = 50_000_000;

export function formatImportReport(report: ImportReport, caseTitle: string, fileName: string): string {
  const lines = [`Imported ${report.imported.length} of ${plural(report.total, 'entry', 'entries')} from ${fileName} (${report.format}) into “${caseTitle}”.`];
  for (const e of report.imported) {
    lines.push(`  + ${e.sourceId}  ${e.title}`);
    for (const w of e.warnings) lines.push(`      note: ${w}`);
  }
  if (report.skipped.length) lines.push(`Skipped ${report.skipped.length}, already in the case:`);
  for (const e of report.skipped) lines.push(`  = entry ${e.index}${e.key ? ` (${e.key})` : ''}: ${e.title} — ${e.reason}`);
  if (report.failed.length) lines.push(`Could not import ${report.failed.length}; nothing of them was stored:`);
  for (const e of report.failed) {
    const where = [e.line !== undefined ? `line ${e.line}` : undefined, e.key].filter(Boolean).join(', ');
    lines.push(`  ! entry ${e.index}${where ? ` (${where})` : ''}${e.title ? ` “${e.title}”` : ''}: ${e.reason}`);
  }
  return lines.join('\n');
}

async function readInput(file: string, limit: number): Promise<string> {
  // Opened non-blocking and checked on the handle: a named pipe or a device is refused, not waited on or read forever.
  const { readRegularTextFile } = await import('../../core/storage/regular-file');
  return readRegularTextFile(file, limit, () => new ApiError('TOO_LARGE', `${file} is larger than ${Math.round(limit / 1e6)} MB.`));
}

export function registerInterchangeCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('import <file>')
    .description('import sources from CSL-JSON, BibTeX or RIS (a Zotero export); entries that cannot be read are reported and the rest imported; exits 1 if any failed')
    .requiredOption('--case <case>', 'the case to add the sources to')
    .addOption(new Option('--format <format>', 'the file’s format (default: from its extension or content)').choices(FORMATS))
    .option('--json', 'print the report as JSON')
    .action((file: string, o: { case: string; format?: (typeof FORMATS)[number]; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const text = await readInput(file, MAX_IMPORT_BYTES);
        const report = await api['sources:import']({ caseId: o.case, text, format: o.format, fileName: path.basename(file) });
        if (o.json) printJson(report);
        else print(formatImportReport(report, (await api['cases:get']({ caseId: o.case })).case.title, path.basename(file)));
        if (report.failed.length > 0) process.exitCode = 1;
      }),
    );

  program
    .command('cite <case>')
    .description('formatted citations of a case’s sources (a bibliography, or footnotes with --note)')
    .addOption(new Option('--style <style>', 'the citation style').choices(CITATION_STYLE_IDS).default('oscola'))
    .option('--source <id>', 'only this source (repeatable; default: every source)', collect)
    .option('--note', 'footnote citations, in the order given, rather than a bibliography')
    .option('--page <page>', 'with --note: the page cited (e.g. iv or 12)')
    .option('--para <paragraph>', 'with --note: the paragraph cited (e.g. 45)')
    .option('--section <section>', 'with --note: the section cited (e.g. 6(1), or "sch 2")')
    .option('--html', 'HTML (italics as <i>) rather than plain text')
    .option('--json', 'print each source id with its citation as JSON')
    .action((key: string, o: { style: CitationStyleId; source?: string[]; note?: boolean; page?: string; para?: string; section?: string; html?: boolean; json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const pins = [o.page && { kind: 'page' as const, value: o.page }, o.para && { kind: 'paragraph' as const, value: o.para }, o.section && { kind: 'section' as const, value: o.section }].filter((p) => p !== undefined && p !== '');
        if (pins.length > 1) throw new ApiError('INVALID_INPUT', 'Give one pinpoint: --page, --para or --section.');
        if (pins.length && !o.note) throw new ApiError('INVALID_INPUT', 'A pinpoint (--page, --para, --section) belongs to a footnote: add --note.');
        const pinpoint = pins[0] || undefined;
        // Without --source every source is cited, each with the pinpoint given.
        const ids = o.source ?? (pinpoint ? (await api['cases:get']({ caseId: key })).sources.map((s) => s.id) : undefined);
        const entries = await api['citations:format']({
          caseId: key,
          style: o.style,
          mode: o.note ? 'note' : 'bibliography',
          format: o.html ? 'html' : 'text',
          sources: ids?.map((sourceId) => ({ sourceId, pinpoint })),
        });
        print(o.json ? JSON.stringify(entries, null, 2) : entries.map((e) => e.text).join('\n'));
      }),
    );

  program
    .command('export <case>')
    .description('export a case’s sources as CSL-JSON, BibTeX or RIS')
    .addOption(new Option('--format <format>', 'csl-json, bibtex or ris').choices(FORMATS).makeOptionMandatory())
    .option('-o, --output <file>', 'write to a file instead of printing')
    .action((key: string, o: { format: (typeof FORMATS)[number]; output?: string }) =>
      withLibrary(globals(), 'read', async (api) => {
        const { text } = await api['sources:export']({ caseId: key, format: o.format });
        if (o.output) await writeFile(o.output, text, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
          throw error.code === 'EEXIST' ? new ApiError('CONFLICT', `${o.output} already exists; choose another name.`) : fileError(o.output!, 'write', error);
        });
        else process.stdout.write(text);
      }),
    );

  program
    .command('backup')
    .description('write the whole library (cases, journals, attachments) to one JSON file, with a SHA-256 for every file')
    .option('-o, --output <file>', 'the backup file (default: casefolio-backup-<time>.json here)')
    .option('--json', 'print the report as JSON')
    .action(async (o: { output?: string; json?: boolean }) => {
      const out = o.output ?? `casefolio-backup-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}.json`;
      const { writeBackup } = await import('../../core/interchange/backup');
      const report = await writeBackup(resolveLibraryDir(globals()), out);
      if (o.json) return printJson(report);
      print(`Backed up ${plural(report.files, 'file')} (${plural(report.cases, 'case')}, ${(report.bytes / 2 ** 20).toFixed(1)} MiB) to ${report.file}`);
      for (const w of report.warnings) print(`  warning: ${w}`);
    });

  program
    .command('restore <record-id|backup> [dir]')
    .description('bring a record or a person back from the trash; or, with <dir>, restore a backup into a new or empty folder (everything checked before anything appears there)')
    .option('--case <case>', 'look for the record only in this case (slug or id)')
    .option('--json', 'print the restored record, or the backup report, as JSON')
    .action(async (what: string, dir: string | undefined, o: { case?: string; json?: boolean }) => {
      if (dir === undefined) {
        // Record ids are letters, digits, _ and -: anything else was meant as a backup file.
        if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(what)) throw new ApiError('INVALID_INPUT', `“${what}” is not a record id. To restore a backup, name the new folder too: casefolio restore <backup> <dir>.`);
        return withLibrary(globals(), 'write', async (api) => {
          const { ref, title, record } = await api['trash:restore']({ id: what, caseId: o.case });
          if (o.json) printJson(record);
          else print(`Restored the ${ref.kind} “${title}”.`);
        });
      }
      const { restoreBackup } = await import('../../core/interchange/restore');
      const report = await restoreBackup(what, dir);
      if (o.json) return printJson(report);
      print(`Restored ${plural(report.cases, 'case')} and ${plural(report.attachments, 'attachment')} (${plural(report.files, 'file')}) to ${report.dir}`);
      for (const w of report.warnings) print(`  warning: ${w}`);
    });
}
