/* casefolio site <case> -o DIR: a case as a read-only web site of plain files. */
import type { Command } from 'commander';
import { ApiError } from '../../shared/errors';
import { plural, print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

export function registerSiteCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('site <case>')
    .description('write a case as a read-only web site (case, chronology, sources, notes, attached files) to open in any browser')
    .option('-o, --output <dir>', 'a new or empty folder (required)')
    .option('--date <YYYY-MM-DD>', 'the date the site says it was made (default today)')
    .option('--json', 'print what was written as JSON')
    .action((key: string, o: { output?: string; date?: string; json?: boolean }) =>
      withLibrary(globals(), 'read', async (_api, lib) => {
        if (!o.output) throw new ApiError('INVALID_INPUT', 'Say where to write the site: -o DIR (a new or empty folder).');
        const { writeSite } = await import('../../core/site/build-site');
        const report = await writeSite(lib, key, { output: o.output, date: o.date });
        if (o.json) return printJson(report);
        print(`Wrote ${report.dir}: ${plural(report.pages, 'page')} and ${plural(report.files, 'attached file')}. Open ${report.dir}/index.html in a browser.`);
      }),
    );
}
