/* A dialog that runs a long task: while it runs it cannot be closed (by Escape, a click outside or its ×), so its progress and outcome are not lost. */
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function TaskModal({ opened, busy, title, onClose, children }: { opened: boolean; busy: boolean; title: string; onClose: () => void; children: ReactNode }) {
  return (
    <Modal opened={opened} onClose={busy ? () => undefined : onClose} title={title} size="lg" closeOnClickOutside={!busy} closeOnEscape={!busy} withCloseButton={!busy}>
      {children}
    </Modal>
  );
}

/** A task that did not finish: what went wrong, in the words of the error, and the way back to the form. */
export function TaskFailed({ title, message, onBack }: { title: string; message: string; onBack: () => void }) {
  return (
    <Stack gap="md">
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title}>
        {message}
      </Alert>
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
      </Group>
    </Stack>
  );
}
