/*
 * Is Electron's desktop binary on this machine? Answered by reading what Electron's install script leaves
 * behind (node_modules/electron/path.txt naming the executable under dist/), never by loading the electron
 * package: its index.js tries to download the binary when it is missing, and throws when that fails.
 * The same overrides as Electron and electron-vite are honoured, so a test (or a person with Electron
 * elsewhere) can point at another binary: ELECTRON_EXEC_PATH (the executable, as electron-vite reads it),
 * else ELECTRON_OVERRIDE_DIST_PATH (a folder holding it, as Electron's own package reads it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** When not found, `why` is a clause a sentence can start with: what is missing and why. */
export type DesktopBinary = { found: true; executable: string } | { found: false; why: string };

/** Where the electron package is installed, found without running it; undefined if it is not installed. */
export function electronPackageDir(fromDir: string): string | undefined {
  try {
    return path.dirname(createRequire(path.join(fromDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

export function findDesktopBinary(electronDir: string | undefined, env: NodeJS.ProcessEnv = process.env): DesktopBinary {
  if (env.ELECTRON_EXEC_PATH) {
    return existsSync(env.ELECTRON_EXEC_PATH)
      ? { found: true, executable: env.ELECTRON_EXEC_PATH }
      : { found: false, why: `The desktop binary named by ELECTRON_EXEC_PATH (${env.ELECTRON_EXEC_PATH}) does not exist` };
  }
  if (!electronDir) return { found: false, why: 'Electron is not installed (node_modules/electron is missing)' };
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const executable = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
    : relative && path.join(electronDir, 'dist', relative);
  if (executable && existsSync(executable)) return { found: true, executable };
  return { found: false, why: 'Electron’s desktop binary is not installed (npm install could not download it, or was told not to by ELECTRON_SKIP_BINARY_DOWNLOAD)' };
}

/** What `npm start` says, in one sentence, before serving the app in the browser instead of the window. */
export function browserInsteadSentence(why: string): string {
  return `${why}, so Casefolio is served in your browser instead; for the desktop window, run \`npm install\` again with internet access.`;
}

/** What `npm install` says at its end (install-check.ts): whether `npm start` opens the window or the browser. */
export function installSentence(env: NodeJS.ProcessEnv, binaryFound: boolean, nodeVersion: number[] = process.versions.node.split('.').map(Number), failure?: string): string {
  if (binaryFound) return 'Casefolio is installed: `npm start` opens the desktop app.';
  const [major = 0, minor = 0] = nodeVersion;
  const olderThanElectronAsks = major < 22 || (major === 22 && minor < 12);
  const why = env.ELECTRON_SKIP_BINARY_DOWNLOAD
    ? 'was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set)'
    : `could not be downloaded (${[failure, olderThanElectronAsks ? `its installer asks for Node 22.12 or newer; this is Node ${nodeVersion.join('.')}` : ''].filter(Boolean).join('; ') || 'no internet access?'})`;
  return `Casefolio is installed, but Electron's desktop binary ${why}, so \`npm start\` will serve Casefolio in your browser instead (run \`npm install\` again with internet access for the desktop window).`;
}
