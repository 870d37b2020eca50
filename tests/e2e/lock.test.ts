/*
 * Issue #12 in a real browser, through the real `npm run web` bridge process: a library that another
 * Casefolio has open for writing opens read-only (not a dead end), the page says who holds it and shows the
 * case files that could not be used (one damaged, one of 300 MB), "Take over…" says what it risks and then
 * gives this window the lock, and the program that lost it has its next change refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { access, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { createHandlers } from '../../src/core/handlers';
import { lockState } from '../../src/core/storage/lock';
import { dispatch } from '../../src/shared/api/dispatch';
import { tempLibrary } from '../helpers/temp-library';
import { launchChromium, newAppPage, RENDERER_DIR, screenshots } from './harness';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts `npm run web -- --library DIR [...]` as its own process; resolves with its printed address. */
function startWeb(dir: string, extra: string[] = []): Promise<{ child: ChildProcess; url: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/bridge/main.ts'), '--library', dir, '--port', '0', ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => {
      stdout += d;
      const url = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(stdout)?.[1];
      if (url) resolve({ child, url, stdout });
    });
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('close', (code) => reject(new Error(`the bridge exited (${code}): ${stderr}`)));
  });
}

let browser: Browser;
let page: Page;
let web: ChildProcess | undefined;
beforeAll(async () => {
  await access(path.join(RENDERER_DIR, 'index.html'));
  browser = await launchChromium();
  page = await newAppPage(browser);
}, 120_000);
afterAll(async () => {
  web?.kill('SIGTERM');
  await browser?.close();
});

describe('a library locked by another Casefolio, in the browser', () => {
  it('opens read-only with the lock message and the unusable files shown; Take over gives this window the lock', async () => {
    const { dir, api, lib } = await tempLibrary('Shared library');
    await api['cases:create']({ fields: { title: 'Readable case', slug: 'readable' } });
    const damaged = await api['cases:create']({ fields: { title: 'Damaged case', slug: 'damaged' } });
    const huge = await api['cases:create']({ fields: { title: 'Huge case', slug: 'huge' } });
    await lib.close();
    await writeFile(path.join(dir, 'cases', damaged.id, 'case.json'), '{"schemaVersion": 1, "case": ');
    await truncate(path.join(dir, 'cases', huge.id, 'case.json'), 300 * 1024 * 1024);

    const holder = await CaseLibrary.open(dir); // "the desktop app", holding the lock in this process
    const started = await startWeb(dir);
    web = started.child;
    expect(started.stdout).toMatch(/read-only: another Casefolio has it open for writing/);
    await page.goto(started.url);
    await page.locator('.case-link').first().waitFor();
    expect(await page.locator('.case-link').count()).toBe(1);

    const banner = page.locator('.lock-banner');
    await expect.poll(() => banner.textContent()).toMatch(new RegExp(`Read-only: changes are turned off.*process ${process.pid}`));
    const problems = await page.locator('.library-problems').textContent();
    // "The desktop app" set the damaged file aside when it opened; the browser is told so, not left guessing.
    expect(problems).toMatch(new RegExp(`cases/${damaged.id}/case.json: it could not be read when the library was opened earlier, and was set aside`));
    expect(problems).toMatch(new RegExp(`cases/${huge.id}/case.json: it is 300 MB, more than the 32 MB a case file may be`));
    await screenshots(page, 'lock-01-read-only');

    // Take over: the risk is said first.
    await banner.getByRole('button', { name: 'Take over…' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toMatch(/next change will be refused \(nothing it saved is lost or overwritten\)/);
    await screenshots(page, 'lock-02-take-over');
    await dialog.getByRole('button', { name: 'Take over' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    expect(await lockState(dir)).toMatchObject({ kind: 'held', holder: { pid: web.pid } });

    // The program that lost the lock is refused, and the case file is as the new writer left it.
    const readable = path.join(dir, 'cases', (await holder.requireCase('readable')).case.id, 'case.json');
    const before = await readFile(readable, 'utf8');
    const refused = await dispatch(createHandlers(holder), 'cases:update', { caseId: 'readable', patch: { title: 'Old writer' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LIBRARY_LOCKED' } });
    expect(await readFile(readable, 'utf8')).toBe(before);
    await holder.close();
    expect(await lockState(dir)).toMatchObject({ kind: 'held', holder: { pid: web.pid } }); // closing it left the new lock alone
  }, 300_000);

  it('--read-only opens without the lock; the page shows the read-only banner and a change is refused in words', async () => {
    const { dir, api, lib } = await tempLibrary('Read-only library');
    await api['cases:create']({ fields: { title: 'Only case', slug: 'only' } });
    await lib.close();
    web?.kill('SIGTERM');
    const started = await startWeb(dir, ['--read-only']);
    web = started.child;
    expect(await lockState(dir)).toEqual({ kind: 'free' });
    await page.goto(started.url);
    await page.locator('.case-link').first().waitFor();
    await expect.poll(() => page.locator('.lock-banner').textContent()).toMatch(/Read-only: changes are turned off.*opened read-only/);
    expect(await page.locator('.lock-banner').getByRole('button').count()).toBe(0);
    // The page's own token, from its session, on a change the window would make.
    const refused = await page.evaluate(`(async () => {
      const token = sessionStorage.getItem('casefolio.bridge-token') ?? '';
      const reply = await fetch('/api/call/cases:create', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Casefolio-Token': token }, body: JSON.stringify({ fields: { title: 'Not allowed' } }) });
      return reply.json();
    })()`);
    expect(refused).toMatchObject({ ok: false, error: { code: 'READ_ONLY', message: expect.stringMatching(/opened read-only/) } });
  }, 300_000);
});
