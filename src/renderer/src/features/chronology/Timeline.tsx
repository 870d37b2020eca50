/* The chronology as a vertical timeline: dates down the left, each event with its claim status and sources. */
import { Badge, Group, Text, Timeline as MantineTimeline } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatPinpoint, type EventRecord } from '../../../../shared/domain';
import { formatPartialDate } from '../../../../shared/partial-date';
import { select, useAppState } from '../../app/store';
import { CLAIM_COLORS, CLAIM_LABELS } from './claims';

export function Timeline({ events, empty }: { events: EventRecord[]; empty: ReactNode }) {
  const selection = useAppState((s) => s.selection);
  const sources = useAppState((s) => s.caseFile?.sources ?? []);
  const titleOf = new Map(sources.map((s) => [s.id, s.title]));
  if (events.length === 0) return <div className="record-list-empty">{empty}</div>;
  const active = events.findIndex((e) => selection.includes(e.id));
  return (
    <div className="timeline-scroll" role="list" aria-label="Chronology timeline">
      <MantineTimeline active={active} bulletSize={14} lineWidth={2} className="timeline" color="casefolio">
        {events.map((e) => (
          <MantineTimeline.Item
            key={e.id}
            role="listitem"
            data-selected={selection.includes(e.id) || undefined}
            className="timeline-item"
            onClick={() => select([e.id], e.id)}
            title={
              <Group gap={8} wrap="nowrap" align="baseline">
                <Text size="xs" fw={700} c="dimmed" className="nowrap timeline-date">
                  {formatPartialDate(e.date)}
                  {e.endDate ? ` – ${formatPartialDate(e.endDate)}` : ''}
                </Text>
                <Badge size="xs" variant="light" color={CLAIM_COLORS[e.claimStatus]} radius="sm">
                  {CLAIM_LABELS[e.claimStatus]}
                </Badge>
              </Group>
            }
          >
            <Text size="sm" fw={500} mt={2}>
              {e.title}
            </Text>
            {e.sources.length > 0 && (
              <Text size="xs" c="dimmed" mt={2} lineClamp={1}>
                {e.sources.map((r) => [titleOf.get(r.sourceId) ?? 'Unknown source', formatPinpoint(r.pinpoint)].filter(Boolean).join(', ')).join('; ')}
              </Text>
            )}
          </MantineTimeline.Item>
        ))}
      </MantineTimeline>
    </div>
  );
}
