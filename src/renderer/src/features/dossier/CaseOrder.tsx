/*
 * The order of the ticked cases in the dossier, changed with Up and Down buttons (reachable with Tab, and
 * named after their case for a screen reader) or with Alt+↑ / Alt+↓ on a focused row. Also the title a
 * dossier gets from its cases until the person types one.
 */
import { ActionIcon, Group, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import type { CaseSummary } from '../../../../shared/api/types';

/** One case: its title. Two: "A and B". More: "A, B and 3 more cases". */
export function dossierTitle(chosen: string[], cases: CaseSummary[]): string {
  const titles = chosen.map((id) => cases.find((c) => c.id === id)?.title).filter((t): t is string => Boolean(t));
  if (titles.length <= 1) return titles[0] ?? '';
  if (titles.length === 2) return `${titles[0]} and ${titles[1]}`;
  return `${titles[0]}, ${titles[1]} and ${titles.length - 2} more case${titles.length === 3 ? '' : 's'}`;
}

export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

export function CaseOrder({ chosen, cases, onChange }: { chosen: string[]; cases: CaseSummary[]; onChange: (next: string[]) => void }) {
  const rows = chosen.map((id) => cases.find((c) => c.id === id)).filter((c): c is CaseSummary => Boolean(c));
  if (rows.length < 2) return null;
  const move = (from: number, to: number, refocus?: string) => {
    onChange(moveItem(rows.map((c) => c.id), from, to));
    // The row moved: keep the keyboard on the same control of the same case.
    if (refocus) requestAnimationFrame(() => document.querySelector<HTMLElement>(refocus)?.focus());
  };
  const keyDown = (event: KeyboardEvent, index: number, id: string) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(index, event.key === 'ArrowUp' ? index - 1 : index + 1, `[data-order-row="${id}"]`);
  };
  return (
    <div className="case-order">
      <Text size="xs" c="dimmed" mb={4} id="case-order-label">
        Order in the dossier (Up and Down, or Alt+↑ / Alt+↓)
      </Text>
      <ol className="case-order-list" aria-labelledby="case-order-label">
        {rows.map((c, index) => (
          <li key={c.id} className="case-order-row" data-order-row={c.id} tabIndex={0} onKeyDown={(e) => keyDown(e, index, c.id)} aria-label={`${index + 1}. ${c.title}`}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" truncate="end">
                {index + 1}. {c.title}
              </Text>
              <Group gap={2} wrap="nowrap">
                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`Move ${c.title} up`} disabled={index === 0} onClick={() => move(index, index - 1, `[aria-label="Move ${CSS.escape(c.title)} up"]`)}>
                  <IconArrowUp size={14} />
                </ActionIcon>
                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`Move ${c.title} down`} disabled={index === rows.length - 1} onClick={() => move(index, index + 1, `[aria-label="Move ${CSS.escape(c.title)} down"]`)}>
                  <IconArrowDown size={14} />
                </ActionIcon>
              </Group>
            </Group>
          </li>
        ))}
      </ol>
    </div>
  );
}
