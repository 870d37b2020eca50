/*
 * The sidebar's cases as a listbox: one tab stop, the arrow keys (Home, End) open the case above or below,
 * Enter moves to the case's records, Delete moves the case to the trash after asking. The open case is the
 * listbox's active option, announced as selected.
 *
 * A long list (a library of hundreds of cases) scrolls in a box of its own with only the cases in view in
 * the page (@tanstack/react-virtual): 500 full rows took longer to render than everything else on the first
 * screen. Each option then says where it stands in the whole list (aria-posinset / aria-setsize).
 */
import { NavLink, Text } from '@mantine/core';
import { IconFolder, IconFolderOpen } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { CaseSummary } from '../../../../shared/api/types';
import { confirmTrashCase } from '../../app/actions';
import { isRecordView, openCase, useAppState } from '../../app/store';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function caseCounts(c: CaseSummary): string {
  return [plural(c.counts.sources, 'source', 'sources'), plural(c.counts.notes, 'note', 'notes'), plural(c.counts.events, 'event', 'events')].join(' · ');
}

const optionId = (caseId: string) => `case-option-${caseId}`;

/** Past this many cases the list is virtualised. */
const LONG_LIST = 60;
/** The height of one case row in a virtualised list (fixed by .case-list-long .case-link). */
const CASE_ROW_HEIGHT = 50;

function CaseOption({ c, active, index, setSize }: { c: CaseSummary; active: boolean; index?: number; setSize?: number }) {
  return (
    <NavLink
      id={optionId(c.id)}
      component="div"
      role="option"
      aria-selected={active}
      aria-posinset={index === undefined ? undefined : index + 1}
      aria-setsize={setSize}
      tabIndex={-1}
      active={active}
      label={c.title}
      title={c.title}
      description={caseCounts(c)}
      leftSection={active ? <IconFolderOpen size={17} stroke={1.5} /> : <IconFolder size={17} stroke={1.5} />}
      onClick={() => void openCase(c.id)}
      className="case-link"
      data-case={c.slug}
      variant="light"
    />
  );
}

/** Only the cases in view, in a box that scrolls on its own; the open case is kept in view. */
function LongCaseList({ cases, activeId }: { cases: CaseSummary[]; activeId: string | undefined }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: cases.length, getScrollElement: () => scrollRef.current, estimateSize: () => CASE_ROW_HEIGHT, overscan: 6 });
  const activeIndex = cases.findIndex((c) => c.id === activeId);
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);
  return (
    <div ref={scrollRef} className="case-list-scroll">
      <div className="record-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div key={cases[row.index].id} className="case-list-row" style={{ height: row.size, transform: `translateY(${row.start}px)` }}>
            <CaseOption c={cases[row.index]} active={cases[row.index].id === activeId} index={row.index} setSize={cases.length} />
          </div>
        ))}
      </div>
    </div>
  );
}

export function CaseList() {
  const cases = useAppState((s) => s.cases);
  const caseId = useAppState((s) => s.caseId);
  const view = useAppState((s) => s.view);
  const activeId = isRecordView(view) && cases.some((c) => c.id === caseId) ? caseId : undefined;

  if (cases.length === 0) {
    return (
      <Text size="xs" c="dimmed" px="sm">
        No cases yet.
      </Text>
    );
  }

  const keyDown = (event: KeyboardEvent) => {
    const index = cases.findIndex((c) => c.id === activeId);
    const go = (next: number) => {
      event.preventDefault();
      const target = cases[Math.max(0, Math.min(cases.length - 1, next))];
      // A long list scrolls the case into view itself (it may not be in the page yet).
      void openCase(target.id).then(() => document.getElementById(optionId(target.id))?.scrollIntoView({ block: 'nearest' }));
    };
    switch (event.key) {
      case 'ArrowDown':
        return go(index < 0 ? 0 : index + 1);
      case 'ArrowUp':
        return go(index < 0 ? 0 : index - 1);
      case 'Home':
        return go(0);
      case 'End':
        return go(cases.length - 1);
      case 'Enter':
      case ' ':
        event.preventDefault();
        if (!activeId) return go(0);
        document.querySelector<HTMLElement>('.record-list, .timeline')?.focus();
        return;
      case 'Delete': {
        const open = cases[index];
        if (open) {
          event.preventDefault();
          confirmTrashCase(open.id, open.title);
        }
        return;
      }
    }
  };

  return (
    <div className="case-list" role="listbox" aria-label="Cases" tabIndex={0} aria-activedescendant={activeId ? optionId(activeId) : undefined} onKeyDown={keyDown}>
      {cases.length > LONG_LIST ? <LongCaseList cases={cases} activeId={activeId} /> : cases.map((c) => <CaseOption key={c.id} c={c} active={c.id === activeId} />)}
    </div>
  );
}
