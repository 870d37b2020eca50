/*
 * The last result of each source's link check, kept in <library>/link-status.json so the source's panel can show
 * it without checking again. A check of some cases leaves the others' results as they were. The file is the
 * library's memory of the web, not of the case: it cannot be derived again offline, so it is written durably,
 * but it is not evidence and is not journalled. A damaged file is set aside as if there were none.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { LinkReport, LinkResult } from '../../shared/links';
import type { CaseLibrary } from '../case-library';
import { serialised, writeFileDurably } from '../storage/durable-write';

export const LINK_STATUS_FILE = 'link-status.json';

const StoredResult = z.looseObject({
  caseId: z.string(),
  sourceId: z.string(),
  sourceTitle: z.string(),
  url: z.string(),
  checkedAt: z.string(),
  verdict: z.enum(['ok', 'moved', 'changed', 'gone', 'failed', 'skipped']),
  message: z.string(),
});
const StoredFile = z.object({ version: z.literal(1), lastCheckedAt: z.string().optional(), results: z.array(StoredResult) });

const statusPath = (lib: CaseLibrary) => path.join(lib.dir, LINK_STATUS_FILE);

async function readStatus(lib: CaseLibrary): Promise<{ lastCheckedAt?: string; results: LinkResult[] }> {
  const text = await fs.readFile(statusPath(lib), 'utf8').catch(() => undefined);
  if (text === undefined) return { results: [] };
  try {
    const stored = StoredFile.parse(JSON.parse(text));
    return { lastCheckedAt: stored.lastCheckedAt, results: stored.results as unknown as LinkResult[] };
  } catch {
    return { results: [] };
  }
}

/** Merges a report's results into the stored ones (by source) and writes the file. */
export function recordLinkReport(lib: CaseLibrary, report: LinkReport): Promise<void> {
  if (report.offline) return Promise.resolve();
  // Read, merge and write as one step (writeFileDurably serialises on the path itself, so another key here).
  return serialised(`${statusPath(lib)}#merge`, async () => {
    const bySource = new Map((await readStatus(lib)).results.map((r) => [r.sourceId, r]));
    for (const r of report.results) bySource.set(r.sourceId, r);
    await writeFileDurably(statusPath(lib), `${JSON.stringify({ version: 1, lastCheckedAt: report.checkedAt, results: [...bySource.values()] }, null, 1)}\n`);
  });
}

/** The last results for one case's sources, for sources whose address is still the one checked. */
export async function caseLinkStatus(lib: CaseLibrary, caseKey: string): Promise<LinkResult[]> {
  const file = lib.requireCase(caseKey);
  const current = new Map(file.sources.filter((s) => !s.deletedAt && s.url).map((s) => [s.id, s.url]));
  return (await readStatus(lib)).results.filter((r) => r.caseId === file.case.id && current.get(r.sourceId) === r.url);
}

/** When the last check (made online) started, or undefined if there has been none. */
export async function lastCheckedAt(lib: CaseLibrary): Promise<string | undefined> {
  return (await readStatus(lib)).lastCheckedAt;
}
