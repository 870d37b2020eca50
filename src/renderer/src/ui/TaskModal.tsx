/* A dialog that runs a long task: while it runs it cannot be closed (by Escape, a click outside or its ×), so its progress and outcome are not lost. */
import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';

export function TaskModal({ opened, busy, title, onClose, children }: { opened: boolean; busy: boolean; title: string; onClose: () => void; children: ReactNode }) {
  return (
    <Modal opened={opened} onClose={busy ? () => undefined : onClose} title={title} size="lg" closeOnClickOutside={!busy} closeOnEscape={!busy} withCloseButton={!busy}>
      {children}
    </Modal>
  );
}
