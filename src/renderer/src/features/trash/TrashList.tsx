/* The trash: everything deleted (records, cases, people of the register), newest first, each with Restore and Delete permanently; and Empty trash. */
import { Badge, Button, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { IconRestore, IconTrash, IconTrashX } from '@tabler/icons-react';
import { useEffect } from 'react';
import type { TrashItem } from '../../../../shared/api/types';
import { confirmErase, notifyError, restoreFromTrash } from '../../app/actions';
import { loadTrash, useAppState } from '../../app/store';
import { PaneHeader } from '../../ui/PaneHeader';

const KIND_LABEL = { case: 'Case', source: 'Source', note: 'Note', event: 'Event', person: 'Person' } as const;

function whereIs(item: TrashItem): string {
  if (item.ref.kind === 'person') return 'From the people register';
  return item.ref.kind === 'case' ? 'Whole case' : `In ${item.caseTitle}`;
}

export function TrashList() {
  // Read as the page opens; after that, refresh() reloads it with everything else after each change.
  const items = useAppState((s) => s.trash);
  useEffect(() => {
    loadTrash().catch((error: unknown) => notifyError('Could not read the trash', error));
  }, []);

  return (
    <div className="record-pane">
      <PaneHeader
        title="Trash"
        description="Deleted cases, records and people stay here until you restore them or delete them permanently."
        actions={
          items &&
          items.length > 0 && (
            <Button size="sm" variant="light" color="red" leftSection={<IconTrashX size={16} />} onClick={() => confirmErase(items)}>
              Empty trash…
            </Button>
          )
        }
      />
      <ScrollArea className="list-area" type="auto">
        {items && items.length === 0 && (
          <Stack align="center" gap={6} mt="xl" c="dimmed">
            <IconTrash size={28} stroke={1.4} />
            <Text size="sm">The trash is empty.</Text>
          </Stack>
        )}
        <Stack gap={0}>
          {items?.map((item) => (
            <Group key={`${item.ref.kind}:${item.ref.id}`} className="trash-row" justify="space-between" wrap="nowrap">
              <div className="trash-text">
                <Group gap={6} wrap="nowrap">
                  <Badge size="xs" variant="light" color="gray" radius="sm">
                    {KIND_LABEL[item.ref.kind]}
                  </Badge>
                  <Text size="sm" fw={500} truncate="end">
                    {item.title}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" truncate="end">
                  {whereIs(item)} · deleted {new Date(item.deletedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
                </Text>
              </div>
              <Group gap={6} wrap="nowrap">
                <Button size="xs" variant="default" leftSection={<IconRestore size={14} />} onClick={() => void restoreFromTrash(item.ref)} aria-label={`Restore ${item.title}`}>
                  Restore
                </Button>
                <Button size="xs" variant="subtle" color="red" leftSection={<IconTrashX size={14} />} onClick={() => confirmErase([item])} aria-label={`Delete ${item.title} permanently`}>
                  Delete…
                </Button>
              </Group>
            </Group>
          ))}
        </Stack>
      </ScrollArea>
    </div>
  );
}
