/*
 * Quick search (Ctrl+K): the library-wide search index (search:query), flattened to records to jump to.
 * One engine serves the window's palette, search:query and `casefolio search`, so they always agree.
 */
import type { QuickSearchHit } from '../../shared/api/types';
import { formatPartialDate } from '../../shared/partial-date';
import type { CaseLibrary } from '../case-library';
import { SearchService } from '../search/search-service';

export async function quickSearch(lib: CaseLibrary, query: string, limit: number): Promise<QuickSearchHit[]> {
  if (!query.trim()) return [];
  const results = await SearchService.for(lib).search(query, { group: false, limit });
  return (results.hits ?? []).map((hit) => ({
    ref: hit.ref,
    title: hit.title,
    caseTitle: lib.findCase(hit.ref.caseId)?.case.title ?? '',
    detail: hit.attachment
      ? `${hit.attachment.fileName}, p. ${hit.attachment.page.label ?? hit.attachment.page.index + 1}`
      : hit.date
        ? formatPartialDate(hit.date)
        : '',
  }));
}
