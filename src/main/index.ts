/*
 * Casefolio's Electron main process: a table of contents. Each step is one call into a file that owns
 * that responsibility; nothing is decided here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, safeStorage, screen, session, shell } from 'electron';
import { setCitationStylesDirectory } from '../core/interchange/citation-js';
import { createLibrary } from '../core/library-session';
import { defaultLibraryDir } from '../core/paths';
import { createSampleLibrary } from '../core/sample/build-sample';
import { eventChannel, type EventSink } from '../shared/api/events';
import { errorSentence } from '../shared/system-errors';
import { loadAppSettings, saveAppSettings } from './app-settings';
import { useShippedCitationStyles } from './citation-styles';
import { askFirstRun, chooseLibraryFolder, reportError } from './dialogs';
import { isLibraryFolder, resolveStartupLibrary } from '../core/first-run';
import { keychainCredentials } from './git-credentials';
import { bindContract } from './ipc';
import { LibraryHost } from './library-host';
import { menuTemplate } from './menu';
import { electronPageRenderer } from './page-renderer';
import { desktopShell } from './shell';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { APP_ORIGIN, appCsp, denyAllPermissions, devServerUrlFrom, enforceCsp, isTrustedSender, trustedOrigins } from './security';
import { hardenWebContents, mainWindowOptions } from './window';
import { boundsOnScreen, loadWindowState, saveWindowState, stateOf } from './window-state';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = devServerUrlFrom(process.env, app.isPackaged);
const userData = () => app.getPath('userData');
const settingsFile = () => path.join(userData(), 'settings.json');
const windowStateFile = () => path.join(userData(), 'window-state.json');

const library = new LibraryHost(
  desktopShell({
    dialog,
    shell,
    window: () => mainWindow,
    documentsDir: () => app.getPath('documents'),
    renderCapturedPage: electronPageRenderer({ BrowserWindow, session }),
    gitTokens: keychainCredentials({ safe: safeStorage, file: () => path.join(userData(), 'git-credentials.json') }),
  }),
);
let mainWindow: BrowserWindow | undefined;

// Before `ready`: the app scheme must be privileged before any page loads.
registerAppScheme(protocol);
// The CSL styles were copied beside this bundle by the build: the core's own place for them is not in the app.
useShippedCitationStyles(here, setCitationStylesDirectory);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  // Electronegativity asks for a review of every openExternal: hardenWebContents reaches it only through
  // openExternalIfSafe's allowlist (http, https, mailto; tests/main/security.test.ts, window.test.ts).
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => shell.openExternal(url))); // eng-disable OPEN_EXTERNAL_JS_CHECK
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', closeLibraryThenQuit);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}

async function start(): Promise<void> {
  const csp = appCsp(devServerUrl);
  denyAllPermissions(session.defaultSession);
  enforceCsp(session.defaultSession, csp);
  handleAppProtocol(protocol, path.join(here, '../renderer'), csp);
  bindContract({ ipcMain, handlers: () => library.handlers, isTrusted: (event) => isTrustedSender(event, mainWindow, trustedOrigins(devServerUrl)) });

  const settings = await loadAppSettings(settingsFile());
  const dir = await resolveStartupLibrary({
    rememberedDir: settings.libraryDir,
    defaultDir: defaultLibraryDir(),
    ask: (reason, missing) => askFirstRun(dialog, reason, missing),
    chooseFolder: () => chooseLibraryFolder(dialog),
    createSample: async (target) => (await createSampleLibrary(target, { warm: false })).close(),
    createEmpty: async (target) => (await createLibrary(target, 'My case library', { warm: false })).close(),
  });
  if (!dir) return app.quit();
  await openLibrary(dir);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        { command: (command) => send('command', { command }), openLibrary: () => void switchLibrary(), revealLibrary: () => void (library.dir && shell.openPath(library.dir)) },
        { isMac: process.platform === 'darwin', isDev: Boolean(devServerUrl) },
      ),
    ),
  );
  await createMainWindow();
}

async function openLibrary(dir: string): Promise<void> {
  await library.open(dir);
  await saveAppSettings(settingsFile(), { libraryDir: dir });
}

async function switchLibrary(): Promise<void> {
  const dir = await chooseLibraryFolder(dialog, mainWindow);
  if (!dir) return;
  try {
    if (!(await isLibraryFolder(dir))) await (await createLibrary(dir, path.basename(dir), { warm: false })).close();
    await openLibrary(dir);
    mainWindow?.webContents.reload();
  } catch (error) {
    reportError(dialog, 'The library could not be opened', errorMessage(error));
  }
}

async function createMainWindow(): Promise<void> {
  const state = await loadWindowState(windowStateFile());
  const bounds = boundsOnScreen(state, screen.getAllDisplays().map((d) => d.workArea));
  const background = nativeTheme.shouldUseDarkColors ? '#1a1b1e' : '#ffffff';
  const options = mainWindowOptions(path.join(here, '../preload/index.cjs'), bounds, background);
  // Electronegativity reads only an object written inside `new BrowserWindow(...)`, so it cannot see these
  // options. They set contextIsolation and sandbox (pinned by tests/main/window.test.ts), and a middle-click
  // cannot open a window: every new window is denied by hardenWebContents (same test file).
  const win = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  mainWindow = win;
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => void saveWindowState(windowStateFile(), stateOf(win)));
  win.on('closed', () => (mainWindow = undefined));
  await win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

let closing = false;

/** Waits for pending saves and releases the library's lock before the app goes. */
function closeLibraryThenQuit(event: { preventDefault(): void }): void {
  if (closing) return;
  closing = true;
  event.preventDefault();
  void library.close().finally(() => app.quit());
}

const send: EventSink = (name, payload) => mainWindow?.webContents.send(eventChannel(name), payload);

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function errorMessage(error: unknown): string {
  return errorSentence(error);
}

function fail(error: unknown): void {
  reportError(dialog, 'Casefolio could not start', errorMessage(error));
  app.exit(1);
}
