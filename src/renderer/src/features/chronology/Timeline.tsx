/*
 * The chronology as a timeline: a real time axis across the open case and any others added to the picture,
 * zoomed from decades to days, with uncertain dates drawn as what they are and claim status by colour and
 * shape. Clicking an event (or Enter on it) opens it in the editor, in its own case when it belongs to another.
 */
import { ActionIcon, Button, Group, MultiSelect, Text, Tooltip } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconArrowsHorizontal, IconZoomIn, IconZoomOut } from '@tabler/icons-react';
import { useCallback, type ReactNode } from 'react';
import type { EventRecord } from '../../../../shared/domain';
import { jumpTo, select, useAppState } from '../../app/store';
import './timeline.css';
import { TimelineLegend } from './TimelineLegend';
import { TimelinePlot } from './TimelinePlot';
import { useTimelineBands } from './use-timeline-events';
import type { TimeZoom } from './use-time-zoom';

const DAY = 86_400_000;
/** What each zoom preset shows across the plot. */
const PRESETS = [
  { label: 'Decades', span: 40 * 365 * DAY },
  { label: 'Years', span: 6 * 365 * DAY },
  { label: 'Months', span: 14 * 30 * DAY },
  { label: 'Days', span: 21 * DAY },
];

export function Timeline({ events, empty }: { events: EventRecord[]; empty: ReactNode }) {
  const selection = useAppState((s) => s.selection);
  const caseId = useAppState((s) => s.caseId);
  const cases = useAppState((s) => s.cases);
  const [shown, setShown] = useLocalStorage<string[]>({ key: 'casefolio.timeline-cases', defaultValue: [] });
  const others = shown.filter((id) => id !== caseId && cases.some((c) => c.id === id));
  const { bands, failed } = useTimelineBands(events, others);

  const onOpen = useCallback(
    (eventCase: string, eventId: string) => {
      if (eventCase === caseId) select([eventId], eventId);
      else void jumpTo({ caseId: eventCase, kind: 'event', id: eventId });
    },
    [caseId],
  );

  const total = bands.reduce((n, b) => n + b.events.length, 0);
  const toolbar = (zoom: TimeZoom) => (
    <Group className="tl-toolbar" gap="xs" wrap="wrap" justify="space-between">
      <MultiSelect
        className="tl-cases"
        size="xs"
        aria-label="Also show cases"
        placeholder={others.length ? undefined : 'Add other cases…'}
        data={cases.filter((c) => c.id !== caseId).map((c) => ({ value: c.id, label: c.title }))}
        value={others}
        onChange={setShown}
        clearable
        searchable
        maxDropdownHeight={260}
      />
      <Group gap={4} wrap="nowrap">
        <Button.Group aria-label="Zoom to">
          {PRESETS.map((p) => (
            <Button key={p.label} size="compact-xs" variant="default" onClick={() => zoom.showSpan(p.span)}>
              {p.label}
            </Button>
          ))}
        </Button.Group>
        <Tooltip label="Zoom out (−)" withArrow>
          <ActionIcon variant="default" size="sm" aria-label="Zoom out" disabled={zoom.atMin} onClick={() => zoom.zoomBy(0.5)}>
            <IconZoomOut size={15} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Zoom in (+)" withArrow>
          <ActionIcon variant="default" size="sm" aria-label="Zoom in" disabled={zoom.atMax} onClick={() => zoom.zoomBy(2)}>
            <IconZoomIn size={15} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Show everything (0)" withArrow>
          <ActionIcon variant="default" size="sm" aria-label="Show everything" onClick={() => zoom.reset()}>
            <IconArrowsHorizontal size={15} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );

  if (total === 0 && others.length === 0) return <div className="record-list-empty">{empty}</div>;
  return (
    <div className="tl-view">
      {failed && (
        <Text size="xs" c="red" px="md">
          Other cases could not be shown: {failed}
        </Text>
      )}
      <TimelinePlot bands={bands} selection={selection} onOpen={onOpen} toolbar={toolbar} />
      <TimelineLegend />
    </div>
  );
}
