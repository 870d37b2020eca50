/*
 * The end of `npm install` (package.json's prepare script). Electron 45's package has no install script: it
 * downloads its binary the first time something loads it, and fails there with a stack trace when it cannot.
 * So the download is asked for here, once, through Electron's own installer (node_modules/electron/install.js,
 * skipped when ELECTRON_SKIP_BINARY_DOWNLOAD is set), and the install ends with one sentence saying whether
 * `npm start` will open the window or the browser. Never fails the install.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findAppInstall } from '../core/app-install';
import { electronPackageDir, findDesktopBinary, installSentence } from './desktop-binary';

try {
  const electronDir = electronPackageDir(findAppInstall().root);
  let found = findDesktopBinary(electronDir).found;
  let failure: string | undefined;
  if (!found && electronDir && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    process.stdout.write('Downloading Electron’s desktop binary…\n');
    // Its output is a stack trace when offline: kept out of sight, and only the error's code is said.
    const download = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 15 * 60_000 });
    const said = /\b(E[A-Z_]{3,}|HTTPError: [^\n]*|fetch failed)/.exec(download.stderr ?? '')?.[1];
    failure = said === 'fetch failed' ? 'its download server could not be reached' : (said ?? download.error?.message);
    found = findDesktopBinary(electronDir).found;
  }
  process.stdout.write(`${installSentence(process.env, found, undefined, failure)}\n`);
} catch {
  // Saying nothing is better than failing an install that otherwise worked.
}
