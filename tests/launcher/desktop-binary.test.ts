/*
 * Finding Electron's binary the way its install script leaves it (path.txt naming the executable under
 * dist/), on electron-like folders made here, and what `npm install` says about it at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserInsteadSentence, findDesktopBinary, installSentence } from '../../src/launcher/desktop-binary';
import { tempDir } from '../helpers/temp-library';

async function electronFolder({ pathTxt, binary }: { pathTxt?: string; binary?: string }) {
  const dir = await tempDir('electron-pkg-');
  await writeFile(path.join(dir, 'package.json'), '{"name":"electron","version":"45.4.1"}');
  if (pathTxt !== undefined) await writeFile(path.join(dir, 'path.txt'), pathTxt);
  if (binary) {
    await mkdir(path.dirname(path.join(dir, 'dist', binary)), { recursive: true });
    await writeFile(path.join(dir, 'dist', binary), '');
  }
  return dir;
}

describe('the desktop binary', () => {
  it('is found where path.txt says, under dist/', async () => {
    const dir = await electronFolder({ pathTxt: 'electron', binary: 'electron' });
    expect(findDesktopBinary(dir, {})).toEqual({ found: true, executable: path.join(dir, 'dist', 'electron') });
  });

  it('is missing when the download never happened (no path.txt) or was cut short (no executable)', async () => {
    for (const dir of [await electronFolder({}), await electronFolder({ pathTxt: 'electron' })]) {
      const binary = findDesktopBinary(dir, {});
      expect(binary.found).toBe(false);
      if (!binary.found) expect(browserInsteadSentence(binary.why)).toMatch(/^Electron’s desktop binary is not installed \(.*\), so Casefolio is served in your browser instead; for the desktop window, run `npm install` again with internet access\.$/);
    }
    expect(findDesktopBinary(undefined, {})).toMatchObject({ found: false, why: expect.stringContaining('node_modules/electron is missing') });
  });

  it('honours Electron’s and electron-vite’s overrides', async () => {
    const dir = await electronFolder({ pathTxt: 'electron' });
    const elsewhere = await tempDir('electron-dist-');
    await writeFile(path.join(elsewhere, 'electron'), '');
    expect(findDesktopBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toEqual({ found: true, executable: path.join(elsewhere, 'electron') });
    expect(findDesktopBinary(dir, { ELECTRON_EXEC_PATH: path.join(elsewhere, 'electron') })).toEqual({ found: true, executable: path.join(elsewhere, 'electron') });
    expect(findDesktopBinary(dir, { ELECTRON_EXEC_PATH: path.join(elsewhere, 'nothing') })).toMatchObject({ found: false, why: expect.stringContaining('ELECTRON_EXEC_PATH') });
  });
});

describe('the end of npm install', () => {
  it('says in one sentence whether npm start opens the window or the browser, and why', () => {
    expect(installSentence({}, true)).toBe('Casefolio is installed: `npm start` opens the desktop app.');
    expect(installSentence({}, false, [22, 12, 0], 'ENOTFOUND')).toContain('could not be downloaded (ENOTFOUND), so `npm start` will serve Casefolio in your browser instead');
    expect(installSentence({}, false, [20, 20, 2])).toContain('could not be downloaded (its installer asks for Node 22.12 or newer; this is Node 20.20.2), so');
    expect(installSentence({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, false)).toContain('was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set)');
  });

  it('prints that sentence from the built check (package.json’s prepare) and exits 0', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ELECTRON_OVERRIDE_DIST_PATH: await tempDir('no-electron-') };
    delete env.ELECTRON_EXEC_PATH;
    const out = execFileSync(process.execPath, [path.resolve(__dirname, '../../out/node/install-check.js')], { env, encoding: 'utf8' });
    expect(out).toBe(`${installSentence(env, false)}\n`);
  });
});
