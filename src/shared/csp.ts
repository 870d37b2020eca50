/*
 * The one Content-Security-Policy for every place the renderer is served from: the Electron window (as a
 * response header on the app protocol) and the loopback bridge (as an HTTP header). Pure data, so main,
 * the bridge and the tests share it.
 *
 * Why each directive is what it is:
 *   script-src 'self'        the bundle only: no inline script, no eval, no remote code.
 *   style-src 'self'         the bundled stylesheets only. Mantine would inject <style> elements for theme
 *                            variables and responsive style props; the renderer turns those off
 *                            (withCssVariables/withGlobalClasses false, theme variables in a static CSS file)
 *                            so no 'unsafe-inline' is needed. Inline style *properties* set from script
 *                            (React's style prop, floating popovers, virtual list offsets) go through the
 *                            CSSOM, which CSP does not restrict.
 *   connect-src 'self'       the renderer talks only to its own origin (IPC needs no network at all).
 *   img-src 'self' data: blob:  attachment previews made in the page.
 *   everything else          none: no plugins, no frames, no <base>, no form posts, nobody may frame us.
 */
export interface CspOptions {
  /**
   * Development only: the Vite dev server's origin, for hot reload over a WebSocket, and 'unsafe-inline'
   * for the React refresh preamble and CSS injected by the dev server. Never used by a built app.
   */
  devServerOrigin?: string;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServerOrigin;
  const wsOrigin = dev?.replace(/^http/, 'ws');
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"]],
    ['style-src', dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', dev && wsOrigin ? ["'self'", dev, wsOrigin] : ["'self'"]],
    ['media-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['worker-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
