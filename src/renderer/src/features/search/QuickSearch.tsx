/*
 * Ctrl+K: search every case (search:query, the library's search index) and jump to a record. Results come
 * grouped by case, best first, each with its title and the passage that matched, the matches marked.
 * Passages arrive as plain text with match offsets; they are marked here with <mark> elements around text
 * nodes, so nothing a record contains is ever treated as markup.
 */
import { Badge, Group, Text } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconCalendarEvent, IconFileText, IconFolder, IconNote, IconPaperclip, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { SearchHit, SearchResults, TextRange } from '../../../../shared/api/search-types';
import { formatPartialDate } from '../../../../shared/partial-date';
import { api } from '../../api';
import { jumpTo } from '../../app/store';
import { alsoInText, dedupeGroups } from './dedupe';

const ICONS = { case: IconFolder, source: IconFileText, note: IconNote, event: IconCalendarEvent, attachment: IconPaperclip } as const;
const LABELS = { case: 'Case', source: 'Source', note: 'Note', event: 'Event', attachment: 'File' } as const;
const CASES_SHOWN = 8;
const HITS_PER_CASE = 3;

export const openQuickSearch = () => spotlight.open();

/** `text` with the stretches in `ranges` marked. */
export function Marked({ text, ranges }: { text: string; ranges: readonly TextRange[] }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at || r.end > text.length) continue;
    if (r.start > at) parts.push({ text: text.slice(at, r.start), marked: false });
    parts.push({ text: text.slice(r.start, r.end), marked: true });
    at = r.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <>
      {parts.map((p, i) =>
        p.marked ? (
          <mark key={i} className="search-mark">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

function detailOf(hit: SearchHit): string {
  const page = hit.attachment && `p. ${hit.attachment.page.label ?? hit.attachment.page.index + 1} of “${hit.attachment.sourceTitle}”`;
  return [page, hit.date && formatPartialDate(hit.date), hit.claimStatus, hit.reliability && `reliability ${hit.reliability}`].filter(Boolean).join(' · ');
}

export function QuickSearch() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | undefined>();

  useEffect(() => {
    let current = true;
    if (!query.trim()) {
      setResults(undefined);
      return;
    }
    const timer = setTimeout(() => {
      api['search:query']({ query, limit: CASES_SHOWN, hitsPerCase: HITS_PER_CASE }).then(
        (found) => current && setResults(found),
        () => current && setResults(undefined),
      );
    }, 80);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const shownCases = results?.groups.length ?? 0;
  const shown = useMemo(() => dedupeGroups(results?.groups ?? []), [results]);
  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut="mod + K" tagsToIgnore={[]} scrollable maxHeight={520} onSpotlightClose={() => setQuery('')} lockScroll={false}>
      <Spotlight.Search placeholder="Search every case: words, “phrases”, tag:, kind:, date:…" leftSection={<IconSearch size={18} stroke={1.6} />} aria-label="Search the library" />
      <Spotlight.ActionsList>
        {shown.map(({ group, hits }) => (
          <Spotlight.ActionsGroup key={group.caseId} label={`${group.title} — ${group.hitCount} match${group.hitCount === 1 ? '' : 'es'}`}>
            {hits.map(({ hit, alsoIn }) => {
              const Icon = ICONS[hit.kind];
              const detail = detailOf(hit);
              return (
                <Spotlight.Action key={`${hit.ref.kind}:${hit.ref.id}:${hit.attachment?.id ?? ''}:${hit.attachment?.page.index ?? ''}`} onClick={() => void jumpTo(hit.ref)} className="search-hit">
                  <Group wrap="nowrap" gap="sm" w="100%" align="flex-start">
                    <Icon size={18} stroke={1.5} className="dimmed-icon" />
                    <div className="search-hit-text">
                      <Text size="sm" fw={500} truncate="end">
                        <Marked text={hit.title} ranges={hit.titleMatches} />
                      </Text>
                      {hit.passage && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          <Marked text={hit.passage.text} ranges={hit.passage.matches} />
                        </Text>
                      )}
                      {detail && (
                        <Text size="xs" c="dimmed" truncate="end">
                          {detail}
                        </Text>
                      )}
                      {alsoIn.length > 0 && (
                        <Text size="xs" c="dimmed" lineClamp={2} className="search-also-in" title={alsoIn.join(' · ')}>
                          {alsoInText(alsoIn)}
                        </Text>
                      )}
                    </div>
                    <Badge size="xs" variant="light" color="gray" radius="sm">
                      {LABELS[hit.kind]}
                    </Badge>
                  </Group>
                </Spotlight.Action>
              );
            })}
          </Spotlight.ActionsGroup>
        ))}
        {results && results.total > 0 && (
          <Text size="xs" c="dimmed" className="search-summary">
            {results.total.toLocaleString('en-GB')} record{results.total === 1 ? '' : 's'} in {results.caseCount.toLocaleString('en-GB')} case{results.caseCount === 1 ? '' : 's'}
            {results.caseCount > shownCases ? `; the ${shownCases} best cases shown` : ''}
          </Text>
        )}
        {results?.warnings.map((warning) => (
          <Text key={warning} size="xs" c="orange" className="search-summary">
            {warning}
          </Text>
        ))}
        {query.trim() && results?.total === 0 && <Spotlight.Empty>Nothing in this library matches “{query}”.</Spotlight.Empty>}
        {!query.trim() && <Spotlight.Empty>Type to search every case: words, “a phrase”, -leave-out, tag:theme, kind:event, status:open, date:2021..2022, reliability:A.</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
