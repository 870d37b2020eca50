import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, devServerUrlFrom, denyAllPermissions, enforceCsp, isSafeExternalUrl, isTrustedSender, openExternalIfSafe, originOf, trustedOrigins, appCsp } from '../../src/main/security';
import { contentSecurityPolicy } from '../../src/shared/csp';

vi.mock('electron', () => ({}));

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('Content-Security-Policy', () => {
  const csp = directives(contentSecurityPolicy());

  it('allows scripts, styles and connections from the app itself only', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('forbids plugins, frames, <base>, form posts and being framed', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('never allows inline scripts, eval or a remote origin in a built app', () => {
    const text = contentSecurityPolicy();
    expect(text).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(appCsp(undefined)).toBe(text);
  });

  it('relaxes only for the local dev server while developing', () => {
    const dev = directives(appCsp('http://localhost:5173/'));
    expect(dev.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
  });
});

describe('where the window loads from', () => {
  it('uses the dev server only while developing, and only on this machine', () => {
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/');
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeUndefined();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false)).toBeUndefined();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://192.168.1.5:5173/' }, false)).toBeUndefined();
    expect(devServerUrlFrom({}, false)).toBeUndefined();
  });
});

describe('openExternal allowlist', () => {
  it.each([
    'https://www.theguardian.com/uk-news/2022/jun/28/met-police-special-measures',
    'http://example.org/a?b=c#d',
    'mailto:editor@example.org',
    'mailto:first.last+tag@sub.example.co.uk?subject=Dossier',
  ])('lets %s leave the app', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/x',
    'casefolio://app/index.html',
    'https://user:secret@example.org/',
    'https://exa mple.org/',
    'https://example.org/\u0000',
    'mailto:',
    'mailto:a@b@c.org',
    'mailto:someone',
    'http://',
    '',
    `https://example.org/${'a'.repeat(3000)}`,
    42,
    undefined,
  ])('keeps %s inside', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('opens only what passes, and reports whether it did', () => {
    const open = vi.fn(() => Promise.resolve());
    expect(openExternalIfSafe('https://example.org/', open)).toBe(true);
    expect(openExternalIfSafe('file:///C:/Windows/System32/calc.exe', open)).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('https://example.org/');
  });
});

describe('IPC sender check', () => {
  const mainFrame = { url: `${APP_ORIGIN}/index.html`, parent: null };
  const webContents = { mainFrame };
  const window = { isDestroyed: () => false, webContents } as never;
  const origins = trustedOrigins(undefined);

  it('trusts the top frame of our own window showing the app', () => {
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame } as never, window, origins)).toBe(true);
  });

  it('refuses another webContents, a subframe, a foreign origin, a destroyed or missing window', () => {
    const otherContents = { mainFrame };
    expect(isTrustedSender({ sender: otherContents, senderFrame: mainFrame } as never, window, origins)).toBe(false);
    const subframe = { url: `${APP_ORIGIN}/index.html`, parent: mainFrame };
    expect(isTrustedSender({ sender: webContents, senderFrame: subframe } as never, window, origins)).toBe(false);
    const foreignFrame = { url: 'https://evil.example/', parent: null };
    const foreign = { isDestroyed: () => false, webContents: { mainFrame: foreignFrame } } as never;
    expect(isTrustedSender({ sender: (foreign as { webContents: unknown }).webContents, senderFrame: foreignFrame } as never, foreign, origins)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: null } as never, window, origins)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame } as never, { isDestroyed: () => true, webContents } as never, origins)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame } as never, undefined, origins)).toBe(false);
  });

  it('trusts the dev server only when one is configured', () => {
    const devFrame = { url: 'http://localhost:5173/', parent: null };
    const devWindow = { isDestroyed: () => false, webContents: { mainFrame: devFrame } } as never;
    const event = { sender: (devWindow as { webContents: unknown }).webContents, senderFrame: devFrame } as never;
    expect(isTrustedSender(event, devWindow, trustedOrigins(undefined))).toBe(false);
    expect(isTrustedSender(event, devWindow, trustedOrigins('http://localhost:5173'))).toBe(true);
  });

  it('computes origins for custom schemes, where Node says "null"', () => {
    expect(originOf('casefolio://app/index.html')).toBe('casefolio://app');
    expect(originOf('not a url')).toBeUndefined();
  });
});

describe('permissions', () => {
  it('denies every permission request, check and device', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    denyAllPermissions(session as never);
    const request = session.setPermissionRequestHandler.mock.calls[0][0];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(session.setPermissionCheckHandler.mock.calls[0][0]({}, 'media', 'casefolio://app', {})).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0][0]({})).toBe(false);
  });

  it('puts our CSP on every response, replacing any other', () => {
    const onHeadersReceived = vi.fn();
    enforceCsp({ webRequest: { onHeadersReceived } } as never, "default-src 'self'");
    const callback = vi.fn();
    onHeadersReceived.mock.calls[0][0]({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': ["default-src 'self'"], 'X-Other': ['1'] } });
  });
});
