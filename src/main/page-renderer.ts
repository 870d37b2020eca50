/*
 * The desktop's PDF rendering of a captured web page (Shell.renderCapturedPage). The page is shown from
 * the bytes Casefolio stored, never fetched again: a hidden window on its own in-memory session, where
 * every network request is refused and the one address that answers is the captured HTML, served by the
 * session's own protocol handler. So what is rendered is exactly what was captured. Images, styles and
 * fonts the page loads from the web do not load (the rendering is offline by design, and may look plainer
 * than the live page); only what the HTML itself contains, including data: URLs, appears.
 *
 * The window is as locked down as a window can be: sandboxed, context isolation, JavaScript off, no
 * preload, no permissions; like every webContents it may not navigate or open windows (index.ts hardens
 * them all, a <meta http-equiv="refresh"> included). It is destroyed in every path: after printing, on
 * failure and on time-out.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';
import type { PageRenderer } from '../core/shell';
import { ApiError } from '../shared/errors';
import { APP_SCHEME, denyAllPermissions } from './security';
import { LOCKED_DOWN } from './window';

/** No "persist:" prefix: the session lives in memory and leaves nothing on disk. */
export const RENDER_PARTITION = 'casefolio-capture-render';
export const RENDER_ORIGIN = `${APP_SCHEME}://capture`;
export const RENDER_TIMEOUT_MS = 30_000;
/** A second wall after `javascript: false`: nothing may load but what the captured HTML carries inline. */
export const CAPTURED_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline' data:; img-src data:; font-src data:; media-src data:";
export const PDF_OPTIONS = { pageSize: 'A4', printBackground: true } as const;

type RenderWindow = Pick<BrowserWindow, 'loadURL' | 'destroy' | 'isDestroyed'> & { webContents: Pick<BrowserWindow['webContents'], 'printToPDF'> };
type RenderSession = Pick<Session, 'webRequest' | 'protocol' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

export interface PageRendererDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => RenderWindow;
  session: { fromPartition(partition: string): RenderSession };
  timeoutMs?: number;
}

export function renderWindowOptions(session: RenderSession): BrowserWindowConstructorOptions {
  return {
    show: false,
    // An A4 page's width at 96 dpi, so the page lays out as it will print.
    width: 794,
    height: 1123,
    // No preload: the page has no door to Casefolio at all. JavaScript off: a captured page is a document, not a program.
    webPreferences: { ...LOCKED_DOWN, session: session as Session, javascript: false, spellcheck: false, backgroundThrottling: false },
  };
}

function htmlContentType(declared: string | undefined): string {
  const type = declared?.split(';')[0].trim().toLowerCase();
  return declared && (type === 'text/html' || type === 'application/xhtml+xml') ? declared : 'text/html';
}

export function electronPageRenderer({ BrowserWindow, session, timeoutMs = RENDER_TIMEOUT_MS }: PageRendererDeps): PageRenderer {
  const pages = new Map<string, { html: Uint8Array; contentType: string }>();
  let prepared: RenderSession | undefined;

  const renderSession = (): RenderSession => {
    if (prepared) return prepared;
    const ses = session.fromPartition(RENDER_PARTITION);
    denyAllPermissions(ses);
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !pages.has(details.url) }));
    ses.protocol.handle(APP_SCHEME, (request) => {
      const page = pages.get(request.url);
      if (!page) return new Response(null, { status: 404 });
      return new Response(page.html as Uint8Array<ArrayBuffer>, { headers: { 'content-type': htmlContentType(page.contentType), 'content-security-policy': CAPTURED_PAGE_CSP } });
    });
    return (prepared = ses);
  };

  return async ({ html, contentType }) => {
    const url = `${RENDER_ORIGIN}/${randomUUID()}.html`;
    pages.set(url, { html, contentType: htmlContentType(contentType) });
    let win: RenderWindow | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      // Electronegativity cannot follow renderWindowOptions: it spreads LOCKED_DOWN (context isolation, sandbox;
      // pinned by tests/main/page-renderer.test.ts), and the window has JavaScript off and no way to open another.
      win = new BrowserWindow(renderWindowOptions(renderSession())); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
      const shown = win;
      const printing = (async () => {
        await shown.loadURL(url);
        return shown.webContents.printToPDF(PDF_OPTIONS);
      })();
      printing.catch(() => undefined); // after a time-out it settles against a destroyed window: nothing to report
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ApiError('INTERNAL', `it took longer than ${timeoutMs / 1000} s`)), timeoutMs);
      });
      return new Uint8Array(await Promise.race([printing, timeout]));
    } finally {
      clearTimeout(timer);
      pages.delete(url);
      if (win && !win.isDestroyed()) win.destroy();
    }
  };
}
