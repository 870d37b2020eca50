/* Commands that bring a Zotero library in whole and take a case out with its files: import-zotero, export-bundle. */
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { CallProgress, ZoteroImportReport } from '../../shared/api/types';
import { plural, print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

/** "Importing items 1200/5000": rewritten in place on a terminal, otherwise a line every 500 items and at the end. */
function itemProgress(stream: NodeJS.WriteStream): { update: (p: CallProgress) => void; end: () => void } {
  let dirty = false;
  return {
    update(p) {
      const text = `Importing items ${p.done}/${p.total}`;
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`);
        dirty = true;
      } else if (p.done % 500 === 0 || p.done === p.total) stream.write(`${text}\n`);
    },
    end() {
      if (dirty) stream.write('\r\x1b[2K');
    },
  };
}

export function formatZoteroReport(r: ZoteroImportReport): string {
  const lines = [
    `Read ${plural(r.items, 'item')} in ${plural(r.collections, 'collection')}: added ${plural(r.sourcesAdded, 'source')}, ${plural(r.notesAdded, 'note')} and ${plural(r.attachmentsAdded, 'attached file')}${r.sourcesSkipped ? `; ${r.sourcesSkipped} already imported` : ''}.`,
  ];
  for (const c of r.cases) lines.push(`  ${c.created ? '+' : '='} ${c.title}: ${plural(c.sources, 'source')}, ${plural(c.notes, 'note')}`);
  if (r.missingFiles.length) lines.push(`Could not copy ${plural(r.missingFiles.length, 'attached file')}:`);
  for (const m of r.missingFiles) lines.push(`  ! ${m.file} (${m.item}): ${m.reason}`);
  for (const w of r.warnings) lines.push(`  note: ${w}`);
  return lines.join('\n');
}

export function registerZoteroCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('import-zotero <dir>')
    .description('import a Zotero library from its data folder (zotero.sqlite and storage/): collections as cases (or tags), items, notes, files and tags; a second import adds only what is new')
    .addOption(new Option('--collections-as <what>', 'each collection a case, or a tag on one case').choices(['cases', 'tags']).default('cases'))
    .option('--case <case>', 'with --collections-as tags: the case to import into (default: a new case “Zotero library”)')
    .option('--linked-files <dir>', 'Zotero’s linked attachment base folder, for files linked relative to it')
    .option('--json', 'print the report as JSON')
    .option('--quiet', 'no progress on stderr')
    .action((dir: string, o: { collectionsAs: 'cases' | 'tags'; case?: string; linkedFiles?: string; json?: boolean; quiet?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const progress = o.quiet || o.json ? undefined : itemProgress(process.stderr);
        let report: ZoteroImportReport;
        try {
          report = await api['zotero:import'](
            { dir: path.resolve(dir), collectionsAs: o.collectionsAs, caseId: o.case, linkedFilesBase: o.linkedFiles && path.resolve(o.linkedFiles) },
            { progress: progress?.update },
          );
        } finally {
          progress?.end();
        }
        if (o.json) printJson(report);
        else print(formatZoteroReport(report));
        if (report.missingFiles.length) process.exitCode = 1;
      }),
    );

  program
    .command('export-bundle <case> <dir>')
    .description('write a case’s sources and attached files into a new folder Zotero imports whole (RIS with the files beside it, or CSL-JSON)')
    .addOption(new Option('--format <format>', 'ris (Zotero attaches the files) or csl-json').choices(['ris', 'csl-json']).default('ris'))
    .option('--json', 'print what was written as JSON')
    .action((key: string, dir: string, o: { format: 'ris' | 'csl-json'; json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const result = await api['sources:exportBundle']({ caseId: key, format: o.format, dir: path.resolve(dir) });
        if (o.json) return printJson(result);
        print(`Wrote ${plural(result.sources, 'source')} and ${plural(result.files, 'file')} to ${result.dir} (${path.basename(result.file)}; check the files with “sha256sum -c SHA256SUMS”).`);
      }),
    );
}
