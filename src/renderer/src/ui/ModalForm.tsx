/* The form inside a small dialog: Enter submits it (the page is never reloaded), its fields stacked. */
import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';

export function ModalForm({ onSubmit, children }: { onSubmit: () => Promise<unknown> | void; children: ReactNode }) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <Stack>{children}</Stack>
    </form>
  );
}
