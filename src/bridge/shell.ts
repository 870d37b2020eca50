/*
 * The browser's side of the core's Shell. A browser cannot show a native save dialog or launch a PDF
 * viewer, so dossiers go to the library's exports/ folder, and opening one gives the page a one-time,
 * short-lived download address (the page cannot put its token on a link it opens in a new tab). A browser
 * has no keychain: a sync's credentials are the command line's (CASEFOLIO_GIT_TOKEN, else git's credential
 * helper), and the sync panel says whether the token is set.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { environmentCredentials, type Shell } from '../core/shell';
import { commandLineCredentials } from '../core/sync/credentials';
import { ApiError } from '../shared/errors';
import { downloadPath } from '../shared/api/bridge-wire';

const TICKET_LIFETIME_MS = 60_000;

export interface Download {
  file: string;
  fileName: string;
}

export interface BridgeShell extends Shell {
  /** The file a download ticket stands for, once: a ticket is spent when used, and expires unused. */
  redeem(ticket: string): Download | undefined;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export function bridgeShell(exportsDir: string, now: () => number = Date.now): BridgeShell {
  const chosen = new Set<string>();
  const tickets = new Map<string, Download & { expires: number }>();
  return {
    gitTokens: environmentCredentials(),
    gitCredentials: commandLineCredentials(),
    async chooseDossierOutput(suggestedName) {
      await mkdir(exportsDir, { recursive: true });
      const base = path.basename(suggestedName).replace(/\.pdf$/i, '');
      let file = path.join(exportsDir, `${base}.pdf`);
      for (let n = 2; (await exists(file)) || chosen.has(file); n++) file = path.join(exportsDir, `${base} (${n}).pdf`);
      chosen.add(file);
      return file;
    },
    mayWriteDossier: (file) => chosen.has(path.resolve(file)),
    async openDossier(file) {
      const resolved = path.resolve(file);
      if (!chosen.has(resolved) || !(await exists(resolved))) throw new ApiError('FORBIDDEN', 'Casefolio opens only dossiers it has just exported.');
      const ticket = randomBytes(24).toString('base64url');
      tickets.set(ticket, { file: resolved, fileName: path.basename(resolved), expires: now() + TICKET_LIFETIME_MS });
      return { opened: false, url: downloadPath(ticket) };
    },
    redeem(ticket) {
      const entry = tickets.get(ticket);
      tickets.delete(ticket);
      if (!entry || entry.expires < now()) return undefined;
      return { file: entry.file, fileName: entry.fileName };
    },
  };
}
