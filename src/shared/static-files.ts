/*
 * Resolving a request path to a file of the built renderer, for both places that serve it (the
 * Electron app protocol and the loopback bridge). Pure string work: the callers read the file.
 * A path that would leave the root (.., encoded slashes, backslashes, NUL) resolves to nothing.
 */
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  txt: 'text/plain; charset=utf-8',
  map: 'application/json; charset=utf-8',
};

export function contentTypeFor(relativePath: string): string {
  const ext = relativePath.split('.').pop()?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * The file a URL path names, relative to the renderer's root ("assets/index-abc.js"), or undefined when
 * it is not a plain path inside the root. "/" is the app's index.html.
 */
export function staticRelativePath(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return undefined;
  if (segments.length === 0) return 'index.html';
  return segments.join('/');
}

/** Headers every served file gets; the CSP is the caller's, so both servers send the same one. */
export function staticHeaders(relativePath: string, csp: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(relativePath),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': relativePath === 'index.html' ? 'no-store' : 'no-cache',
  };
}
