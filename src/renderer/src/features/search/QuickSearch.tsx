/*
 * Ctrl+K: search every case (search:query, the library's search index) and jump to a record. Results come
 * grouped by case, best first, each with its title and the passage that matched, the matches marked
 * (HitAction.tsx). "Show all" lists every matching record (AllResults.tsx).
 *
 * Mantine's Spotlight gives the dialog (its modal, overlay, shortcut and open/close); the search box and the
 * results are this file's own elements. Spotlight's box and actions read one React context whose value changes
 * with every letter, and its store selects the first action after each change by scrolling it into view: each
 * keystroke re-rendered every result row three times and forced a layout of the whole list before the answer
 * had even arrived (bench/README.md, "A big library in the window"). Here a keystroke renders the box; an
 * answer renders the rows it changed, once.
 */
import { Input, Text } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import type { SearchResults } from '../../../../shared/api/search-types';
import { api } from '../../api';
import { moveSelection, triggerSelected } from './action-selection';
import { AllResults } from './AllResults';
import { dedupeGroups } from './dedupe';
import { HitAction } from './HitAction';
import { latestOnly, type LatestOnly } from './latest-only';
import { firstRows, rowCount, rowsInView } from './rows-in-view';
import './search.css';

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
  const [showAll, setShowAll] = useState<string>();
  const showAllOf = useCallback((query: string) => {
    setShowAll(query);
    spotlight.close();
  }, []);
  // The panel is the dialog's content: it is unmounted when the dialog closes, so the next opening starts empty.
  const panel = useMemo(() => <QuickSearchPanel onShowAll={showAllOf} />, [showAllOf]);
  return (
    <>
      {showAll !== undefined && <AllResults query={showAll} onClose={() => setShowAll(undefined)} />}
      <Spotlight.Root shortcut="mod + K" tagsToIgnore={[]} scrollable maxHeight={520} lockScroll={false} overlayProps={OVERLAY}>
        {panel}
      </Spotlight.Root>
    </>
  );
}

function QuickSearchPanel({ onShowAll }: { onShowAll: (query: string) => void }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | undefined>();
  // The answer whose every row is drawn; the others show the rows that fit (rows-in-view.ts) until the list
  // is scrolled or the keyboard moves through it.
  const [wholeAnswer, setWholeAnswer] = useState<SearchResults>();
  const [inView, setInView] = useState(() => rowsInView(window.innerHeight));
  // A taller window fits more rows: drawn at once, since a list that does not overflow cannot be scrolled.
  useEffect(() => {
    const fit = () => setInView(rowsInView(window.innerHeight));
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);
  const typed = useRef(query);
  const searches = useRef<LatestOnly<string>>(undefined);
  const list = useRef<HTMLDivElement>(null);

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

  // New results: the list shows their top, and the first is the one Enter opens (marked).
  useLayoutEffect(() => {
    if (!list.current) return;
    list.current.scrollTop = 0;
    moveSelection(list.current, 'first');
  }, [results]);

  // The request leaves from the keystroke's own event, before React re-renders the box for the new text.
  const changeQuery = (next: string) => {
    typed.current = next;
    if (next.trim()) searches.current?.request(next);
    else setResults(undefined);
    setQuery(next);
  };
  const drawEveryRow = () => {
    if (results && wholeAnswer !== results) flushSync(() => setWholeAnswer(results));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing || !list.current) return;
    const key = event.nativeEvent.code;
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      drawEveryRow(); // ↑ from the first row goes to the answer's last
      moveSelection(list.current, key === 'ArrowDown' ? 'next' : 'previous');
    }
    else if (key === 'Enter' || key === 'NumpadEnter') triggerSelected(list.current);
    else return;
    event.preventDefault();
  };

  return (
    <>
      <Input
        size="lg"
        classNames={{ input: Spotlight.classes.search }}
        value={query}
        onChange={(event) => changeQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        placeholder="Search every case: words, “phrases”, tag:, kind:, date:…"
        leftSection={<IconSearch size={18} stroke={1.6} />}
        aria-label="Search the library"
        data-autofocus
      />
      <div ref={list} className="search-results" data-results-for={results?.query} onScroll={(event) => event.currentTarget.scrollTop > 0 && drawEveryRow()}>
        <ResultGroups results={results} onShowAll={onShowAll} rows={wholeAnswer === results ? Infinity : inView} />
        {query.trim() && results?.total === 0 && <div className="search-empty">Nothing in this library matches “{query}”.</div>}
        {!query.trim() && <div className="search-empty">Type to search every case: words, “a phrase”, -leave-out, tag:theme, kind:event, status:open, date:2021..2022, reliability:A.</div>}
      </div>
    </>
  );
}

/**
 * The groups, the count and the warnings: rendered when an answer arrives, not when a letter is typed. Of a long
 * answer, the rows that fit the list (`rows`) until the rest are asked for. At
 * 100,000 records an answer's frame spent 15–30 ms of the page's CPU on style, layout and paint for 22–24 rows,
 * 7 of which fit on screen (bench/README.md, "A big library in the window").
 */
const ResultGroups = memo(function ResultGroups({ results, onShowAll, rows }: { results: SearchResults | undefined; onShowAll: (query: string) => void; rows: number }) {
  const all = useMemo(() => dedupeGroups(results?.groups ?? []), [results]);
  if (!results) return null;
  const hitsShown = rowCount(all);
  const complete = hitsShown <= rows;
  const shown = complete ? all : firstRows(all, rows);
  const shownCases = results.groups.length;
  return (
    <>
      {shown.map(({ group, hits }) => (
        <div key={group.caseId} className="search-group">
          <div className="search-group-label">{`${group.title} — ${group.hitCount} match${group.hitCount === 1 ? '' : 'es'}`}</div>
          {hits.map(({ hit, alsoIn }) => (
            <HitAction key={`${hit.ref.kind}:${hit.ref.id}:${hit.attachment?.id ?? ''}:${hit.attachment?.page.index ?? ''}`} hit={hit} alsoIn={alsoIn} />
          ))}
        </div>
      ))}
      {results.total > 0 && (
        <Text size="xs" c="dimmed" className="search-summary">
          {results.total.toLocaleString('en-GB')} record{results.total === 1 ? '' : 's'} in {results.caseCount.toLocaleString('en-GB')} case{results.caseCount === 1 ? '' : 's'}
          {results.caseCount > shownCases ? `; the ${shownCases} best cases shown` : ''}
          {results.total > hitsShown ? ' · ' : ''}
          {results.total > hitsShown && (
            <button type="button" className="search-show-all" onClick={() => onShowAll(results.query)}>
              Show all {results.total.toLocaleString('en-GB')}
            </button>
          )}
        </Text>
      )}
      {results.warnings.map((warning) => (
        <Text key={warning} size="xs" c="orange" className="search-summary">
          {warning}
        </Text>
      ))}
    </>
  );
});
