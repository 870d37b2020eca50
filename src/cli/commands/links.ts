/* casefolio links check [<case>]: is each source's web address still there, where it was, and as captured? */
import type { Command } from 'commander';
import type { LinkReport, LinkResult, LinkVerdict } from '../../shared/links';
import { printJson, print } from '../io';
import { withLibrary, type GlobalOptions } from '../library-access';

const LABELS: Record<LinkVerdict, string> = { ok: 'OK', moved: 'MOVED', changed: 'CHANGED', gone: 'GONE', failed: 'FAILED', skipped: 'SKIPPED' };
/** Problems first, in the order a reader should deal with them. */
const ORDER: LinkVerdict[] = ['gone', 'moved', 'changed', 'failed', 'skipped', 'ok'];

function formatLinkResults(results: readonly LinkResult[]): string[] {
  const sorted = [...results].sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict));
  return sorted.map((r) => `${LABELS[r.verdict].padEnd(8)} ${r.url}\n         ${r.sourceTitle} (${r.sourceId}): ${r.message}`);
}

export function formatLinkReport(report: LinkReport): string {
  if (report.offline) return report.message;
  return [...formatLinkResults(report.results), report.message].join('\n');
}

export function registerLinksCommand(program: Command, globals: () => GlobalOptions): void {
  const links = program.command('links').description('watch the web addresses of sources');
  links
    .command('check [case]')
    .description('check every source address (of one case, or all): moved, changed since capture, gone; obeys robots.txt; offline, does nothing')
    .option('--json', 'print the report as JSON')
    .action((key: string | undefined, o: { json?: boolean }) =>
      withLibrary(globals(), 'write', async (api) => {
        const report = await api['links:check']({ caseId: key });
        if (o.json) printJson(report);
        else print(formatLinkReport(report));
      }),
    );
  links
    .command('status <case>')
    .description('the last check of each source address of a case (nothing is requested: works offline)')
    .option('--json', 'print the results as JSON')
    .action((key: string, o: { json?: boolean }) =>
      withLibrary(globals(), 'read', async (api) => {
        const results = await api['links:status']({ caseId: key });
        if (o.json) return printJson(results);
        if (!results.length) return print('No address of this case has been checked yet: casefolio links check <case>.');
        print([...formatLinkResults(results), `${results.length} address${results.length === 1 ? '' : 'es'} as last checked.`].join('\n'));
      }),
    );
}
