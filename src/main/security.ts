/*
 * The main process's security decisions, as small pure functions the window and IPC code call and the
 * tests pin: which origins count as our own window, which links may leave the app for the system
 * browser, and which IPC senders are trusted. Nothing here is clever on purpose.
 */
import type { BrowserWindow, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../shared/csp';

/** The app's own scheme: the built renderer is served from casefolio://app/, never from a remote URL. */
export const APP_SCHEME = 'casefolio';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const MAX_EXTERNAL_URL = 2048;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f]/;

/**
 * The origin of a URL as Chromium sees it. Node's URL reports "null" for custom schemes, so the origin
 * is built from scheme and host; anything unparseable has no origin and is never trusted.
 */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (!u.host) return undefined;
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

/**
 * The Vite dev server's address while developing (electron-vite sets ELECTRON_RENDERER_URL), and only
 * then: never in a packaged app, and only an http address on this machine, so no environment variable can
 * make the window load a remote page.
 */
export function devServerUrlFrom(env: Record<string, string | undefined>, isPackaged: boolean): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !raw) return undefined;
  try {
    const url = new URL(raw);
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return url.protocol === 'http:' && loopback ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The origins our window may be showing: the app scheme, plus the dev server while developing. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : undefined;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

export function appCsp(devServerUrl: string | undefined): string {
  return contentSecurityPolicy({ devServerOrigin: devServerUrl ? originOf(devServerUrl) : undefined });
}

/**
 * Links that may be handed to the operating system: http(s) to a named host, without credentials, and
 * mailto to one plain address. Everything else (file:, javascript:, custom schemes that start other
 * programs, smb: shares that leak credentials) stays inside.
 */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL) return false;
  if (CONTROL_OR_SPACE.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    return url.hostname.length > 0 && url.username === '' && url.password === '';
  }
  if (url.protocol === 'mailto:') {
    let address: string;
    try {
      address = decodeURIComponent(url.pathname);
    } catch {
      return false;
    }
    return /^[^\s@<>(),;:"/\\[\]]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(address);
  }
  return false;
}

/** Opens a link in the system browser or mail client if it passes the allowlist; says whether it did. */
export function openExternalIfSafe(url: unknown, openExternal: (url: string) => Promise<void>): boolean {
  if (!isSafeExternalUrl(url)) return false;
  openExternal(url).catch(() => undefined); // the OS reports its own failure to open; nothing to do here
  return true;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * A call is trusted only when it comes from the top frame of our own window, showing our own origin.
 * This refuses calls from any other window or webContents, from subframes, and from a page the window
 * was somehow navigated to.
 */
export function isTrustedSender(event: SenderEvent, window: BrowserWindow | null | undefined, origins: readonly string[]): boolean {
  if (!window || window.isDestroyed()) return false;
  const contents: WebContents = window.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== contents.mainFrame || frame.parent) return false;
  const origin = originOf(frame.url);
  return origin !== undefined && origins.includes(origin);
}

/** Casefolio needs no camera, microphone, location, notifications or any other permission: all denied. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Adds the CSP to every response the window's session receives, whatever served it. */
export function enforceCsp(session: Pick<Session, 'webRequest'>, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}
