/*
 * A source's attached files: drop files on the zone or choose them, or capture a web page; each file is
 * read in the window and handed to the core, which stores it once under its SHA-256. Nothing here
 * touches the file system.
 */
import { ActionIcon, Button, FileButton, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconPaperclip, IconUpload, IconWorldDownload, IconX } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import type { SourceRecord } from '../../../../shared/domain';
import { api, fileToBase64 } from '../../api';
import { change, notifyError } from '../../app/actions';
import { getState } from '../../app/store';
import { CaptureDialog } from './CaptureDialog';

const MAX_BYTES = 64 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function Attachments({ source }: { source: SourceRecord }) {
  const [busy, setBusy] = useState(0);
  const [over, setOver] = useState(false);
  const [capturing, setCapturing] = useState(false);

  const add = async (files: File[]) => {
    const caseId = getState().caseId!;
    for (const file of files) {
      if (file.size > MAX_BYTES) {
        notifyError(`“${file.name}” was not attached`, new Error(`It is ${formatBytes(file.size)}; files of up to 64 MB can be attached here.`));
        continue;
      }
      setBusy((n) => n + 1);
      try {
        const contentBase64 = await fileToBase64(file);
        await change(`“${file.name}” was not attached`, () => api['attachments:add']({ caseId, sourceId: source.id, fileName: file.name, mediaType: file.type || undefined, contentBase64 }));
      } catch (error) {
        notifyError(`“${file.name}” was not attached`, error);
      } finally {
        setBusy((n) => n - 1);
      }
    }
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void add([...event.dataTransfer.files]);
  };

  return (
    <Stack gap={6}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={500}>
          Attachments
        </Text>
        <Button size="compact-xs" variant="subtle" leftSection={<IconWorldDownload size={14} />} onClick={() => setCapturing(true)}>
          Capture web page…
        </Button>
      </Group>
      {capturing && <CaptureDialog source={source} opened onClose={() => setCapturing(false)} />}
      {source.attachments.length > 0 && (
        <Stack gap={4} className="attachment-list">
          {source.attachments.map((a) => (
            <Group key={a.id} gap="xs" wrap="nowrap" className="attachment-row">
              <IconPaperclip size={15} stroke={1.6} />
              <Text size="sm" truncate="end" style={{ flex: 1 }} title={a.fileName}>
                {a.fileName}
              </Text>
              <Text size="xs" c="dimmed" className="nowrap">
                {formatBytes(a.size)} · {a.mediaType}
              </Text>
              <Tooltip label="Detach this file" withArrow>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={`Detach ${a.fileName}`}
                  onClick={() => void change('Could not detach the file', () => api['attachments:remove']({ caseId: getState().caseId!, sourceId: source.id, attachmentId: a.id }))}
                >
                  <IconX size={14} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
        </Stack>
      )}
      <Paper
        withBorder
        className="dropzone"
        data-over={over || undefined}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="attachment-dropzone"
      >
        <Group gap="sm" justify="center" wrap="nowrap">
          {busy > 0 ? <Loader size="xs" /> : <IconUpload size={18} stroke={1.5} />}
          <Text size="sm" c="dimmed">
            {busy > 0 ? 'Storing…' : 'Drop files here, or'}
          </Text>
          <FileButton onChange={(files) => void add(files)} multiple>
            {(props) => (
              <Button {...props} size="compact-sm" variant="light" disabled={busy > 0}>
                Choose files…
              </Button>
            )}
          </FileButton>
        </Group>
      </Paper>
    </Stack>
  );
}
