/*
 * `npm run web -- --library DIR [--port N] [--read-only] [--first-run]`: the desktop app in a browser. Opens the library
 * (taking its lock, like the desktop app; read-only, with a "Take over" offer in the page, if another
 * program holds it; read-only on purpose with --read-only), serves the built renderer and the contract on
 * 127.0.0.1, and prints the address to open. Ctrl+C closes the library cleanly. With --first-run (how
 * `npm start` runs it where the desktop binary is missing) a folder with no library in it gets the window's
 * first-run offer: the sample library or an empty one (first-run.ts).
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openLibrary, type LibrarySession } from '../core/library-session';
import type { Shell } from '../core/shell';
import type { LibraryInfo } from '../shared/api/types';
import { defaultLibraryDir } from '../core/paths';
import { findAppInstall } from '../core/app-install';
import { errorSentence } from '../shared/system-errors';
import { newToken } from './security';
import { startBridge } from './server';
import { bridgeShell } from './shell';
import { firstRunLibrary } from './first-run';

const projectRoot = findAppInstall().root;
const rendererDir = path.join(projectRoot, 'out', 'renderer');

async function ensureRendererBuilt(): Promise<void> {
  try {
    await access(path.join(rendererDir, 'index.html'));
  } catch {
    process.stderr.write('The app is not built yet; building it once (npm run build)…\n');
    const { build } = await import('electron-vite');
    await build({ root: projectRoot, logLevel: 'warn' });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { library: { type: 'string' }, port: { type: 'string', default: '0' }, 'read-only': { type: 'boolean', default: false }, 'first-run': { type: 'boolean', default: false } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}".`);
  const requestedDir = path.resolve(values.library ?? process.env.CASEFOLIO_LIBRARY ?? defaultLibraryDir());
  const chosenDir = values['first-run'] ? await firstRunLibrary(requestedDir) : requestedDir;
  if (!chosenDir) return; // the person chose to quit at the first-run offer
  const libraryDir = chosenDir;

  await ensureRendererBuilt();
  const shell = bridgeShell(path.join(libraryDir, 'exports'));
  const readOnly = values['read-only'] === true;
  const hostShell: Shell = { ...shell, takeOverLibrary: takeOver };
  // Warm: the search index loads in the background, ready for the first search.
  let session: LibrarySession = await openLibrary(libraryDir, { shell: hostShell, warm: true, readOnly, whenLocked: 'open-read-only' });
  // The page's "Take over": the new writer is open before the old one closes, so a failure changes nothing.
  async function takeOver(): Promise<LibraryInfo> {
    const previous = session;
    session = await openLibrary(libraryDir, { shell: hostShell, warm: true, breakLock: true });
    await previous.close();
    return session.api['library:info']({});
  }
  const bridge = await startBridge({ handlers: () => session.handlers, rendererDir, token: newToken(), port, redeem: shell.redeem });
  const mode = session.readOnly ? ` read-only${readOnly ? '' : ': another Casefolio has it open for writing'}` : '';
  process.stdout.write(`Casefolio is serving ${session.lib.read.library.name} (${libraryDir})${mode}\nOpen ${bridge.url}\n`);

  const stop = async () => {
    await bridge.close();
    await session.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`casefolio web: ${errorSentence(error)}\n`);
  process.exit(1);
});
