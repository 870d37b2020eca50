/* Search results for the terminal: cases, and under each the matching records with their passages. */
import type { SearchHit, SearchResults, TextRange } from '../shared/api/search-types';
import { formatPartialDate } from '../shared/partial-date';

/** Marks matches in `text`; on a terminal with colour, in bold yellow; otherwise not at all. */
export type Marker = (text: string, ranges: readonly TextRange[]) => string;

export const plainMarker: Marker = (text) => text;
export const ansiMarker: Marker = (text, ranges) => {
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += `${text.slice(at, r.start)}\u001b[1;33m${text.slice(r.start, r.end)}\u001b[0m`;
    at = r.end;
  }
  return out + text.slice(at);
};

const KIND_LABEL: Record<SearchHit['kind'], string> = { case: 'case', source: 'source', note: 'note', event: 'event', attachment: 'file' };

function hitLine(hit: SearchHit, mark: Marker): string[] {
  const facts = [
    hit.date && formatPartialDate(hit.date),
    hit.attachment && `p. ${hit.attachment.page.label ?? hit.attachment.page.index + 1} of “${hit.attachment.sourceTitle}”`,
    hit.claimStatus,
    hit.reliability && `reliability ${hit.reliability}`,
  ].filter(Boolean);
  const lines = [`  ${KIND_LABEL[hit.kind].padEnd(6)} ${mark(hit.title, hit.titleMatches)}${facts.length ? `  (${facts.join(', ')})` : ''}`];
  if (hit.passage) lines.push(`         ${mark(hit.passage.text, hit.passage.matches)}`);
  return lines;
}

export function formatSearchResults(results: SearchResults, mark: Marker = plainMarker): string {
  const out: string[] = [];
  for (const warning of results.warnings) out.push(`Note: ${warning}`);
  if (results.total === 0) {
    out.push(`Nothing matches “${results.query}”.`);
    return out.join('\n');
  }
  const records = `${results.total} record${results.total === 1 ? '' : 's'}`;
  const cases = `${results.caseCount} case${results.caseCount === 1 ? '' : 's'}`;
  out.push(`${records} in ${cases} match “${results.query}”.`);
  for (const group of results.groups) {
    out.push('', `${group.title}  (${group.slug}, ${group.status}) — ${group.hitCount} match${group.hitCount === 1 ? '' : 'es'}`);
    for (const hit of group.hits) out.push(...hitLine(hit, mark));
    if (group.hitCount > group.hits.length) out.push(`  … and ${group.hitCount - group.hits.length} more (casefolio search "case:${group.slug} ${results.query}")`);
  }
  for (const hit of results.hits ?? []) out.push(...hitLine(hit, mark));
  const shown = results.hits ? results.hits.length : results.groups.length;
  const of = results.hits ? results.total : results.caseCount;
  if (shown < of) out.push('', `Showing ${shown} of ${of}; use --limit and --offset for more.`);
  return out.join('\n');
}
