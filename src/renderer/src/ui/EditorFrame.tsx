/* The frame every editor sits in: what it is, its actions, a scrolling body and a save bar. */
import { ActionIcon, Alert, Button, Group, Kbd, ScrollArea, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconAlertCircle, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { shortcut } from './keys';

interface Props {
  kindLabel: string;
  icon: ReactNode;
  meta?: ReactNode;
  isNew: boolean;
  dirty: boolean;
  saving: boolean;
  formError?: string;
  onSave: () => void;
  onRevert: () => void;
  onTrash?: () => void;
  children: ReactNode;
}

export function EditorFrame({ kindLabel, icon, meta, isNew, dirty, saving, formError, onSave, onRevert, onTrash, children }: Props) {
  useHotkeys(
    [
      ['mod+S', () => (dirty || isNew ? onSave() : undefined)],
      ['mod+Enter', () => (dirty || isNew ? onSave() : undefined)],
    ],
    [],
  );
  return (
    <div className="editor" data-editor={kindLabel}>
      <header className="editor-header">
        <Group gap={8} wrap="nowrap" className="editor-kind">
          {icon}
          <Text size="xs" fw={600} tt="uppercase" c="dimmed" lts={0.6}>
            {isNew ? `New ${kindLabel}` : kindLabel}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          {meta}
          {onTrash && !isNew && (
            <Tooltip label="Move to trash (Delete)" withArrow>
              <ActionIcon variant="subtle" color="gray" aria-label={`Move ${kindLabel} to trash`} onClick={onTrash}>
                <IconTrash size={17} stroke={1.6} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </header>
      <ScrollArea className="editor-body" type="auto" offsetScrollbars="y">
        <div className="editor-content">
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} mb="md" title="Not saved">
              {formError}
            </Alert>
          )}
          {children}
        </div>
      </ScrollArea>
      <footer className="editor-footer" data-dirty={dirty || isNew || undefined}>
        <Text size="xs" c="dimmed">
          {isNew ? 'Not saved yet' : dirty ? 'Unsaved changes' : 'All changes saved'}
        </Text>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={onRevert} disabled={!dirty && !isNew}>
            {isNew ? 'Discard' : 'Revert'}
          </Button>
          <Button size="xs" onClick={onSave} loading={saving} disabled={!dirty && !isNew} rightSection={<Kbd size="xs">{shortcut('S')}</Kbd>}>
            {isNew ? `Add ${kindLabel}` : 'Save'}
          </Button>
        </Group>
      </footer>
    </div>
  );
}
