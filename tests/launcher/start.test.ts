/*
 * `npm start` as a person runs it: the real launcher (out/node/start.js, built by vitest's global set-up)
 * in a child process. Without the desktop binary it says why in one sentence and serves the app through the
 * bridge on the sample library, at an address it prints; with a (fake) binary it starts that instead.
 * Each run gets its own home folder, so the default library is a fresh first run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callPath, TOKEN_HEADER } from '../../src/shared/api/bridge-wire';
import { tempDir } from '../helpers/temp-library';

const ROOT = path.resolve(__dirname, '../..');
const LAUNCHER = path.join(ROOT, 'out/node/start.js');
const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((child) => child.kill('SIGTERM')));

async function homeFolder() {
  const home = await tempDir('casefolio-start-');
  // Electron's variables from the developer's shell must not decide which branch a test takes.
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), APPDATA: path.join(home, 'AppData') };
  delete env.ELECTRON_EXEC_PATH;
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  return { home, env };
}

/** Starts the launcher and resolves with what it printed once it prints a line matching `until` (or exits). */
function launch(args: string[], env: NodeJS.ProcessEnv, until: RegExp): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const check = () => until.test(stdout) && resolve({ stdout, stderr, code: null });
    child.stdout!.on('data', (d) => ((stdout += d), check()));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

describe('npm start', () => {
  it('without the desktop binary: one sentence, then the app in the browser on the sample library', async () => {
    const { home, env } = await homeFolder();
    // An empty folder as Electron's dist: the binary is missing here whether or not this machine has one.
    env.ELECTRON_OVERRIDE_DIST_PATH = await tempDir('no-electron-');
    const { stdout, stderr } = await launch(['--no-build'], env, /Open http:\/\/127\.0\.0\.1:\d+\/#token=\S+/);
    expect(stderr.trim().split('\n')).toEqual([
      'Electron’s desktop binary is not installed (npm install could not download it, or was told not to by ELECTRON_SKIP_BINARY_DOWNLOAD), so Casefolio is served in your browser instead; for the desktop window, run `npm install` again with internet access.',
    ]);
    const libraryDir = path.join(home, '.config', 'Casefolio', 'library');
    expect(stdout).toContain(`the sample library is made there`);
    expect(stdout).toContain(`Casefolio is serving`);

    const address = new URL(/Open (\S+)/.exec(stdout)![1]!);
    const page = await fetch(new URL('/', address));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const token = address.hash.replace('#token=', '');
    const reply = await fetch(new URL(callPath('cases:list'), address), { method: 'POST', headers: { [TOKEN_HEADER]: token, 'content-type': 'application/json' }, body: '{}' });
    const cases = (await reply.json()) as { ok: boolean; value: { title: string }[] };
    expect(cases.ok).toBe(true);
    expect(cases.value.length).toBeGreaterThan(5); // the sample library's cases, read back from the default folder
    expect(existsSync(path.join(libraryDir, 'library.json'))).toBe(true);
  });

  it('with the desktop binary: starts it on the built app, and serves nothing in a browser', async () => {
    expect(existsSync(path.join(ROOT, 'out/main/index.js')), 'the app must be built first (npm run build)').toBe(true);
    const { home, env } = await homeFolder();
    const fakeElectron = path.join(home, 'electron');
    const log = path.join(home, 'electron.log');
    await mkdir(home, { recursive: true });
    await writeFile(fakeElectron, `#!/bin/sh\necho "started in $PWD with: $*" > "${log}"\n`);
    await chmod(fakeElectron, 0o755);
    env.ELECTRON_EXEC_PATH = fakeElectron;
    const { stdout, stderr, code } = await launch(['--no-build'], env, /(?!)/);
    expect(code).toBe(0);
    expect(await readFile(log, 'utf8')).toBe(`started in ${ROOT} with: .\n`);
    expect(stderr).not.toContain('browser');
    expect(stdout).not.toContain('Open http');
  });
});
