/* When several records are selected: tag or untag them all at once, or move them to the trash. */
import { ActionBar, Autocomplete, Button, Text } from '@mantine/core';
import { IconTag, IconTagOff, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { noun, tagRecords, trashRecords } from '../../app/actions';
import { select, useAppState, type ListKind } from '../../app/store';

export function BulkBar({ kind }: { kind: ListKind }) {
  const selection = useAppState((s) => s.selection);
  const tags = useAppState((s) => s.tags);
  const [tag, setTag] = useState('');
  const opened = selection.length > 1;
  const chosen = tag.trim().replace(/\s*\/\s*/g, '/') || null;
  return (
    <ActionBar opened={opened} onClose={() => select([], undefined)} aria-label="Selected records" className="bulk-bar" shadow="lg">
        <Text size="sm" fw={600} className="nowrap" data-testid="selection-count">
          {noun(kind, selection.length).replace(/^one/, '1')} selected
        </Text>
        <ActionBar.Divider />
        <Autocomplete
          size="xs"
          w={240}
          placeholder="Tag, e.g. theme/misogyny"
          aria-label="Tag for the selection"
          data={tags.map((t) => t.path)}
          value={tag}
          onChange={setTag}
          limit={20}
          comboboxProps={{ withinPortal: true, position: 'top' }}
        />
        <Button size="xs" leftSection={<IconTag size={14} />} disabled={!chosen} onClick={() => chosen && void tagRecords(chosen, kind, selection, true)}>
          Tag
        </Button>
        <Button size="xs" variant="default" leftSection={<IconTagOff size={14} />} disabled={!chosen} onClick={() => chosen && void tagRecords(chosen, kind, selection, false)}>
          Untag
        </Button>
        <ActionBar.Divider />
        <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} />} onClick={() => void trashRecords(kind, selection)}>
          Trash
        </Button>
        <ActionBar.CloseButton aria-label="Clear selection" />
    </ActionBar>
  );
}
