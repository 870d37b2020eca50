/* What a search is asked for, and what it needs from the library (records looked up by id). */
import type { SearchSort } from '../../shared/api/search-types';
import type { Attachment, CaseFile } from '../../shared/domain';
import type { DocKind } from './documents';

export interface SearchOptions {
  limit: number;
  hitsPerCase: number;
  offset: number;
  sort: SearchSort;
  group: boolean;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { limit: 10, hitsPerCase: 3, offset: 0, sort: 'relevance', group: true };

/** What the executor needs from the library: the records themselves, looked up by id. */
export interface SearchContext {
  /** Cases a case: filter names: by id, by slug, by slug prefix, or by words of the title. */
  resolveCase(value: string): string[];
  caseFile(caseId: string): CaseFile | undefined;
  /** A record by kind and id within a case (records in the trash excluded). */
  record(caseId: string, kind: Exclude<DocKind, 'attachment'>, id: string): unknown;
  /** The text of one page of an attachment, with the attachment record. */
  attachmentPage(caseId: string, sourceId: string, attachmentId: string, page: number): Promise<{ attachment: Attachment; text: string } | undefined>;
  /** Where a person named by a person: filter is, as document keys (see personDocumentKey), or why no one was found. */
  personPlaces(value: string): Promise<ReadonlySet<string> | { warning: string }>;
}
