/*
 * Capture a web page as evidence onto this source: the core fetches it and stores the HTML with the
 * capture's facts; the desktop app also stores a PDF rendering. The address is checked here with the same
 * schema the core uses, so a typo is caught before anything is fetched; a network failure comes back as
 * the core's one sentence, with its code.
 */
import { Alert, Button, Checkbox, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { HttpUrl, type SourceRecord } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { callWithProgress } from '../../api';
import { messageOf } from '../../app/actions';
import { getState, refresh } from '../../app/store';

type Stage = { name: 'editing' } | { name: 'running'; phase: string; done: number; total: number } | { name: 'failed'; message: string; code?: string };

export function CaptureDialog({ source, opened, onClose }: { source: SourceRecord; opened: boolean; onClose: () => void }) {
  const [url, setUrl] = useState(source.url ?? '');
  const [keepErrorPage, setKeepErrorPage] = useState(false);
  const [invalid, setInvalid] = useState<string>();
  const [stage, setStage] = useState<Stage>({ name: 'editing' });
  const running = stage.name === 'running';

  const capture = async () => {
    const checked = HttpUrl.safeParse(url.trim());
    if (!checked.success) return setInvalid(checked.error.issues[0]?.message ?? 'Not a web address.');
    setInvalid(undefined);
    setStage({ name: 'running', phase: 'Fetching the page', done: 0, total: 1 });
    try {
      const outcome = await callWithProgress('capture:url', { caseId: getState().caseId!, sourceId: source.id, url: checked.data, keepErrorPage }, (p) =>
        setStage({ name: 'running', phase: p.phase, done: p.done, total: p.total }),
      );
      await refresh();
      const c = outcome.attachment.capture;
      const title = `Captured ${c?.finalUrl ?? checked.data}${c ? ` (HTTP ${c.status})` : ''}`;
      if (outcome.rendering.status === 'stored') notifications.show({ color: 'casefolio', title, message: 'The HTML and a PDF rendering of the page are attached.', autoClose: 6000 });
      else notifications.show({ color: outcome.rendering.status === 'failed' ? 'yellow' : 'gray', title, message: outcome.rendering.reason, autoClose: 10_000 });
      setStage({ name: 'editing' });
      onClose();
    } catch (error) {
      setStage({ name: 'failed', message: messageOf(error), code: error instanceof ApiError ? error.code : undefined });
    }
  };

  return (
    <Modal opened={opened} onClose={running ? () => undefined : onClose} title="Capture web page" size="lg" closeOnClickOutside={!running} closeOnEscape={!running} withCloseButton={!running}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The page is fetched now and its HTML kept with the capture time (UTC), the address that answered, the HTTP status and its SHA-256.
        </Text>
        <TextInput
          label="Address of the page"
          placeholder="https://"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={invalid}
          disabled={running}
          data-autofocus
          onKeyDown={(e) => e.key === 'Enter' && !running && void capture()}
        />
        <Checkbox label="Keep the page even if the server answers with an error (404, 500…)" checked={keepErrorPage} onChange={(e) => setKeepErrorPage(e.currentTarget.checked)} disabled={running} />
        {stage.name === 'running' && (
          <Stack gap={4}>
            <Text size="sm">{stage.phase}…</Text>
            <Progress value={stage.total ? (100 * stage.done) / stage.total : 0} animated aria-label="Capture progress" />
          </Stack>
        )}
        {stage.name === 'failed' && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="The page could not be captured" role="alert">
            {stage.message}
            {stage.code && (
              <Text size="xs" c="dimmed" mt={4}>
                Error code: {stage.code}
              </Text>
            )}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={running}>
            Cancel
          </Button>
          <Button onClick={() => void capture()} loading={running}>
            Capture
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
