#!/usr/bin/env node
// The casefolio command: runs the CLI built into out/node/ (npm install builds it; so do `npm run build`
// and `npm run build:node`), so no TypeScript is compiled at run time.
import { access } from 'node:fs/promises';
import { URL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A dossier keeps V8's young generation at the size it starts with (src/cli/heap.ts says why); loading the CLI's
// code alone grows it from 2 to 8 MB, so the setting is made before that, for a command line naming `dossier`
// (a false match, e.g. a case called "dossier", only makes V8 collect its young objects more often, and optimise
// later). A dossier also lets a function run sixteen times as long as V8's default (66 KB of bytecode executed)
// before V8 optimises it: a process that lives one to ten seconds spent more on optimising code that had run a
// few dozen times than the optimised code saved (bench/README.md, "cold5": a quarter less CPU for 50 exhibits,
// a tenth less for 3,000 pages; never optimising cost 37 % more at 3,000 pages).
const DOSSIER_INTERRUPT_BUDGET = 16 * 66 * 1024;
if (process.argv.slice(2).includes('dossier')) {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString(`--interrupt-budget=${DOSSIER_INTERRUPT_BUDGET}`);
}

const built = new URL('../out/node/cli.js', import.meta.url);
try {
  await access(built);
} catch {
  process.stderr.write('casefolio: the command is not built yet; run `npm run build:node` in the Casefolio folder (npm install does it too).\n');
  process.exit(1);
}
const { run } = await import(built.href);
process.exitCode = await run(process.argv.slice(2));
