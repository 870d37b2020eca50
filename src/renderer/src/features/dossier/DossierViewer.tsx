/*
 * A finished dossier in Casefolio's own viewer: its bookmarks (the PDF's outline, as the contents and exhibits
 * are) on the left, one page at a time on the right. A bookmark, the arrows or the page buttons move through it.
 */
import { Alert, Button, Group, Loader, Modal, NavLink, ScrollArea, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { messageOf } from '../../app/actions';
import { openPdf, readOutline, type OutlineItem, type PdfDocument } from './pdf-document';
import { PdfCanvas } from './PdfCanvas';

type State = { name: 'loading' } | { name: 'open'; doc: PdfDocument; outline: OutlineItem[] } | { name: 'failed'; message: string };

export function DossierViewer({ path, title, onClose }: { path: string | undefined; title: string; onClose: () => void }) {
  const [state, setState] = useState<State>({ name: 'loading' });
  const [page, setPage] = useState(1);

  useEffect(() => {
    if (!path) return;
    let cancelled = false;
    let opened: PdfDocument | undefined;
    setState({ name: 'loading' });
    setPage(1);
    (async () => {
      const { pdfBase64 } = await api['dossier:read']({ path });
      opened = await openPdf(pdfBase64);
      const outline = await readOutline(opened);
      if (!cancelled) setState({ name: 'open', doc: opened, outline });
    })().catch((error: unknown) => !cancelled && setState({ name: 'failed', message: messageOf(error) }));
    return () => {
      cancelled = true;
      void opened?.destroy();
    };
  }, [path]);

  const total = state.name === 'open' ? state.doc.numPages : 0;
  const go = (n: number) => setPage(Math.max(1, Math.min(total, n)));

  return (
    <Modal opened={!!path} onClose={onClose} title={title} size="90%" classNames={{ body: 'dossier-viewer-body' }}>
      {state.name === 'loading' && <Loader size="sm" />}
      {state.name === 'failed' && (
        <Alert color="red" variant="light" title="The dossier could not be shown">
          {state.message}
        </Alert>
      )}
      {state.name === 'open' && (
        <div
          className="dossier-viewer"
          onKeyDown={(e) => {
            if (e.key === 'PageDown' || e.key === 'ArrowRight') go(page + 1);
            else if (e.key === 'PageUp' || e.key === 'ArrowLeft') go(page - 1);
          }}
        >
          <nav className="dossier-viewer-outline" aria-label="Bookmarks">
            <ScrollArea h="100%" type="auto">
              <Bookmarks items={state.outline} current={page} onGo={go} />
            </ScrollArea>
          </nav>
          <div className="dossier-viewer-page">
            <Group justify="center" gap="xs" mb="xs">
              <Button size="compact-sm" variant="default" aria-label="Previous page" onClick={() => go(page - 1)} disabled={page <= 1}>
                <IconChevronLeft size={16} />
              </Button>
              <Text size="sm" className="dossier-viewer-position" aria-live="polite">
                Page {page} of {total}
              </Text>
              <Button size="compact-sm" variant="default" aria-label="Next page" onClick={() => go(page + 1)} disabled={page >= total}>
                <IconChevronRight size={16} />
              </Button>
            </Group>
            <ScrollArea h="100%" type="auto">
              <PdfCanvas doc={state.doc} page={page} width={720} label={`Page ${page} of ${total}`} />
            </ScrollArea>
          </div>
        </div>
      )}
    </Modal>
  );
}

function Bookmarks({ items, current, onGo }: { items: OutlineItem[]; current: number; onGo: (page: number) => void }) {
  return (
    <>
      {items.map((item, i) => (
        <NavLink
          key={`${item.title}-${i}`}
          label={item.title}
          description={item.page ? `p. ${item.page}` : undefined}
          active={item.page === current}
          onClick={() => item.page && onGo(item.page)}
          className="dossier-bookmark"
          childrenOffset={12}
          defaultOpened={false}
        >
          {item.items.length ? <Bookmarks items={item.items} current={current} onGo={onGo} /> : undefined}
        </NavLink>
      ))}
    </>
  );
}
