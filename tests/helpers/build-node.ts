/*
 * vitest's global set-up: builds the plain-Node programs (the casefolio command, the bridge, the launcher)
 * into out/node/ before any test runs, so tests that spawn `bin/casefolio.js` or `npm start` run the code
 * as it is now, not a build left over from before an edit. esbuild takes about a second.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function buildNodePrograms(): void {
  execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/build-node.js')], { stdio: 'inherit' });
}
