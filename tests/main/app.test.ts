/*
 * The main process as a whole, with Electron replaced by a recording fake: what index.ts wires up, in
 * what order, and that the window it opens and the IPC it serves are the secure ones.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { CALL_NAMES } from '../../src/shared/api/contract';

const h = vi.hoisted(() => {
  const calls: string[] = [];
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const windows: { options: Record<string, unknown>; loaded: string[]; webContents: Record<string, unknown> }[] = [];
  const state = { userData: '' };
  return { calls, ready, resolveReady, appListeners, ipcHandlers, windows, state };
});

vi.mock('electron', () => {
  const record = (name: string) => vi.fn((..._args: unknown[]) => void h.calls.push(name));
  class BrowserWindow {
    webContents: Record<string, unknown>;
    options: Record<string, unknown>;
    loaded: string[] = [];
    constructor(options: Record<string, unknown>) {
      this.options = options;
      const mainFrame = { url: 'casefolio://app/index.html', parent: null };
      this.webContents = { mainFrame, send: vi.fn(), reload: vi.fn(), on: vi.fn(), setWindowOpenHandler: vi.fn() };
      h.windows.push(this);
      h.calls.push('BrowserWindow');
    }
    isDestroyed = () => false;
    once = vi.fn();
    on = vi.fn();
    show = vi.fn();
    maximize = vi.fn();
    loadURL = vi.fn(async (url: string) => void this.loaded.push(url));
  }
  return {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: vi.fn(() => (h.calls.push('singleInstanceLock'), true)),
      on: vi.fn((name: string, listener: (...args: unknown[]) => void) => h.appListeners.set(name, listener)),
      whenReady: () => h.ready,
      getPath: () => h.state.userData,
      quit: record('quit'),
      exit: record('exit'),
    },
    protocol: { registerSchemesAsPrivileged: record('registerSchemesAsPrivileged'), handle: vi.fn((scheme: string) => h.calls.push(`handle:${scheme}`)) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: record('setPermissionRequestHandler'),
        setPermissionCheckHandler: record('setPermissionCheckHandler'),
        setDevicePermissionHandler: record('setDevicePermissionHandler'),
        webRequest: { onHeadersReceived: record('onHeadersReceived') },
      },
    },
    ipcMain: {
      handle: vi.fn((name: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => h.ipcHandlers.set(name, handler)),
      removeHandler: vi.fn(),
    },
    BrowserWindow,
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn((m: unknown) => h.calls.push(`menu:${(m as { label: string }[]).map((i) => i.label).join(',')}`)) },
    dialog: { showMessageBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn((t: string, m: string) => h.calls.push(`error:${t}:${m}`)) },
    nativeTheme: { shouldUseDarkColors: false },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: vi.fn(async () => undefined), openPath: vi.fn() },
    // A keychain whose cipher reverses the bytes: enough to tell a kept token from one in plain text.
    safeStorage: {
      getSelectedStorageBackend: () => 'gnome_libsecret',
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (plain: string) => Buffer.from(plain, 'utf8').reverse(),
      decryptStringAsync: async (encrypted: Buffer) => ({ result: Buffer.from(encrypted).reverse().toString('utf8'), shouldReEncrypt: false }),
    },
  };
});

let userData: string;
beforeAll(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'casefolio-main-'));
  h.state.userData = userData;
  const libraryDir = path.join(userData, 'library');
  await (await CaseLibrary.create(libraryDir, 'Test library')).close();
  await writeFile(path.join(userData, 'settings.json'), JSON.stringify({ libraryDir }));
  await import('../../src/main/index');
  h.resolveReady();
  await vi.waitFor(() => expect(h.windows[0]?.loaded.length).toBe(1), { timeout: 10_000 });
});

afterAll(async () => {
  await rm(userData, { recursive: true, force: true });
});

describe('the main process', () => {
  it('registers the app scheme and takes the single-instance lock before the app is ready', () => {
    expect(h.calls.slice(0, 2)).toEqual(['registerSchemesAsPrivileged', 'singleInstanceLock']);
    expect(h.appListeners.has('second-instance')).toBe(true);
  });

  it('denies permissions, enforces the CSP and serves the app protocol before any window opens', () => {
    const first = (name: string) => h.calls.indexOf(name);
    for (const name of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler', 'onHeadersReceived', 'handle:casefolio']) {
      expect(first(name), name).toBeGreaterThan(-1);
      expect(first(name), name).toBeLessThan(first('BrowserWindow'));
    }
  });

  it('points the core at the CSL styles the build puts beside the main bundle (a packaged app has no other copy)', async () => {
    const { citationStylesDirectory } = await import('../../src/core/interchange/citation-js');
    expect(citationStylesDirectory()).toBe(path.join(path.resolve(__dirname, '../../src/main'), 'citation-styles'));
  });

  it('hardens every webContents as it is created', () => {
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    h.appListeners.get('web-contents-created')!({}, contents);
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('opens one secure window on the app protocol, never a remote URL', () => {
    const [win] = h.windows;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loaded).toEqual(['casefolio://app/index.html']);
  });

  it('sets the native menus', () => {
    expect(h.calls).toContain('menu:&File,&Edit,&View,&Case,&Help');
  });

  it('serves every contract call to its own window, and refuses anyone else', async () => {
    expect([...h.ipcHandlers.keys()].sort()).toEqual([...CALL_NAMES].sort());
    const win = h.windows[0];
    const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    await expect(h.ipcHandlers.get('library:info')!(own, {})).resolves.toMatchObject({ ok: true, value: { name: 'Test library' } });
    const stranger = { sender: { mainFrame: win.webContents.mainFrame }, senderFrame: win.webContents.mainFrame };
    await expect(h.ipcHandlers.get('library:info')!(stranger, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps the window’s git token in the keychain, in the user-data folder, never in plain text or the library', async () => {
    const win = h.windows[0];
    const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const remote = 'https://git.example.org/team/library.git';
    await expect(h.ipcHandlers.get('credentials:save')!(own, { remote, token: 'glpat-secret-123' })).resolves.toMatchObject({ ok: true, value: { store: 'keychain', hasToken: true } });
    const kept = await readFile(path.join(userData, 'git-credentials.json'), 'utf8');
    expect(kept).not.toContain('glpat-secret-123');
    expect(kept).toContain(remote);
    await expect(h.ipcHandlers.get('credentials:status')!(own, { remote })).resolves.toMatchObject({ ok: true, value: { store: 'keychain', hasToken: true } });
  });

  it('closes the library, releasing its lock, before quitting', async () => {
    const preventDefault = vi.fn();
    h.appListeners.get('before-quit')!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(h.calls).toContain('quit'));
    const again = await CaseLibrary.open(path.join(userData, 'library')); // the lock was released
    await again.close();
  });
});
