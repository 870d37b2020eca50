/*
 * The window's lock message (issue #12). A library another program has open for writing opens here
 * read-only, and this says so, with who holds it and a "Take over" button that first says what taking
 * over risks. A window whose lock was taken from it says that too: its changes are refused, never written.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import type { LibraryInfo, LibraryLockInfo } from '../../../../shared/api/types';
import { TAKE_OVER_RISK } from '../../../../shared/lock-text';
import { api } from '../../api';
import { notifyError } from '../../app/actions';
import { refresh } from '../../app/store';

function confirmTakeOver(lock: LibraryLockInfo): void {
  const who = lock.holder ? `Casefolio (process ${lock.holder.pid} on ${lock.holder.host}, since ${lock.holder.since})` : 'another program';
  modals.openConfirmModal({
    title: 'Take over this library for writing?',
    children: (
      <Stack gap="xs" className="take-over-risk">
        <Text size="sm">This library is open for writing in {who}.</Text>
        {lock.otherComputer && <Text size="sm">That is another computer, so this Casefolio cannot tell whether it is still running. Close it there first if you can.</Text>}
        <Text size="sm">{TAKE_OVER_RISK}</Text>
      </Stack>
    ),
    labels: { confirm: 'Take over', cancel: 'Stay read-only' },
    confirmProps: { color: 'red' },
    onConfirm: () => void takeOver(),
  });
}

async function takeOver(): Promise<void> {
  try {
    await api['library:takeOver']({});
    notifications.show({ color: 'casefolio', message: 'This window now has the library open for writing.', autoClose: 5000 });
  } catch (error) {
    notifyError('The library could not be taken over', error);
  }
  await refresh();
}

export function LockBanner({ library }: { library: LibraryInfo }) {
  const { lock } = library;
  if (!library.readOnly && !lock) return null;
  const lost = lock?.state === 'lost';
  return (
    <Alert
      color={lost ? 'red' : 'yellow'}
      icon={<IconLock size={18} />}
      className="load-error lock-banner"
      title={lost ? 'Another Casefolio has taken over this library' : 'Read-only: changes are turned off'}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text size="sm">
          {lost ? `${lock.message}` : lock ? `${lock.message.replace(/ Close it there, or open this one read-only\.$/, '')} This window shows it read-only.` : 'This library was opened read-only.'}
        </Text>
        {lock && (
          <Button size="xs" variant="light" color={lost ? 'red' : 'yellow'} onClick={() => confirmTakeOver(lock)}>
            Take over…
          </Button>
        )}
      </Group>
    </Alert>
  );
}
