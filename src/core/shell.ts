/*
 * What only the program hosting the core can do: ask where to save a dossier, open the finished file,
 * and (the desktop app only) render a captured web page to PDF. The Electron main process answers with native dialogs and the operating system; the loopback
 * bridge with the library's exports folder and a one-time download address; the CLI has neither, and
 * says so. Passed to createHandlers, so the core never needs to know which host it runs in.
 */
import { ApiError } from '../shared/errors';
import type { ExportFileAction, LibraryInfo } from '../shared/api/types';
import { GIT_TOKEN_ENV, remoteWithoutCredentials, type GitCredentialStatus } from '../shared/git-credentials';
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
  /**
   * Where the window keeps the HTTPS token a sync sends to the git host: the desktop app's keychain
   * (main/git-credentials.ts). A host without one reads CASEFOLIO_GIT_TOKEN (environmentCredentials).
   */
  gitTokens?: GitCredentialStore;
}

/** Tokens for git remotes, kept outside the library; `remote` is always given without credentials in it. */
export interface GitCredentialStore {
  status(remote: string): Promise<GitCredentialStatus>;
  save(remote: string, token: string): Promise<GitCredentialStatus>;
  forget(remote: string): Promise<GitCredentialStatus>;
  /** The token to send to `remote`, if one is kept: what the sync's credential callback hands to git. */
  token(remote: string): Promise<string | undefined>;
}

/** The CLI's and the browser bridge's tokens: the environment variable alone, which the window cannot set. */
export function environmentCredentials(env: NodeJS.ProcessEnv = process.env): GitCredentialStore {
  const token = () => env[GIT_TOKEN_ENV]?.trim() || undefined;
  const status = async (): Promise<GitCredentialStatus> => ({
    store: token() ? 'environment' : 'none',
    hasToken: Boolean(token()),
    canSave: false,
    message: token()
      ? `The token comes from ${GIT_TOKEN_ENV} in the environment this Casefolio was started from.`
      : `No token is set. Here the token comes from the environment: start Casefolio with ${GIT_TOKEN_ENV}=<your token> (a remote that needs none works without).`,
  });
  const refuse = () =>
    Promise.reject(new ApiError('UNSUPPORTED', `This Casefolio cannot keep a token: it reads ${GIT_TOKEN_ENV} from its environment. Set it there and start it again.`));
  return { status, save: refuse, forget: refuse, token: async () => token() };
}

/** The host's token store, or the environment's where it has none. */
export const tokensOf = (shell: Shell): GitCredentialStore => shell.gitTokens ?? environmentCredentials();

/** The sync engine's credential callback over a token store: the token is sent as the password of HTTP Basic. */
export function credentialsFromTokens(tokens: GitCredentialStore): CredentialSource {
  return async (remote) => {
    const token = await tokens.token(remoteWithoutCredentials(remote));
    // Git hosts read a personal access token from the password and take any user name: the command line's
    // (core/sync/credentials.ts) is used, so a host sees the same one from the window and the terminal.
    return token ? { username: 'casefolio', password: token } : undefined;
  };
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
