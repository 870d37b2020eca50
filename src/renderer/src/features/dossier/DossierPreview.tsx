/*
 * The dossier's first pages and its contents, drawn by pdf.js before the person commits to an export: the core
 * builds the dossier in memory with the dialog's settings (dossier:preview) and sends back those pages alone.
 */
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CallInput } from '../../../../shared/api/contract';
import { api } from '../../api';
import { messageOf } from '../../app/actions';
import { openPdf, type PdfDocument } from './pdf-document';
import { PdfCanvas } from './PdfCanvas';

export type PreviewRequest = Omit<CallInput<'dossier:preview'>, 'pages'>;

type State = { name: 'idle' } | { name: 'building' } | { name: 'shown'; doc: PdfDocument; pages: number[]; total: number } | { name: 'failed'; message: string };

/** `request` is undefined while the dialog's settings are not valid; a change of settings clears the preview. */
export function DossierPreview({ request }: { request: PreviewRequest | undefined }) {
  const [state, setState] = useState<State>({ name: 'idle' });
  const key = JSON.stringify(request ?? null);
  useEffect(() => setState({ name: 'idle' }), [key]);
  useEffect(() => () => void (state.name === 'shown' && state.doc.destroy()), [state]);

  const build = async () => {
    if (!request) return;
    setState({ name: 'building' });
    try {
      const preview = await api['dossier:preview']({ ...request, pages: 4 });
      const doc = await openPdf(preview.pdfBase64);
      setState({ name: 'shown', doc, pages: preview.pages, total: preview.totalPages });
    } catch (error) {
      setState({ name: 'failed', message: messageOf(error) });
    }
  };

  return (
    <Stack gap={6} className="dossier-preview" aria-live="polite">
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Preview
        </Text>
        <Button size="compact-xs" variant="light" leftSection={<IconEye size={14} />} onClick={() => void build()} disabled={!request || state.name === 'building'}>
          {state.name === 'shown' ? 'Preview again' : 'Preview first pages'}
        </Button>
      </Group>
      {state.name === 'building' && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="xs" c="dimmed">
            Building the dossier in memory…
          </Text>
        </Group>
      )}
      {state.name === 'failed' && (
        <Alert color="red" variant="light" title="No preview">
          {state.message}
        </Alert>
      )}
      {state.name === 'shown' && (
        <>
          <Text size="xs" c="dimmed">
            The first {state.pages.length} of {state.total.toLocaleString('en-GB')} pages, with the contents. Nothing is saved until you export.
          </Text>
          {/* A plain grid: Mantine's SimpleGrid writes its columns into an inline <style>, which the CSP refuses. */}
          <div className="dossier-preview-pages">
            {state.pages.map((p) => (
              <figure key={p} className="dossier-preview-page">
                <PdfCanvas doc={state.doc} page={state.pages.indexOf(p) + 1} width={140} label={`Page ${p} of ${state.total}`} />
                <figcaption>Page {p}</figcaption>
              </figure>
            ))}
          </div>
        </>
      )}
    </Stack>
  );
}
