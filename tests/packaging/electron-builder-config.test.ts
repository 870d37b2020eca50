/*
 * The installers' configuration (electron-builder.json), checked by electron-builder's own validation
 * against its JSON schema, so a misspelt option fails here rather than at release time; and the icons it
 * names are real images of the sizes each platform needs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DebugLogger } from 'builder-util';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'electron-builder';
import { distFailureSentence } from '../../src/launcher/dist';

const ROOT = path.resolve(__dirname, '../..');
const loadConfig = async (): Promise<Configuration> => JSON.parse(await readFile(path.join(ROOT, 'electron-builder.json'), 'utf8')) as Configuration;

async function pngSize(file: string): Promise<[number, number]> {
  const bytes = await readFile(path.join(ROOT, file));
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder.json', () => {
  it('passes electron-builder’s own validation, and a misspelt option does not', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, linux: { ...config.linux, targets: ['AppImage'] } } as Configuration;
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/does not match the API schema[^]*configuration\.linux/);
  });

  it('builds AppImage and deb, dmg and NSIS, under one app id', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('org.casefolio.desktop');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('names icons that exist: 1024 px for macOS and Windows, the icon-theme sizes for Linux', async () => {
    const config = await loadConfig();
    expect(await pngSize(String(config.mac?.icon))).toEqual([1024, 1024]);
    expect(await pngSize(String(config.win?.icon))).toEqual([1024, 1024]);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(await pngSize(`${config.linux?.icon}/${size}x${size}.png`)).toEqual([size, size]);
  });
});

describe('npm run dist where Electron’s zip cannot be downloaded', () => {
  it('says so in one sentence, naming the version and the way round it', () => {
    const offline = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), { code: 'ENOTFOUND' }) });
    const sentence = distFailureSentence(offline, '45.4.1');
    expect(sentence).toBe(`npm run dist needs Electron 45.4.1's zip for ${process.platform}-${process.arch}, which could not be downloaded (ENOTFOUND): run it again with internet access, or put that zip in Electron's download cache (ELECTRON_CACHE).`);
    expect(distFailureSentence(new Error('Cannot find module x\n    at foo'), '45.4.1')).toBe('npm run dist failed: Cannot find module x');
  });
});
