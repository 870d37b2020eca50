/* casefolio package: cases as a BagIt bag (a folder or a .zip), and `package verify` for any bag. */
import type { Command } from 'commander';
import type { BagReport } from '../../core/archive/bagit-verify';
import { ApiError } from '../../shared/errors';
import { plural, print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

export function formatBagReport(target: string, report: BagReport): string {
  const lines = report.errors.map((e) => `ERROR    ${e.file ? `${e.file}: ` : ''}${e.message}`);
  lines.push(...report.warnings.map((w) => `warning  ${w.file ? `${w.file}: ` : ''}${w.message}`));
  const what = `${plural(report.files, 'payload file')}, ${report.bytes} bytes, checked with ${report.algorithms.join(' and ') || 'no known algorithm'}`;
  lines.push(report.valid ? `${target} is a valid bag (BagIt ${report.version}): ${what}.` : `${target} is not a valid bag: ${plural(report.errors.length, 'problem')}.`);
  return lines.join('\n');
}

export function registerPackageCommand(program: Command, globals: () => GlobalOptions): void {
  const command = program
    .command('package')
    .description('write cases as an archival BagIt package (RFC 8493): case files, journals, attachments, a PDF/A dossier, an index.html')
    .argument('<case...>', 'cases to package (slugs or ids)')
    .option('-o, --output <dir|file.zip>', 'a new or empty folder, or a .zip file (required)')
    .option('--date <YYYY-MM-DD>', 'the bagging date and the dossier’s date (default today)')
    .option('--json', 'print the result as JSON')
    .action((cases: string[], o: { output?: string; date?: string; json?: boolean }) =>
      withLibrary(globals(), 'read', async (_api, lib) => {
        if (!o.output) throw new ApiError('INVALID_INPUT', 'Say where to write the package: -o DIR (a new or empty folder) or -o FILE.zip.');
        const { writePackage } = await import('../../core/archive/package');
        const report = await writePackage(lib, cases, { output: o.output, date: o.date });
        if (o.json) return printJson(report);
        for (const w of report.warnings) process.stderr.write(`warning: ${w.message} [${w.code}]\n`);
        print(`Wrote ${report.output}: ${plural(report.cases, 'case')}, ${plural(report.files, 'payload file')} (${report.bytes} bytes), with SHA-256 and SHA-512 manifests.`);
      }),
    );
  command
    .command('verify <path>')
    .description('check a BagIt bag (a folder or a .zip; any bag, not only Casefolio’s): every file present and unchanged; non-zero exit if not')
    .option('--json', 'print the report as JSON')
    .action(async (target: string, o: { json?: boolean }) => {
      const { verifyPackage } = await import('../../core/archive/verify-package');
      const report = await verifyPackage(target);
      if (o.json) printJson(report);
      else print(formatBagReport(target, report));
      if (!report.valid) process.exitCode = 1;
    });
}
