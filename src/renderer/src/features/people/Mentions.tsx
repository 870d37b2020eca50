/* Where a person's names occur, found for you: each place with its excerpt, opening the record it is in. */
import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import type { PersonDetails, PersonMention } from '../../../../shared/api/people-inputs';
import { jumpTo } from '../../app/store';

const FIELD_LABEL: Record<PersonMention['field'], string> = {
  title: 'title',
  summary: 'summary',
  description: 'description',
  body: 'note text',
  quotation: 'quotation',
  text: 'attachment text',
};

function placeOf(m: PersonMention): string {
  if (m.attachmentId !== undefined) return `${m.fileName}, page ${m.pageLabel || (m.page ?? 0) + 1}`;
  return `${m.kind} ${FIELD_LABEL[m.field]}`;
}

export function Mentions({ details }: { details: PersonDetails }) {
  const { mentions } = details;
  return (
    <section aria-labelledby="mentions-heading" className="person-mentions">
      <Text id="mentions-heading" component="h3" size="sm" fw={600} mb={4}>
        Mentions ({mentions.length}{details.mentionsTruncated ? '+' : ''})
      </Text>
      {mentions.length === 0 && (
        <Text size="sm" c="dimmed">
          None of this person’s names occurs in the library.
        </Text>
      )}
      {details.unreadAttachments > 0 && (
        <Text size="xs" c="dimmed" mb={4}>
          {details.unreadAttachments} attachment{details.unreadAttachments === 1 ? ' has' : 's have'} no extracted text yet and could not be searched.
        </Text>
      )}
      <Stack gap={2} component="ul" className="mention-list">
        {mentions.map((m, i) => (
          <li key={`${m.recordId}:${m.field}:${m.attachmentId ?? ''}:${m.page ?? ''}:${i}`}>
            <UnstyledButton className="mention-row" onClick={() => void jumpTo({ caseId: m.caseId, kind: m.kind, id: m.recordId })} title={`Open ${m.kind} “${m.recordTitle}” in ${m.caseTitle}`}>
              <Group gap={6} wrap="nowrap">
                <Badge size="xs" variant="light" color="gray" radius="sm" tt="none" className="mention-place">
                  {placeOf(m)}
                </Badge>
                <Text size="xs" c="dimmed" truncate="end">
                  {m.caseTitle} › {m.recordTitle}
                </Text>
              </Group>
              <Text size="sm" className="mention-excerpt">
                {m.excerpt.slice(0, m.highlight.start)}
                <mark className="person-mention">{m.excerpt.slice(m.highlight.start, m.highlight.end)}</mark>
                {m.excerpt.slice(m.highlight.end)}
              </Text>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
    </section>
  );
}
