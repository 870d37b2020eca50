/*
 * `npm run dist`: the desktop installers (AppImage and deb on Linux, dmg on macOS, NSIS on Windows) from
 * electron-builder.json, built for the machine it runs on. electron-builder downloads Electron's zip for the
 * target; where that download fails (offline, a proxy) it stops with one sentence instead of its stack trace.
 */
import { findAppInstall } from '../core/app-install';

const NETWORK_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'];

/** The one line `npm run dist` prints when it fails: a download that failed gets its own sentence. */
export function distFailureSentence(error: unknown, electronVersion: string): string {
  const text = describe(error);
  const code = NETWORK_CODES.find((name) => text.includes(name));
  if (code || /fetch failed|download|HTTPError|\b40[34]\b/i.test(text)) {
    return `npm run dist needs Electron ${electronVersion}'s zip for ${process.platform}-${process.arch}, which could not be downloaded${code ? ` (${code})` : ''}: run it again with internet access, or put that zip in Electron's download cache (ELECTRON_CACHE).`;
  }
  return `npm run dist failed: ${text.split('\n')[0]}`;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = (error as { code?: unknown }).code;
  return [error.message, typeof code === 'string' ? code : '', cause ? describe(cause) : ''].filter(Boolean).join(' ');
}

async function main(): Promise<void> {
  const { root } = findAppInstall();
  const { createRequire } = await import('node:module');
  const electronVersion = (createRequire(`${root}/package.json`)('electron/package.json') as { version: string }).version;
  try {
    if (!process.argv.includes('--no-build')) {
      const { build } = await import('electron-vite');
      await build({ root, logLevel: 'warn' });
    }
    const { build } = await import('electron-builder');
    const files = await build({ projectDir: root, config: `${root}/electron-builder.json`, publish: 'never' });
    process.stdout.write(`${files.filter((file) => !file.endsWith('.blockmap')).map((file) => `Built ${file}`).join('\n')}\n`);
  } catch (error) {
    process.stderr.write(`${distFailureSentence(error, electronVersion)}\n`);
    // Not exitCode: electron-builder's exit hooks end the process with 0 unless told otherwise.
    process.exit(1);
  }
}

if (process.argv[1]?.endsWith('dist.js')) void main();
