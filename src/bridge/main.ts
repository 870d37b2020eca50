/*
 * `npm run web -- --library DIR [--port N]`: the desktop app in a browser. Opens the library (taking its
 * lock, like the desktop app), serves the built renderer and the contract on 127.0.0.1, and prints the
 * address to open. Ctrl+C closes the library cleanly.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openLibrary } from '../core/library-session';
import { defaultLibraryDir } from '../core/paths';
import { isApiError } from '../shared/errors';
import { newToken } from './security';
import { startBridge } from './server';
import { bridgeShell } from './shell';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
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
    options: { library: { type: 'string' }, port: { type: 'string', default: '0' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}".`);
  const libraryDir = path.resolve(values.library ?? process.env.CASEFOLIO_LIBRARY ?? defaultLibraryDir());

  await ensureRendererBuilt();
  const shell = bridgeShell(path.join(libraryDir, 'exports'));
  // Warm: the search index loads in the background, ready for the first search.
  const session = await openLibrary(libraryDir, { shell, warm: true });
  const bridge = await startBridge({ handlers: () => session.handlers, rendererDir, token: newToken(), port, redeem: shell.redeem });
  process.stdout.write(`Casefolio is serving ${session.lib.read.library.name} (${libraryDir})\nOpen ${bridge.url}\n`);

  const stop = async () => {
    await bridge.close();
    await session.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`casefolio web: ${isApiError(error) || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
