/* Ctrl+K: find any case, source, note or event in the library by the words in it, and jump there. */
import { Badge, Group, Text } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconCalendarEvent, IconFileText, IconFolder, IconNote, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { QuickSearchHit } from '../../../../shared/api/types';
import { api } from '../../api';
import { jumpTo } from '../../app/store';

const ICONS = { case: IconFolder, source: IconFileText, note: IconNote, event: IconCalendarEvent } as const;
const LABELS = { case: 'Case', source: 'Source', note: 'Note', event: 'Event' } as const;

export const openQuickSearch = () => spotlight.open();

export function QuickSearch() {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<QuickSearchHit[]>([]);

  useEffect(() => {
    let current = true;
    if (!query.trim()) {
      setHits([]);
      return;
    }
    const timer = setTimeout(() => {
      api['search:quick']({ query, limit: 30 }).then(
        (found) => current && setHits(found),
        () => current && setHits([]),
      );
    }, 80);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut="mod + K" tagsToIgnore={[]} scrollable maxHeight={480} onSpotlightClose={() => setQuery('')} lockScroll={false}>
      <Spotlight.Search placeholder="Search cases, sources, notes and events…" leftSection={<IconSearch size={18} stroke={1.6} />} aria-label="Search the library" />
      <Spotlight.ActionsList>
        {hits.map((hit) => {
          const Icon = ICONS[hit.ref.kind];
          return (
            <Spotlight.Action key={`${hit.ref.kind}:${hit.ref.id}`} onClick={() => void jumpTo(hit.ref)} className="search-hit">
              <Group wrap="nowrap" gap="sm" w="100%">
                <Icon size={18} stroke={1.5} className="dimmed-icon" />
                <div className="search-hit-text">
                  <Text size="sm" fw={500} truncate="end">
                    {hit.title}
                  </Text>
                  <Text size="xs" c="dimmed" truncate="end">
                    {[hit.ref.kind === 'case' ? undefined : hit.caseTitle, hit.detail].filter(Boolean).join(' · ')}
                  </Text>
                </div>
                <Badge size="xs" variant="light" color="gray" radius="sm">
                  {LABELS[hit.ref.kind]}
                </Badge>
              </Group>
            </Spotlight.Action>
          );
        })}
        {query.trim() && hits.length === 0 && <Spotlight.Empty>Nothing in this library matches “{query}”.</Spotlight.Empty>}
        {!query.trim() && <Spotlight.Empty>Type to search every case in the library.</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
