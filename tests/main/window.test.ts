import { describe, expect, it, vi } from 'vitest';
import { hardenWebContents, mainWindowOptions, secureWebPreferences } from '../../src/main/window';

vi.mock('electron', () => ({}));

type Listener = (event: { preventDefault: () => void; url?: string }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    contents: {
      on: (name: string, listener: Listener) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    },
    emit(name: string, url = 'https://example.org/') {
      const event = { preventDefault: vi.fn(), url };
      listeners.get(name)!(event);
      return event;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('the window', () => {
  it('runs the renderer sandboxed, context-isolated, without Node, with web security', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('uses those preferences for the main window, hidden until ready, with a minimum size', () => {
    const options = mainWindowOptions('/p.cjs', { width: 1280, height: 800 }, '#ffffff');
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(options).toMatchObject({ width: 1280, height: 800, show: false, minWidth: 960, minHeight: 600 });
  });
});

describe('navigation and new windows', () => {
  it('denies every navigation, and hands a safe link to the system browser', () => {
    const fake = fakeContents();
    const open = vi.fn(() => Promise.resolve());
    hardenWebContents(fake.contents as never, open);
    expect(fake.emit('will-navigate', 'https://example.org/a').preventDefault).toHaveBeenCalled();
    expect(fake.emit('will-navigate', 'file:///etc/passwd').preventDefault).toHaveBeenCalled();
    expect(open.mock.calls).toEqual([['https://example.org/a']]);
  });

  it('denies redirects, frame navigation and webviews', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents as never, vi.fn());
    expect(fake.emit('will-redirect').preventDefault).toHaveBeenCalled();
    expect(fake.emit('will-frame-navigate').preventDefault).toHaveBeenCalled();
    expect(fake.emit('will-attach-webview').preventDefault).toHaveBeenCalled();
  });

  it('never opens a new window; only allowlisted links go to the system', () => {
    const fake = fakeContents();
    const open = vi.fn(() => Promise.resolve());
    hardenWebContents(fake.contents as never, open);
    expect(fake.open('mailto:someone@example.org')).toEqual({ action: 'deny' });
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(fake.open('casefolio://app/index.html')).toEqual({ action: 'deny' });
    expect(open.mock.calls).toEqual([['mailto:someone@example.org']]);
  });
});
