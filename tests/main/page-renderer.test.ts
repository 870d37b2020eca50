/*
 * The desktop's PDF rendering of a captured page, with Electron replaced by a fake window and session:
 * the window is the locked-down one, the web is unreachable from it, the PDF it prints is stored beside
 * the HTML in a real temp library, and the window is destroyed whatever happens. A render that fails
 * or hangs never costs the HTML capture.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { captureWithRendering } from '../../src/core/evidence/capture-rendering';
import { createHandlers } from '../../src/core/handlers';
import type { CaptureOutcome } from '../../src/shared/api/types';
import { dispatch } from '../../src/shared/api/dispatch';
import { desktopShell } from '../../src/main/shell';
import { readJournal, caseJournalPath } from '../../src/core/evidence/journal';
import type { PageRenderer } from '../../src/core/shell';
import { CAPTURED_PAGE_CSP, electronPageRenderer, PDF_OPTIONS, RENDER_PARTITION } from '../../src/main/page-renderer';
import { tempLibrary } from '../helpers/temp-library';

vi.mock('electron', () => ({}));

const PAGE = '<!doctype html><html><head><title>Panel finds misconduct proven</title><link rel="stylesheet" href="https://cdn.example.org/site.css"></head><body><p>Found proven.</p></body></html>';
const PDF = Buffer.from('%PDF-1.7\n% a rendering\n%%EOF\n');

type BeforeRequest = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

/** A fake Electron: one session with its request filter and protocol handler, and the windows made. */
function fakeElectron(print: (url: string) => Promise<Buffer>, { failLoadOf = -1 } = {}) {
  const state = { beforeRequest: undefined as BeforeRequest | undefined, handler: undefined as ((r: Request) => Response | Promise<Response>) | undefined, partitions: [] as string[] };
  const windows: { options: Record<string, unknown>; loaded: string[]; destroyed: boolean; served?: Response }[] = [];
  const session = {
    fromPartition: vi.fn((partition: string) => {
      state.partitions.push(partition);
      return {
        webRequest: { onBeforeRequest: (listener: BeforeRequest) => (state.beforeRequest = listener) },
        protocol: { handle: (_scheme: string, handler: (r: Request) => Response) => (state.handler = handler) },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      };
    }),
  };
  class BrowserWindow {
    record: (typeof windows)[number];
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [], destroyed: false };
      windows.push(this.record);
    }
    webContents = { printToPDF: vi.fn(async (options: unknown) => (expect(options).toEqual(PDF_OPTIONS), print(this.record.loaded[0]))) };
    // Loading asks the session's filter first, as Chromium does, then the protocol handler.
    loadURL = vi.fn(async (url: string) => {
      this.record.loaded.push(url);
      if (windows.indexOf(this.record) === failLoadOf) throw new Error(`ERR_FAILED (-2) loading '${url}'`);
      expect(allowed(url)).toBe(true);
      this.record.served = await state.handler!(new Request(url));
    });
    isDestroyed = () => this.record.destroyed;
    destroy = vi.fn(() => void (this.record.destroyed = true));
  }
  const allowed = (url: string) => {
    let cancel = true;
    state.beforeRequest!({ url }, (r) => (cancel = r.cancel));
    return !cancel;
  };
  return { deps: { BrowserWindow: BrowserWindow as never, session: session as never }, windows, state, allowed };
}

async function capturedCase(render: PageRenderer | undefined) {
  const { lib, api } = await tempLibrary();
  const { id: caseId } = await api['cases:create']({ fields: { title: 'Conduct hearing' } });
  const fetch = vi.fn(async () => new Response(PAGE, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }));
  const outcome = await captureWithRendering(lib, caseId, { url: 'https://news.example.org/hearing' }, { fetch }, render, undefined);
  return { lib, api, caseId, outcome };
}

describe('the desktop’s rendering of a captured page', () => {
  it('prints the stored HTML in a locked-down hidden window, offline, and stores the PDF beside the capture', async () => {
    const electron = fakeElectron(async () => PDF);
    // The desktop's handlers, as the window's capture:url call reaches them, against a page on this machine.
    const { lib, api } = await tempLibrary();
    const { id: caseId } = await api['cases:create']({ fields: { title: 'Conduct hearing' } });
    const shell = desktopShell({ dialog: {} as never, shell: {} as never, window: () => undefined, documentsDir: () => '/tmp', renderCapturedPage: electronPageRenderer(electron.deps) });
    const web = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const pageUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/hearing`;
    const phases: string[] = [];
    const result = await dispatch(createHandlers(lib, shell), 'capture:url', { caseId, url: pageUrl }, { progress: (p) => phases.push(p.phase) });
    await new Promise((resolve) => web.close(resolve));
    expect(result.ok).toBe(true);
    const outcome = (result as { value: CaptureOutcome }).value;
    expect(phases).toEqual(['Fetching the page', 'Rendering the page to PDF', 'Done']);

    expect(electron.state.partitions).toEqual([RENDER_PARTITION]);
    const [win] = electron.windows;
    expect(win.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false, nodeIntegration: false, webSecurity: true } });
    expect((win.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    // The captured bytes are what the window was served, with a policy that loads nothing else.
    expect(win.served!.headers.get('content-security-policy')).toBe(CAPTURED_PAGE_CSP);
    expect(win.served!.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await win.served!.text()).toBe(PAGE);
    // Every other request is refused: the page's stylesheet, any web address, even the page once printed.
    expect(electron.allowed('https://cdn.example.org/site.css')).toBe(false);
    expect(electron.allowed('http://127.0.0.1:8080/')).toBe(false);
    expect(electron.allowed(win.loaded[0])).toBe(false);
    expect(win.destroyed).toBe(true);

    expect(outcome.rendering).toMatchObject({ status: 'stored', attachment: { mediaType: 'application/pdf', fileName: '127.0.0.1-hearing.pdf', capture: { renderingOf: outcome.attachment.id, finalUrl: pageUrl, status: 200 } } });
    // The page, its web archive (core/evidence/web-archive.ts) and the rendering.
    expect(outcome.source.attachments.map((a) => a.mediaType)).toEqual(['text/html', 'application/wacz', 'application/pdf']);
    const stored = outcome.rendering.status === 'stored' ? outcome.rendering.attachment : undefined;
    expect(await readFile(path.join(lib.read.filesDir(caseId), stored!.sha256))).toEqual(PDF);
    await lib.settled(); // the journal's line for a save is written just after its acknowledgement
    const { entries } = await readJournal(caseJournalPath(lib, caseId));
    expect(entries.map((e) => e.action).slice(-2)).toEqual([`Capture ${pageUrl}`, 'Attach rendering “127.0.0.1-hearing.pdf”']);
    expect((await api['cases:get']({ caseId })).sources[0].attachments).toHaveLength(3);
  });

  it('keeps the HTML capture and says why when printing fails, and destroys the window', async () => {
    const electron = fakeElectron(async () => {
      throw new Error('Printing failed');
    });
    const { api, caseId, outcome } = await capturedCase(electronPageRenderer(electron.deps));
    expect(outcome.rendering).toEqual({ status: 'failed', reason: 'The page was captured, but its PDF rendering failed (Printing failed). The HTML capture is stored.' });
    expect(electron.windows[0].destroyed).toBe(true);
    const [source] = (await api['cases:get']({ caseId })).sources;
    expect(source.attachments).toMatchObject([
      { id: outcome.attachment.id, mediaType: 'text/html', capture: { finalUrl: 'https://news.example.org/hearing', status: 200 } },
      { mediaType: 'application/wacz', capture: { webArchiveOf: outcome.attachment.id } },
    ]);
  });

  it('gives up after its time limit, destroying the window, and keeps the HTML capture', async () => {
    const electron = fakeElectron(() => new Promise<Buffer>(() => undefined)); // a page that never finishes printing
    const { api, caseId, outcome } = await capturedCase(electronPageRenderer({ ...electron.deps, timeoutMs: 50 }));
    expect(outcome.rendering).toMatchObject({ status: 'failed', reason: expect.stringContaining('it took longer than 0.05 s') });
    expect(electron.windows[0].destroyed).toBe(true);
    expect((await api['cases:get']({ caseId })).sources[0].attachments.map((a) => a.mediaType)).toEqual(['text/html', 'application/wacz']);
  });

  it('destroys the window when the page cannot be loaded, and prepares its session once for many renders', async () => {
    const electron = fakeElectron(async () => PDF, { failLoadOf: 1 });
    const render = electronPageRenderer(electron.deps);
    const html = new TextEncoder().encode(PAGE);
    await expect(render({ html })).resolves.toEqual(new Uint8Array(PDF));
    await expect(render({ html, contentType: 'application/json' })).rejects.toThrow('ERR_FAILED');
    expect(electron.windows.map((w) => w.destroyed)).toEqual([true, true]);
    await expect(render({ html, contentType: 'application/json' })).resolves.toEqual(new Uint8Array(PDF));
    // Whatever the server declared, the window is given the bytes as HTML.
    expect(electron.windows[2].served!.headers.get('content-type')).toBe('text/html');
    expect(electron.state.partitions).toEqual([RENDER_PARTITION]);
  });

  it('is not made where there is no desktop window to render with (the bridge, the CLI)', async () => {
    const { outcome } = await capturedCase(undefined);
    expect(outcome.rendering).toEqual({ status: 'not-made', reason: 'No PDF rendering was made: only the desktop app renders captured pages. The HTML capture is stored.' });
    expect(outcome.source.attachments.map((a) => a.mediaType)).toEqual(['text/html', 'application/wacz']);
  });
});
