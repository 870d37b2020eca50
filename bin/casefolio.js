#!/usr/bin/env node
// The casefolio command: runs the CLI built into out/node/ (npm install builds it; so do `npm run build`
// and `npm run build:node`), so no TypeScript is compiled at run time.
import { access } from 'node:fs/promises';
import { URL } from 'node:url';

const built = new URL('../out/node/cli.js', import.meta.url);
try {
  await access(built);
} catch {
  process.stderr.write('casefolio: the command is not built yet; run `npm run build:node` in the Casefolio folder (npm install does it too).\n');
  process.exit(1);
}
const { run } = await import(built.href);
process.exitCode = await run(process.argv.slice(2));
