/*
 * The desktop's side of the core's Shell: a native save dialog for dossiers, and the operating system to
 * open them. The window may only have a dossier written where the person chose in that dialog, and may
 * only open files it exported, so a compromised page cannot write or launch anything else.
 */
import path from 'node:path';
import type { BrowserWindow, Dialog, Shell as ElectronShell } from 'electron';
import { credentialsFromTokens, type GitCredentialStore, type PageRenderer, type Shell } from '../core/shell';
import { ApiError } from '../shared/errors';
import { chooseDossierPath } from './dialogs';

export interface DesktopShellDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showMessageBox' | 'showOpenDialog' | 'showErrorBox'>;
  shell: Pick<ElectronShell, 'openPath'>;
  window: () => BrowserWindow | undefined;
  documentsDir: () => string;
  /** Renders captured pages to PDF (page-renderer.ts). */
  renderCapturedPage?: PageRenderer;
  /** Git tokens kept by the keychain (git-credentials.ts), handed to the sync engine as its credentials. */
  gitTokens?: GitCredentialStore;
}

export function desktopShell({ dialog, shell, window, documentsDir, renderCapturedPage, gitTokens }: DesktopShellDeps): Shell {
  const chosen = new Set<string>();
  return {
    renderCapturedPage,
    gitTokens,
    gitCredentials: gitTokens && credentialsFromTokens(gitTokens),
    async chooseDossierOutput(suggestedName) {
      const win = window();
      if (!win) return undefined;
      const file = await chooseDossierPath(dialog, win, path.join(documentsDir(), path.basename(suggestedName)));
      if (file) chosen.add(path.resolve(file));
      return file;
    },
    mayWriteDossier: (file) => chosen.has(path.resolve(file)),
    async openDossier(file) {
      if (!chosen.has(path.resolve(file)) || !/\.pdf$/i.test(file)) {
        throw new ApiError('FORBIDDEN', 'Casefolio opens only dossiers it has just exported.');
      }
      const failure = await shell.openPath(file);
      if (failure) throw new ApiError('IO_ERROR', `The dossier could not be opened: ${failure}`);
      return { opened: true };
    },
  };
}
