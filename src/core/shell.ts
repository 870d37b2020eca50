/*
 * What only the program hosting the core can do: ask where to save a dossier, open the finished file,
 * and (the desktop app only) render a captured web page to PDF. The Electron main process answers with native dialogs and the operating system; the loopback
 * bridge with the library's exports folder and a one-time download address; the CLI has neither, and
 * says so. Passed to createHandlers, so the core never needs to know which host it runs in.
 */
import { ApiError } from '../shared/errors';
import type { ExportFileAction, LibraryInfo } from '../shared/api/types';
import type { CredentialSource } from '../shared/sync';

export interface Shell {
  /** Where to write a dossier: the path the person chose, or undefined if they cancelled. */
  chooseDossierOutput(suggestedName: string): Promise<string | undefined>;
  /** Shows a finished dossier: opened by the system, or an address for the browser to open. */
  openDossier(path: string): Promise<ExportFileAction>;
  /** Whether the window may have a dossier written to this path (one it was given by chooseDossierOutput). */
  mayWriteDossier(path: string): boolean;
  /**
   * Renders a captured page's stored HTML to PDF. Only the desktop app has a browser engine to do it
   * with; a host without this method stores the HTML capture alone.
   */
  renderCapturedPage?: PageRenderer;
  /**
   * Breaks the lock another program holds and reopens the library for writing (the window's "Take over"
   * button; core/lock-status.ts). Only hosts that keep a library open for a window offer it.
   */
  takeOverLibrary?: () => Promise<LibraryInfo>;
  /** Credentials for the git host a synced library is shared through (the window's keychain; the CLI's token or git's helper). */
  gitCredentials?: CredentialSource;
}

export interface CapturedPage {
  html: Uint8Array;
  /** The Content-Type the server declared, charset included, when it declared one. */
  contentType?: string;
}

export type PageRenderer = (page: CapturedPage) => Promise<Uint8Array>;

const unsupported = () => new ApiError('UNSUPPORTED', 'Only the desktop app and its browser bridge can show dialogs and open files.');

/** The shell of a host without windows (the CLI, tests): writes where it is told, shows nothing. */
export const HEADLESS_SHELL: Shell = {
  chooseDossierOutput: () => Promise.reject(unsupported()),
  openDossier: () => Promise.reject(unsupported()),
  mayWriteDossier: () => true,
};
