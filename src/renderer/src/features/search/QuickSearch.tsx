/*
 * Ctrl+K: search every case (search:query, the library's search index) and jump to a record. Results come
 * grouped by case, best first, each with its title and the passage that matched, the matches marked
 * (HitAction.tsx). "Show all" lists every matching record (AllResults.tsx).
 */
import { Text } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { SearchResults } from '../../../../shared/api/search-types';
import { api } from '../../api';
import { AllResults } from './AllResults';
import { dedupeGroups } from './dedupe';
import { HitAction } from './HitAction';
import { latestOnly, type LatestOnly } from './latest-only';

const CASES_SHOWN = 8;
const HITS_PER_CASE = 3;
/*
 * Dimmed, not blurred. Spotlight blurs what is behind it by default (backdrop-filter: blur(7px)); where Chromium
 * composites in software (no GPU: virtual machines, remote desktops, a disabled GPU) that blur is redrawn for every
 * frame in which anything in the dialog changes, 40–60 ms each on a shared machine, and every keystroke waited
 * for it before its results could show (bench/README.md, "A big library in the window").
 */
const OVERLAY = { backgroundOpacity: 0.35, blur: 0 };

export const openQuickSearch = () => spotlight.open();

export function QuickSearch() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | undefined>();
  const [showAll, setShowAll] = useState<string>();
  const typed = useRef(query);
  const searches = useRef<LatestOnly<string>>(undefined);

  // Each keystroke is searched at once unless a search is still on its way; then only the newest follows it.
  // An answer is rendered in the task that brings it (flushSync), not in a later one React schedules: no
  // keystroke can slip in between the check that it is for what is typed and the results reaching the screen,
  // and the frame after the answer already shows it.
  useEffect(() => {
    const show = (q: string, found: SearchResults | undefined) => {
      if (q === typed.current) flushSync(() => setResults(found));
    };
    const runner = latestOnly(
      (q: string) => api['search:query']({ query: q, limit: CASES_SHOWN, hitsPerCase: HITS_PER_CASE }),
      (q, found) => show(q, found),
      (q) => show(q, undefined),
    );
    searches.current = runner;
    return () => runner.cancel();
  }, []);

  // The request leaves from the keystroke's own event, before React re-renders the dialog for the new text.
  const changeQuery = useCallback((next: string) => {
    typed.current = next;
    if (next.trim()) searches.current?.request(next);
    else setResults(undefined);
    setQuery(next);
  }, []);

  const shownCases = results?.groups.length ?? 0;
  const shown = useMemo(() => dedupeGroups(results?.groups ?? []), [results]);
  const hitsShown = shown.reduce((n, g) => n + g.hits.length, 0);
  // The same elements while the results stay the same, so a keystroke re-renders the search box, not every group.
  const groups = useMemo(
    () =>
      shown.map(({ group, hits }) => (
        <Spotlight.ActionsGroup key={group.caseId} label={`${group.title} — ${group.hitCount} match${group.hitCount === 1 ? '' : 'es'}`}>
          {hits.map(({ hit, alsoIn }) => (
            <HitAction key={`${hit.ref.kind}:${hit.ref.id}:${hit.attachment?.id ?? ''}:${hit.attachment?.page.index ?? ''}`} hit={hit} alsoIn={alsoIn} />
          ))}
        </Spotlight.ActionsGroup>
      )),
    [shown],
  );
  return (
    <>
      {showAll !== undefined && <AllResults query={showAll} onClose={() => setShowAll(undefined)} />}
      <Spotlight.Root query={query} onQueryChange={changeQuery} shortcut="mod + K" tagsToIgnore={[]} scrollable maxHeight={520} onSpotlightClose={() => changeQuery('')} lockScroll={false} overlayProps={OVERLAY}>
        <Spotlight.Search placeholder="Search every case: words, “phrases”, tag:, kind:, date:…" leftSection={<IconSearch size={18} stroke={1.6} />} aria-label="Search the library" />
        <Spotlight.ActionsList data-results-for={results?.query}>
          {groups}
          {results && results.total > 0 && (
            <Text size="xs" c="dimmed" className="search-summary">
              {results.total.toLocaleString('en-GB')} record{results.total === 1 ? '' : 's'} in {results.caseCount.toLocaleString('en-GB')} case{results.caseCount === 1 ? '' : 's'}
              {results.caseCount > shownCases ? `; the ${shownCases} best cases shown` : ''}
              {results.total > hitsShown ? ' · ' : ''}
              {results.total > hitsShown && (
                <button
                  type="button"
                  className="search-show-all"
                  onClick={() => {
                    setShowAll(results.query);
                    spotlight.close();
                  }}
                >
                  Show all {results.total.toLocaleString('en-GB')}
                </button>
              )}
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
    </>
  );
}
