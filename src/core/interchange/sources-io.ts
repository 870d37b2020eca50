/*
 * Importing sources into a case from CSL-JSON, BibTeX or RIS (a Zotero export, say) and exporting a case's
 * sources in those formats. Every entry is read whole or not at all: the report names each entry that
 * failed and why, the rest are added together in one change (one undo, one journal entry), and an entry
 * already in the case is not added twice.
 */
import type { ImportReport } from '../../shared/api/types';
import { SourceRecord } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { ensureTagsDefined } from '../services/shared';
import type { MappedEntry } from './csl-mapping';
import { detectFormat, formatInterchange, parseInterchange, type InterchangeFormat } from './formats';

export interface ImportOptions {
  format?: InterchangeFormat;
  /** Used to tell the format from the extension, and in the change's label. */
  fileName?: string;
}

function sameSource(a: { url?: string; title: string; publishedDate?: { value: string } }, b: typeof a): boolean {
  if (a.url && b.url) return a.url === b.url;
  return a.title.trim().toLowerCase() === b.title.trim().toLowerCase() && a.publishedDate?.value === b.publishedDate?.value;
}

export async function importSources(lib: CaseLibrary, caseKey: string, text: string, options: ImportOptions = {}): Promise<ImportReport> {
  const caseId = lib.requireCase(caseKey).case.id;
  const format = options.format ?? detectFormat(text, options.fileName);
  if (!format) throw new ApiError('UNSUPPORTED', 'The file is not CSL-JSON, BibTeX or RIS. Name the format, or use a .json, .bib or .ris file.');
  const parsed = parseInterchange(text, format);
  const report: ImportReport = { format, total: parsed.length, imported: [], skipped: [], failed: [] };
  const accepted: { index: number; key?: string; fields: MappedEntry['fields']; warnings: string[] }[] = [];
  const existing = lib.requireCase(caseId).sources.filter((s) => !s.deletedAt);
  const seen: { url?: string; title: string; publishedDate?: { value: string } }[] = [...existing];
  for (const entry of parsed) {
    if (!entry.result.ok) {
      report.failed.push({ index: entry.index, line: entry.line, key: entry.key, title: entry.title, reason: entry.result.reason });
      continue;
    }
    const fields = entry.result.entry.fields;
    const twin = seen.find((s) => sameSource(s, fields));
    if (twin) {
      report.skipped.push({ index: entry.index, key: entry.key, title: fields.title, reason: `already in the case as “${twin.title}”` });
      continue;
    }
    seen.push(fields);
    accepted.push({ index: entry.index, key: entry.key, fields, warnings: entry.result.entry.warnings });
  }
  if (accepted.length === 0) return report;
  const from = options.fileName ? ` from ${options.fileName.split(/[\\/]/).pop()}` : '';
  const created = await lib.mutate(`Import ${accepted.length} source${accepted.length === 1 ? '' : 's'}${from}`, (draft) => {
    const file = draft.case(caseId);
    return accepted.map(({ fields }) => {
      const record = SourceRecord.parse({ ...fields, id: lib.newId('src'), createdAt: draft.now, updatedAt: draft.now });
      file.sources.push(record);
      ensureTagsDefined(draft, record.tags);
      return record;
    });
  });
  created.forEach((record, i) => report.imported.push({ index: accepted[i].index, key: accepted[i].key, sourceId: record.id, title: record.title, warnings: accepted[i].warnings }));
  return report;
}

export function exportSources(lib: CaseLibrary, caseKey: string, format: InterchangeFormat, sourceIds?: string[]): string {
  const file = lib.requireCase(caseKey);
  const sources = sourceIds
    ? sourceIds.map((id) => {
        const source = file.sources.find((s) => s.id === id && !s.deletedAt);
        if (!source) throw new ApiError('NOT_FOUND', `No source ${id} in the case “${file.case.title}”.`);
        return source;
      })
    : file.sources.filter((s) => !s.deletedAt);
  return formatInterchange(sources, format);
}
