/* links:check and links:status: a check of one case's (or every case's) source addresses, its results kept. */
import type { LinkReport, LinkResult } from '../../shared/links';
import type { CaseLibrary } from '../case-library';
import { listCases } from '../services/cases';
import { checkLinks, type LinkCheckOptions } from './link-check';
import { caseLinkStatus, recordLinkReport } from './link-status';

export async function runLinkCheck(lib: CaseLibrary, caseKey: string | undefined, options: Partial<LinkCheckOptions> = {}): Promise<LinkReport> {
  const cases = caseKey ? [lib.requireCase(caseKey)] : listCases(lib).map((c) => lib.requireCase(c.id));
  const report = await checkLinks(cases, { now: lib.now, ...options });
  await recordLinkReport(lib, report);
  return report;
}

export const linkStatus = (lib: CaseLibrary, caseKey: string): Promise<LinkResult[]> => caseLinkStatus(lib, caseKey);
