/*
 * A web capture with its PDF rendering: the HTML is captured and stored first; then, where the host can
 * render pages (the desktop app's Shell.renderCapturedPage), the stored bytes are rendered and the PDF is
 * stored beside them. The rendering is a convenience copy, never a condition: if it fails or times out,
 * the HTML capture stays stored and the outcome says why there is no PDF.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaptureOutcome, CaptureRendering } from '../../shared/api/types';
import type { CallContext } from '../../shared/api/dispatch';
import type { CaseLibrary } from '../case-library';
import type { PageRenderer } from '../shell';
import { findRecord, SOURCE_KIND } from '../services/records';
import { attachRendering, captureUrl, type CaptureOptions, type CaptureRequest } from './capture';

const RENDERABLE = new Set(['text/html', 'application/xhtml+xml']);

export const NO_RENDERER = 'No PDF rendering was made: only the desktop app renders captured pages. The HTML capture is stored.';

export async function captureWithRendering(
  lib: CaseLibrary,
  caseKey: string,
  request: CaptureRequest,
  options: CaptureOptions,
  render: PageRenderer | undefined,
  progress: CallContext['progress'],
): Promise<CaptureOutcome> {
  const total = render ? 2 : 1;
  progress?.({ phase: 'Fetching the page', done: 0, total });
  const { source, attachment, webArchive } = await captureUrl(lib, caseKey, request, options);
  const caseId = lib.requireCase(caseKey).case.id;
  let rendering: CaptureRendering;
  if (!render) rendering = { status: 'not-made', reason: NO_RENDERER };
  else if (!RENDERABLE.has(attachment.mediaType)) {
    rendering = { status: 'not-made', reason: `No PDF rendering was made: the address answered with ${attachment.mediaType}, not a web page.` };
  } else {
    progress?.({ phase: 'Rendering the page to PDF', done: 1, total });
    try {
      const html = await readFile(path.join(lib.read.filesDir(caseId), attachment.sha256));
      const pdfBytes = await render({ html, contentType: attachment.capture?.contentType });
      rendering = { status: 'stored', attachment: await attachRendering(lib, caseId, source.id, { attachmentId: attachment.id, pdfBytes }) };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      rendering = { status: 'failed', reason: `The page was captured, but its PDF rendering failed (${why.replace(/[.\s]+$/, '')}). The HTML capture is stored.` };
    }
  }
  progress?.({ phase: 'Done', done: total, total });
  const current = rendering.status === 'stored' ? structuredClone(findRecord(lib.requireCase(caseId), SOURCE_KIND, source.id)) : source;
  return { source: current, attachment, webArchive, rendering };
}
