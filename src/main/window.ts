/*
 * The one window, and the rules every webContents lives by. The renderer is treated as untrusted
 * content: it runs sandboxed with context isolation and no Node, sees only the preload's contract
 * client, may not navigate, open windows, attach webviews or ask for permissions, and its links leave
 * the app only through the openExternal allowlist.
 */
import type { BrowserWindowConstructorOptions, WebContents, WebPreferences } from 'electron';
import { openExternalIfSafe } from './security';

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;

/** What every window Casefolio opens runs with: the main window, and the hidden one that renders captured pages. */
export const LOCKED_DOWN: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  // A file dropped outside a drop zone must not replace the app with that file.
  navigateOnDragDrop: false,
};

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return { ...LOCKED_DOWN, preload: preloadPath, safeDialogs: true, spellcheck: true };
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export function mainWindowOptions(preloadPath: string, bounds: WindowBounds, backgroundColor: string): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Casefolio',
    show: false, // shown on ready-to-show, so the first paint is the app and not a white flash
    backgroundColor,
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Denies every navigation, redirect, new window and webview. A link the user clicks (in a note's
 * preview, on a source's URL) is handed to the system browser when it passes the allowlist.
 */
export function hardenWebContents(contents: HardenableContents, openExternal: (url: string) => Promise<void>): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternalIfSafe(event.url, openExternal);
  });
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault(); // subframes too (there should be none: the CSP forbids frames)
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url, openExternal);
    return { action: 'deny' };
  });
}
