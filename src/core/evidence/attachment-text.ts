/*
 * The text of a source's attachments, page by page, for quoting and for search: read from the text cache,
 * and derived again from the stored file when the cache lacks it (it is safe to delete).
 */
import type { AttachmentText } from '../../shared/api/types';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { attachmentPath } from '../services/attachments';
import { findRecord, SOURCE_KIND } from '../services/records';
import { exists } from '../storage/durable-write';
import { readCachedText } from '../storage/text-cache';
import { deriveText, extractTextFromFile, hasExtractableText } from './extracted-text';

export async function attachmentText(lib: CaseLibrary, caseKey: string, sourceId: string, attachmentId: string): Promise<AttachmentText> {
  const file = lib.requireCase(caseKey);
  const source = findRecord(file, SOURCE_KIND, sourceId, { includeDeleted: true });
  const attachment = source.attachments.find((a) => a.id === attachmentId);
  if (!attachment) throw new ApiError('NOT_FOUND', `No attachment ${attachmentId} on the source “${source.title}”.`);
  if (!hasExtractableText(attachment.mediaType)) {
    return { sha256: attachment.sha256, pages: [], error: { code: 'NO_TEXT', message: `A file of type ${attachment.mediaType} has no text to extract.` } };
  }
  const cached = await readCachedText(lib.dir, attachment.sha256);
  if (cached) return cached;
  const stored = attachmentPath(lib, file.case.id, attachment.sha256);
  if (!(await exists(stored))) throw new ApiError('NOT_FOUND', `The file “${attachment.fileName}” is missing from the case folder; run "casefolio verify".`);
  // A library opened read-only is not written to, not even its cache.
  if (lib.read.readOnly) return extractTextFromFile(attachment.sha256, stored, attachment.mediaType);
  return (await deriveText(lib.dir, attachment.sha256, stored, attachment.mediaType))!;
}

export interface TextRebuildReport {
  /** Files whose text was (re)extracted. */
  extracted: number;
  /** Files whose text was already cached. */
  cached: number;
  failed: { caseId: string; fileName: string; sha256: string; reason: string }[];
}

/** Derives the text of every attachment in the library that has none cached, or only a failure (all of them with `force`). */
export async function rebuildLibraryText(lib: CaseLibrary, options: { force?: boolean } = {}): Promise<TextRebuildReport> {
  const report: TextRebuildReport = { extracted: 0, cached: 0, failed: [] };
  const seen = new Set<string>();
  for (const file of lib.read.caseFiles()) {
    for (const attachment of file.sources.flatMap((s) => s.attachments)) {
      if (seen.has(attachment.sha256) || !hasExtractableText(attachment.mediaType)) continue;
      seen.add(attachment.sha256);
      // Text that could not be read last time (a timeout, say) is tried again; good text is kept unless forced.
      const cached = options.force ? undefined : await readCachedText(lib.dir, attachment.sha256);
      if (cached && !cached.error) {
        report.cached++;
        continue;
      }
      const stored = attachmentPath(lib, file.case.id, attachment.sha256);
      if (!(await exists(stored))) {
        report.failed.push({ caseId: file.case.id, fileName: attachment.fileName, sha256: attachment.sha256, reason: 'the file is missing from the case folder' });
        continue;
      }
      const text = await deriveText(lib.dir, attachment.sha256, stored, attachment.mediaType, { force: true });
      report.extracted++;
      if (text?.error) report.failed.push({ caseId: file.case.id, fileName: attachment.fileName, sha256: attachment.sha256, reason: text.error.message });
    }
  }
  return report;
}
