import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAppScheme, serveAppRequest } from '../../src/main/protocol';
import { contentSecurityPolicy } from '../../src/shared/csp';

vi.mock('electron', () => ({}));

const csp = contentSecurityPolicy();
let root: string;
let secretDir: string;
let base: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'casefolio-protocol-'));
  root = path.join(base, 'renderer');
  secretDir = path.join(base, 'secret');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await mkdir(secretDir, { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Casefolio</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(secretDir, 'key.txt'), 'secret');
});

afterAll(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, root, csp);

describe('the app protocol', () => {
  it('registers casefolio: as a standard, secure scheme', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'casefolio', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });

  it('serves the built renderer with the CSP and nosniff', async () => {
    const response = await get('casefolio://app/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await (await get('casefolio://app/')).text()).toContain('<title>Casefolio</title>');
    expect((await get('casefolio://app/assets/app.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('serves nothing outside the renderer folder, nor for another host', async () => {
    for (const url of [
      'casefolio://app/../secret/key.txt',
      'casefolio://app/%2e%2e/secret/key.txt',
      'casefolio://app/assets/..%2f..%2fsecret/key.txt',
      'casefolio://app/..%5csecret%5ckey.txt',
      'casefolio://app/missing.js',
      'casefolio://other/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
    }
    expect((await get('casefolio://app/index.html', 'POST')).status).toBe(404);
  });
});
