/* One row of each list: what tells records apart at a glance. */
import { Badge, Group, Text } from '@mantine/core';
import { IconPaperclip, IconQuote } from '@tabler/icons-react';
import { formatPartialDate } from '../../../../shared/partial-date';
import { SOURCE_KIND_LABELS, type EventRecord, type NoteRecord, type SourceRecord } from '../../../../shared/domain';
import { CLAIM_COLORS, CLAIM_LABELS } from '../chronology/claims';

export const ROW_HEIGHT = { source: 64, note: 64, event: 56 } as const;

function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, 2);
  return (
    <Group gap={4} wrap="nowrap" className="row-tags">
      {shown.map((t) => (
        <Badge key={t} size="xs" variant="light" color="gray" radius="sm" className="tag-badge" title={t}>
          {t.split('/').pop()}
        </Badge>
      ))}
      {tags.length > shown.length && (
        <Text size="xs" c="dimmed">
          +{tags.length - shown.length}
        </Text>
      )}
    </Group>
  );
}

export function SourceRow({ source }: { source: SourceRecord }) {
  const meta = [SOURCE_KIND_LABELS[source.kind], source.publisher, source.publishedDate && formatPartialDate(source.publishedDate)].filter(Boolean).join(' · ');
  return (
    <div className="row-body">
      <div className="row-line">
        <Text size="sm" fw={500} truncate="end" className="row-title">
          {source.title}
        </Text>
        {source.reliability && (
          <Badge size="xs" variant="outline" color="gray" radius="sm" title={`Reliability ${source.reliability}`}>
            {source.reliability}
          </Badge>
        )}
      </div>
      <div className="row-line">
        <Text size="xs" c="dimmed" truncate="end" className="row-meta">
          {meta}
        </Text>
        {source.attachments.length > 0 && (
          <Group gap={2} wrap="nowrap" className="row-count" title={`${source.attachments.length} attached`}>
            <IconPaperclip size={12} />
            <Text size="xs">{source.attachments.length}</Text>
          </Group>
        )}
        <Tags tags={source.tags} />
      </div>
    </div>
  );
}

export function noteSnippet(body: string): string {
  return body
    .replace(/[#>*_`~[\]()!-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
}

export function NoteRow({ note }: { note: NoteRecord }) {
  return (
    <div className="row-body">
      <div className="row-line">
        <Text size="sm" fw={500} truncate="end" className="row-title">
          {note.title}
        </Text>
        <Text size="xs" c="dimmed" className="nowrap">
          {new Date(note.updatedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })}
        </Text>
      </div>
      <div className="row-line">
        <Text size="xs" c="dimmed" truncate="end" className="row-meta">
          {noteSnippet(note.body) || 'No text yet'}
        </Text>
        {note.quotations.length > 0 && (
          <Group gap={2} wrap="nowrap" className="row-count" title={`${note.quotations.length} quotations`}>
            <IconQuote size={12} />
            <Text size="xs">{note.quotations.length}</Text>
          </Group>
        )}
        <Tags tags={note.tags} />
      </div>
    </div>
  );
}

export function EventRow({ event }: { event: EventRecord }) {
  return (
    <div className="row-body row-event">
      <Text size="xs" fw={600} className="row-date">
        {formatPartialDate(event.date)}
        {event.endDate ? ` – ${formatPartialDate(event.endDate)}` : ''}
      </Text>
      <Text size="sm" className="row-title" lineClamp={2}>
        {event.title}
      </Text>
      <Text size="xs" c="dimmed" className="row-sources">
        {event.sources.length || '—'}
      </Text>
      <div className="row-claim-head">
        <Badge size="xs" variant="light" color={CLAIM_COLORS[event.claimStatus]} radius="sm">
          {CLAIM_LABELS[event.claimStatus]}
        </Badge>
      </div>
    </div>
  );
}
