/*
 * Ctrl+K: search every case in the library (search:query — the same engine and syntax as
 * `casefolio search`), results grouped by case with the matching passage highlighted, and jump to one.
 * Highlights are built from match offsets as text nodes and <mark> elements: no HTML from record text.
 */
import { Badge, Group, Text } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconCalendarEvent, IconFileText, IconFolder, IconNote, IconPaperclip, IconSearch } from '@tabler/icons-react';
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import type { SearchHit, SearchResults, TextRange } from '../../../../shared/api/search-types';
import { api } from '../../api';
import { jumpTo } from '../../app/store';

const ICONS = { case: IconFolder, source: IconFileText, note: IconNote, event: IconCalendarEvent, attachment: IconPaperclip } as const;
const LABELS = { case: 'Case', source: 'Source', note: 'Note', event: 'Event', attachment: 'Attachment' } as const;

export const openQuickSearch = () => spotlight.open();

function Highlighted({ text, matches }: { text: string; matches: TextRange[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [i, m] of [...matches].sort((a, b) => a.start - b.start).entries()) {
    if (m.start < at) continue;
    if (m.start > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, m.start)}</Fragment>);
    parts.push(<mark key={`m${i}`}>{text.slice(m.start, m.end)}</mark>);
    at = m.end;
  }
  if (at < text.length) parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return <>{parts}</>;
}

function HitRow({ hit }: { hit: SearchHit }) {
  const Icon = ICONS[hit.kind];
  const where = hit.attachment ? `${hit.attachment.fileName}, p. ${hit.attachment.page.label ?? hit.attachment.page.index + 1}` : undefined;
  return (
    <Spotlight.Action onClick={() => void jumpTo(hit.ref)} className="search-hit">
      <Group wrap="nowrap" gap="sm" w="100%" align="flex-start">
        <Icon size={18} stroke={1.5} className="dimmed-icon" />
        <div className="search-hit-text">
          <Text size="sm" fw={500} truncate="end">
            <Highlighted text={hit.title} matches={hit.titleMatches} />
          </Text>
          {(hit.passage || where) && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {where && `${where}: `}
              {hit.passage && <Highlighted text={hit.passage.text} matches={hit.passage.matches} />}
            </Text>
          )}
        </div>
        <Badge size="xs" variant="light" color="gray" radius="sm">
          {LABELS[hit.kind]}
        </Badge>
      </Group>
    </Spotlight.Action>
  );
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
      api['search:query']({ query, limit: 10, hitsPerCase: 5 }).then(
        (found) => current && setResults(found),
        () => current && setResults(undefined),
      );
    }, 80);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const groups = results?.groups ?? [];
  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut="mod + K" tagsToIgnore={[]} scrollable maxHeight={520} onSpotlightClose={() => setQuery('')} lockScroll={false}>
      <Spotlight.Search placeholder="Search every case: words, “phrases”, tag:theme, kind:source, date:2021…" leftSection={<IconSearch size={18} stroke={1.6} />} aria-label="Search the library" />
      <Spotlight.ActionsList>
        {groups.map((group) => (
          <Spotlight.ActionsGroup key={group.caseId} label={`${group.title} — ${group.hitCount} match${group.hitCount === 1 ? '' : 'es'}`}>
            {group.hits.map((hit) => (
              <HitRow key={`${hit.kind}:${hit.ref.id}:${hit.attachment?.page.index ?? ''}`} hit={hit} />
            ))}
          </Spotlight.ActionsGroup>
        ))}
        {results && results.warnings.length > 0 && <Spotlight.Empty>{results.warnings.join(' ')}</Spotlight.Empty>}
        {query.trim() && results && groups.length === 0 && <Spotlight.Empty>Nothing in this library matches “{query}”.</Spotlight.Empty>}
        {!query.trim() && <Spotlight.Empty>Type to search every case in the library.</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
