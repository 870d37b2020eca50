/*
 * End-to-end harness: the real bridge (in this process) serving the built renderer and the real core
 * over a temp copy of the sample library, and Debian's Chromium driven by playwright-core. The renderer
 * must be built first (`npm test` runs `npm run build` before vitest).
 */
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startBridge, type Bridge } from '../../src/bridge/server';
import type { CaseLibrary } from '../../src/core/case-library';
import { createSampleLibrary } from '../../src/core/sample/build-sample';
import { createClient, type Api } from '../../src/shared/api/client';
import { dispatch, type Handlers } from '../../src/shared/api/dispatch';
import { bridgeShell } from '../../src/bridge/shell';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** Debian's Chromium (or the one CHROMIUM_PATH names), started as every browser test starts it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The window the app's tests look through: 1280×800, light, British English, London time. */
export function newAppPage(browser: Browser, options: { bypassCsp?: boolean } = {}): Promise<Page> {
  return browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', locale: 'en-GB', timezoneId: 'Europe/London', bypassCSP: options.bypassCsp });
}

export interface AppHarness {
  page: Page;
  browser: Browser;
  bridge: Bridge;
  lib: CaseLibrary;
  /** The same core the page talks to, for setting up and checking what the page did. */
  api: Api;
  dir: string;
  /** Console messages that report a Content-Security-Policy violation or a page error. */
  problems: string[];
  /** Loads the page again and waits for the case list: after the library was changed behind the page's back. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Replaces some of the core's handlers, e.g. to stand in for an engine that is not in this build. */
  overrides?: (handlers: Handlers) => Partial<Handlers>;
  /** Ignores the page's Content-Security-Policy, to test what stands behind it (the sanitiser, React's escaping) on its own. */
  bypassCsp?: boolean;
  /** Another build of the renderer (benchmarks compare two builds side by side in one run). */
  rendererDir?: string;
}

export async function startApp(options: AppOptions = {}): Promise<AppHarness> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  try {
    await access(path.join(rendererDir, 'index.html'));
  } catch {
    throw new Error('The renderer is not built: run `npm run build` before the end-to-end tests (npm test does).');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'casefolio-e2e-'));
  // The same shell `npm run web` uses: dossiers go to the library's exports folder, opened by one-time links.
  const shell = bridgeShell(path.join(dir, 'library', 'exports'));
  // Opened as `npm run web` opens a library: one session, journal and search index attached.
  const session = await createSampleLibrary(path.join(dir, 'library'), { shell });
  const { lib, handlers: core } = session;
  const handlers: Handlers = { ...core, ...options.overrides?.(core) };
  const api = createClient((name, payload) => dispatch(handlers, name, payload));
  const bridge = await startBridge({ handlers: () => handlers, rendererDir, token: 'e2e-token-abcdefghijklmnopqrstuvwxyz', port: 0, redeem: shell.redeem });
  const browser = await launchChromium();
  const page = await newAppPage(browser, { bypassCsp: options.bypassCsp });
  const problems: string[] = [];
  // Reported by the page itself, with what was blocked and where, so a violation can be traced.
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + JSON.stringify(e.sample) + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber))`);
  page.on('console', (m) => {
    if (m.type() === 'error' && /CSP violation|Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const caseListShown = () => page.locator('.case-link').first().waitFor();
  await page.goto(bridge.url);
  await caseListShown();
  return {
    page,
    browser,
    bridge,
    lib,
    api,
    dir,
    problems,
    async reload() {
      await page.reload();
      await caseListShown();
    },
    async close() {
      await browser.close();
      await bridge.close();
      await session.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface UseAppOptions extends AppOptions {
  /** Runs once the app has started, before the file's tests: what they need in the library, servers of their own… */
  setUp?: (app: AppHarness) => Promise<void>;
  /** Loads the page again after `setUp`, so that it shows what `setUp` added to the library. */
  reloadAfterSetUp?: boolean;
  /** For the start-up and `setUp` together. */
  timeoutMs?: number;
}

/**
 * The app for the tests of one file (or one `describe`): started on a fresh copy of the sample library before
 * them, closed after them. The harness it returns can be used once a test or hook runs, not before.
 */
export function useApp(options: UseAppOptions = {}): AppHarness {
  const { setUp, reloadAfterSetUp, timeoutMs = 120_000, ...appOptions } = options;
  let started: AppHarness | undefined;
  beforeAll(async () => {
    started = await startApp(appOptions);
    await setUp?.(started);
    if (reloadAfterSetUp) await started.reload();
  }, timeoutMs);
  afterAll(async () => {
    await started?.close();
    started = undefined;
  });
  return new Proxy({} as AppHarness, {
    get(_, key) {
      if (!started) throw new Error(`The app is not started: use it inside a test or a hook (asked for “${String(key)}”).`);
      return Reflect.get(started, key);
    },
  });
}

/**
 * Waits until every finite animation and transition in the page is over (a dialog's fade, a theme's colours), so
 * what is measured next is the page as it ends up, however slowly the machine runs them. Spinners run forever and
 * are not waited for.
 */
export async function transitionsSettled(page: Page): Promise<void> {
  const running = `document.getAnimations().filter((a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity).length`;
  await expect.poll(() => page.evaluate(running), { timeout: 30_000 }).toBe(0);
}

const SIZES = [
  [1280, 800],
  [1920, 1080],
] as const;

/** Saves the screen as it is, light and dark, at 1280×800 and 1920×1080, then restores light at 1280×800. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(150);
      await transitionsSettled(page); // the theme's colours change with a transition, slower on a loaded machine
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${scheme}-${width}x${height}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  // What measures its size (the timeline's axis) lays itself out again for 1280 px before the test goes on.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null))))');
  await transitionsSettled(page);
}
