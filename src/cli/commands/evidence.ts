/* Commands about evidence: capture a page, verify the stored files, read the journal and custody, re-derive text. */
import type { Command } from 'commander';
import type { JournalEntry, VerifyReport } from '../../shared/api/types';
import { plural, print, printJson } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

export function formatVerifyReport(report: VerifyReport): string {
  const lines = [`Verified ${plural(report.attachmentsChecked, 'attachment')} (${plural(report.filesHashed, 'file')} hashed) in ${plural(report.cases, 'case')}.`];
  const section = (label: string, findings: VerifyReport['missing']) => findings.forEach((f) => lines.push(`${label.padEnd(10)}${f.file}: ${f.message}`));
  section('MISSING', report.missing);
  section('CHANGED', report.changed);
  section('ORPHANED', report.orphaned);
  section('UNREADABLE', report.unreadable);
  section('DETACHED', report.detached);
  section('SET ASIDE', report.setAside);
  if (report.ok) lines.push(report.detached.length ? `All files intact (${plural(report.detached.length, 'detached file')} kept, as the journal records).` : 'All files intact.');
  else {
    const counts = [
      [report.missing.length, 'missing'],
      [report.changed.length, 'changed'],
      [report.orphaned.length, 'orphaned'],
      [report.unreadable.length, 'unreadable'],
    ] as const;
    lines.push(`Problems: ${counts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(', ')}.`);
  }
  return lines.join('\n');
}

function formatJournalEntry(e: JournalEntry): string {
  const files = e.files.map((f) => `${f.op} ${f.fileName} sha256:${f.sha256}`);
  const records = e.records.map((r) => `${r.op} ${r.kind} ${r.id}${r.fields ? ` (${r.fields.join(', ')})` : ''}`);
  return [`${e.at}  ${e.who ?? '(no user name set)'}  ${e.action}`, ...[...records, ...files].map((d) => `    ${d}`)].join('\n');
}

export function registerEvidenceCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('verify')
    .description('recompute the SHA-256 of every stored file: report missing, changed and orphaned files; exits non-zero on any')
    .option('--json', 'print the report as JSON')
    .action((o: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const report = await api['evidence:verify']({});
        if (o.json) printJson(report);
        else print(formatVerifyReport(report));
        if (!report.ok) process.exitCode = 1;
      }),
    );

  program
    .command('capture <case> <url>')
    .description('capture a web page as evidence: its HTML stored with capture time, final address, status and hash')
    .option('--source <id>', 'add the capture to this source (default: a new web-page source)')
    .option('--keep-error-page', 'keep the page even when the server answers with an error status (404, 500 …)')
    .option('--json', 'print the source and attachment as JSON')
    .action((key: string, url: string, o: { source?: string; keepErrorPage?: boolean; json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const result = await api['capture:url']({ caseId: key, url, sourceId: o.source, keepErrorPage: o.keepErrorPage });
        if (o.json) return printJson(result);
        const c = result.attachment.capture!;
        print(`Captured ${c.finalUrl} (HTTP ${c.status}) at ${c.capturedAt}`);
        print(`  source ${result.source.id}  “${result.source.title}”`);
        print(`  ${result.attachment.id}  sha256 ${result.attachment.sha256}`);
        if (result.webArchive) print(`  ${result.webArchive.id}  web archive ${result.webArchive.fileName} (WACZ: every request and response, for replay tools)`);
        print(`  archived copies: ${c.archiveLookupUrl}`);
        if (result.rendering.status !== 'stored') print(`  ${result.rendering.reason}`);
      }),
    );

  program
    .command('journal <case>')
    .description('the audit journal of a case: who changed what, when, with file hashes')
    .option('--source <id>', 'only the entries touching this source')
    .option('--json', 'print JSON')
    .action((key: string, o: { source?: string; json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const listing = await api['journal:list']({ caseId: key, sourceId: o.source });
        if (o.json) return printJson(listing);
        print(listing.entries.length ? listing.entries.map(formatJournalEntry).join('\n') : '(no journal entries)');
        for (const p of listing.problems) process.stderr.write(`casefolio: journal line ${p.line}: ${p.reason}\n`);
      }),
    );

  program
    .command('custody <case>')
    .description('the chain of custody of a case’s files: added when and by whom, integrity now, later changes')
    .option('--json', 'print JSON')
    .action((key: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const summary = await api['evidence:custody']({ caseId: key });
        if (o.json) return printJson(summary);
        print(`${summary.caseTitle}: ${plural(summary.exhibits.length, 'file')}, ${plural(summary.journal.entries, 'journal entry', 'journal entries')}; checked ${summary.checkedAt}`);
        for (const x of summary.exhibits) {
          print(`  ${x.fileName} (${x.mediaType}, ${x.size} bytes) on “${x.sourceTitle}”: ${x.integrity.toUpperCase()}`);
          print(`    sha256 ${x.sha256}`);
          print(`    added ${x.addedAt}${x.addedBy !== undefined ? ` by ${x.addedBy ?? '(no user name set)'}` : ''}`);
          if (x.capture) print(`    captured ${x.capture.capturedAt} from ${x.capture.finalUrl} (HTTP ${x.capture.status})`);
          for (const h of x.history) print(`    ${h.at}  ${h.who ?? '(no user name set)'}  ${h.action}`);
        }
      }),
    );

  program
    .command('extract-text')
    .description('derive the searchable text of attachments that have none cached (all of them with --force)')
    .option('--force', 'extract again even where text is cached')
    .option('--json', 'print the report as JSON')
    .action((o: { force?: boolean; json?: boolean }) =>
      withLibrary(globals(), 'read', async (_api, lib) => {
        const { rebuildLibraryText } = await import('../../core/evidence/attachment-text');
        const report = await rebuildLibraryText(lib, { force: o.force });
        if (o.json) return printJson(report);
        print(`Extracted ${plural(report.extracted, 'file')}; ${report.cached} already cached.`);
        for (const f of report.failed) print(`  ${f.fileName} (${f.sha256.slice(0, 12)}…): ${f.reason}`);
      }),
    );
}
