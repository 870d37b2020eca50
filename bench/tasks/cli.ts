/*
 * The casefolio command as one bundled ES module (bench/lib/child.ts bundles it): how a shipped, built CLI runs,
 * without tsx compiling TypeScript at every start. The dossier benchmark runs `casefolio dossier` through it.
 */
import { run } from '../../src/cli/main';

process.exitCode = await run(process.argv.slice(2));
