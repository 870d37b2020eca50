/*
 * The sidebar's cases as a listbox: one tab stop, the arrow keys (Home, End) open the case above or below,
 * Enter moves to the case's records, Delete moves the case to the trash after asking. The open case is the
 * listbox's active option, announced as selected.
 */
import { NavLink, Text } from '@mantine/core';
import { IconFolder, IconFolderOpen } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import type { CaseSummary } from '../../../../shared/api/types';
import { confirmTrashCase } from '../../app/actions';
import { isRecordView, openCase, useAppState } from '../../app/store';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function caseCounts(c: CaseSummary): string {
  return [plural(c.counts.sources, 'source', 'sources'), plural(c.counts.notes, 'note', 'notes'), plural(c.counts.events, 'event', 'events')].join(' · ');
}

const optionId = (caseId: string) => `case-option-${caseId}`;

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
      {cases.map((c) => {
        const active = c.id === activeId;
        return (
          <NavLink
            key={c.id}
            id={optionId(c.id)}
            component="div"
            role="option"
            aria-selected={active}
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
      })}
    </div>
  );
}
