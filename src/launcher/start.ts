/*
 * `npm start`: the desktop app where Electron's binary is installed; otherwise one sentence saying why not,
 * then the same app served in the browser through the loopback bridge, with the same first-run offer of
 * the sample library. Builds the app first when out/ is missing or older than the sources (`--no-build`
 * serves what out/ holds). Arguments after `npm start --` go to the bridge (--library, --port, --read-only).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { findAppInstall } from '../core/app-install';
import { browserInsteadSentence, electronPackageDir, findDesktopBinary } from './desktop-binary';

const root = findAppInstall().root;
const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = ['src', 'electron.vite.config.ts', 'package.json'];

function newestChange(file: string): number {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newestChange(path.join(file, name))));
}

/** True when a built file is missing or older than a source: then `npm start` builds before it starts. */
export function appIsStale(dir: string): boolean {
  const built = BUILT.map((file) => statSync(path.join(dir, file), { throwIfNoEntry: false })?.mtimeMs ?? 0);
  return Math.min(...built) < Math.max(...SOURCES.map((file) => newestChange(path.join(dir, file))));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const skipBuild = args.includes('--no-build');
  const bridgeArgs = args.filter((arg) => arg !== '--no-build');
  const binary = findDesktopBinary(electronPackageDir(root));
  if (!skipBuild && appIsStale(root)) {
    process.stderr.write('Building Casefolio (npm run build)…\n');
    const { build } = await import('electron-vite');
    await build({ root, logLevel: 'warn' });
  }
  if (binary.found) {
    // electron-vite starts the binary found above (it reads ELECTRON_EXEC_PATH) and exits when the window closes.
    process.env.ELECTRON_EXEC_PATH = binary.executable;
    const { preview } = await import('electron-vite');
    await preview({ root, logLevel: 'warn' }, { skipBuild: true });
    return;
  }
  process.stderr.write(`${browserInsteadSentence(binary.why)}\n`);
  process.argv = [process.argv[0]!, process.argv[1]!, '--first-run', ...bridgeArgs];
  await import('../bridge/main');
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
