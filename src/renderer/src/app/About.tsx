/* Help › About: what this is, which version, and which library is open. */
import { Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { getState } from './store';

export function openAbout(): void {
  const library = getState().library;
  modals.open({
    title: 'About Casefolio',
    children: (
      <Stack gap="xs">
        <Text size="sm">Version {__APP_VERSION__}</Text>
        <Text size="sm">Case files for incidents — sources, notes, quotations and a chronology — compiled into court-ready PDF dossiers. Everything stays on this computer.</Text>
        {library && (
          <Text size="sm" c="dimmed">
            Library: {library.name}
            <br />
            {library.path}
          </Text>
        )}
      </Stack>
    ),
  });
}
