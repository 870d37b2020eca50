/*
 * "Show all results": every record a search matches, in one list, however many there are (a filter such
 * as kind:source can match 100,000 records). Only the rows in view are in the page (@tanstack/react-virtual),
 * and their records are fetched a page at a time (paged-hits.ts). The list is one listbox and one tab stop:
 * ↑/↓, Page Up/Down, Home/End move, Enter opens the record; each option says its place in the whole list
 * (aria-posinset / aria-setsize), so a screen reader announces "record 40,001 of 100,500" although only
 * thirty rows exist in the DOM.
 */
import { Modal, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../../shared/api/search-types';
import { formatPartialDate } from '../../../../shared/partial-date';
import { jumpTo, useAppState } from '../../app/store';
import { usePagedHits } from './paged-hits';
import './search.css';

const ROW_HEIGHT = 52;
const KIND_LABELS = { case: 'Case', source: 'Source', note: 'Note', event: 'Event', attachment: 'File' } as const;
const count = (n: number) => n.toLocaleString('en-GB');

/** Plain elements, as in the quick search's rows: a fast scroll renders dozens of these per frame. */
function ResultRow({ hit, caseTitle }: { hit: SearchHit | undefined; caseTitle: string | undefined }) {
  if (!hit) return <div className="all-results-loading">Loading…</div>;
  const detail = [caseTitle, hit.date && formatPartialDate(hit.date), hit.claimStatus, hit.reliability && `reliability ${hit.reliability}`].filter(Boolean).join(' · ');
  return (
    <>
      <div className="all-results-text">
        <div className="search-hit-title">{hit.title}</div>
        <div className="search-hit-detail">{detail}</div>
      </div>
      <span className="search-hit-kind">{KIND_LABELS[hit.kind]}</span>
    </>
  );
}

export function AllResults({ query, onClose }: { query: string; onClose: () => void }) {
  const { total, error, hitAt, showing } = usePagedHits(query);
  const cases = useAppState((s) => s.cases);
  const caseTitles = useMemo(() => new Map(cases.map((c) => [c.id, c.title])), [cases]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const rows = total ?? 0;
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index ?? 0;
  const lastShown = items[items.length - 1]?.index ?? 0;

  useEffect(() => showing(firstShown, lastShown), [firstShown, lastShown, showing]);
  useEffect(() => {
    if (rows > 0) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, rows, virtualizer]);

  const open = (index: number) => {
    const hit = hitAt(index);
    if (!hit) return;
    onClose();
    void jumpTo(hit.ref);
  };

  const keyDown = (event: KeyboardEvent) => {
    if (rows === 0) return;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT));
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + pageRows, PageUp: active - pageRows, Home: 0, End: rows - 1 };
    if (event.key in moves) {
      event.preventDefault();
      setActive(Math.max(0, Math.min(rows - 1, moves[event.key])));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(active);
    }
  };

  const title = total === undefined ? `Searching for “${query}”…` : `${count(total)} record${total === 1 ? '' : 's'} match “${query}”`;
  return (
    <Modal opened onClose={onClose} title={title} size="xl" className="all-results-modal">
      {error && (
        <Text c="red" size="sm">
          {error}
        </Text>
      )}
      {total === 0 && <Text c="dimmed">Nothing in this library matches “{query}”.</Text>}
      <div
        ref={scrollRef}
        className="all-results-list"
        role="listbox"
        aria-label={`Every record matching “${query}”`}
        tabIndex={0}
        data-autofocus
        aria-activedescendant={rows > 0 ? `all-result-${active}` : undefined}
        onKeyDown={keyDown}
        data-rows={rows}
      >
        <div className="record-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((row) => {
            const hit = hitAt(row.index);
            return (
              <div
                key={row.index}
                id={`all-result-${row.index}`}
                role="option"
                aria-selected={row.index === active}
                aria-setsize={rows}
                aria-posinset={row.index + 1}
                aria-busy={hit ? undefined : true}
                className="all-results-row"
                data-focused={row.index === active || undefined}
                style={{ height: row.size, transform: `translateY(${row.start}px)` }}
                onClick={() => setActive(row.index)}
                onDoubleClick={() => open(row.index)}
              >
                <ResultRow hit={hit} caseTitle={hit && caseTitles.get(hit.ref.caseId)} />
              </div>
            );
          })}
        </div>
      </div>
    </Modal>
  );
}
