/*
 * `tsx bench/lib/web-bridge.ts LIBRARY RENDERER_DIR`: the bridge as `npm run web` runs it (the library opened warm,
 * the real server on 127.0.0.1, a fresh token, the address printed as "Open …"), but serving the renderer built in
 * RENDERER_DIR, so bench/window.ts can measure another build (BENCH_BASELINE_RENDERER) beside this one with
 * everything else the same. SIGTERM closes the library.
 */
import path from 'node:path';
import { openLibrary } from '../../src/core/library-session';
import { startBridge } from '../../src/bridge/server';
import { newToken } from '../../src/bridge/security';
import { bridgeShell } from '../../src/bridge/shell';

const [library, rendererDir] = process.argv.slice(2).map((arg) => path.resolve(arg));
const shell = bridgeShell(path.join(library, 'exports'));
const session = await openLibrary(library, { shell, warm: true });
const bridge = await startBridge({ handlers: () => session.handlers, rendererDir, token: newToken(), port: 0, redeem: shell.redeem });
process.stdout.write(`Open ${bridge.url}\n`);
process.once('SIGTERM', () => {
  void bridge
    .close()
    .then(() => session.close())
    .then(() => process.exit(0));
});
