/*
 * The dossier command's V8 settings (src/cli/heap.ts, bin/casefolio.js): V8's young generation kept at its starting
 * size, which bench/README.md measures as tens of MB off the peak memory of a 3,000-page dossier; and functions
 * optimised only after sixteen times V8's default interrupt budget, which it measures ("cold5") as a quarter less
 * CPU for a fresh dossier of 50 exhibits and less at every size up to 3,000 pages. Other commands keep V8's own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';

const CLI = path.resolve(import.meta.dirname, '../../bin/casefolio.js');
const probe = path.join(import.meta.dirname, 'heap-probe.ts');
const youngGeneration = (mode: 'tight' | 'default') =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', probe, mode], { encoding: 'utf8' })) as { before: number; after: number };

/** Preloaded into a `casefolio` process: prints the young generation's size (bytes) on stderr as it exits. */
const YOUNG_GENERATION_PROBE = `const v8 = require('node:v8');
process.on('exit', () => process.stderr.write('young-generation ' + v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size + '\\n'));`;

/*
 * Preloaded into a `casefolio` process run with --allow-natives-syntax: as it exits, runs a small function as
 * often as V8's default thresholds need to optimise it several times over (22 calls; 80 here, against 328 with the
 * dossier's setting), then prints whether V8 optimised it. Without concurrent recompilation the optimisation
 * happens in the call that asks for it.
 */
const OPTIMISATION_PROBE = `const optimisationStatus = new Function('f', 'return %GetOptimizationStatus(f)');
process.on('exit', () => {
  const sum = (xs) => { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i] * 2; return s; };
  const xs = Array.from({ length: 100 }, (_, i) => i);
  for (let i = 0; i < 80; i++) sum(xs);
  process.stderr.write('optimised ' + ((optimisationStatus(sum) & 16) !== 0) + '\\n');
});`;

/** The sample library, and a function that runs `casefolio --library <it> args…` with `probeSource` preloaded (after Node's own `flags`), giving its stderr. */
async function sampleWithProbe(probeSource: string, flags: string[] = []) {
  const work = await tempDir();
  const library = path.join(work, 'sample');
  expect((await casefolio(['sample', library])).code).toBe(0);
  const probeFile = path.join(work, 'probe.cjs');
  await writeFile(probeFile, probeSource);
  const stderrOf = (args: string[]) => {
    const run = spawnSync(process.execPath, [...flags, '--require', probeFile, CLI, '--library', library, ...args], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return run.stderr;
  };
  return { work, stderrOf };
}

describe('keepHeapTight (the dossier command’s heap settings)', () => {
  it('keeps the young generation at its starting size where V8 would grow it', () => {
    const untouched = youngGeneration('default');
    // Without the settings the same allocations make V8 grow the young generation (else this test proves nothing).
    expect(untouched.after).toBeGreaterThan(untouched.before);
    const tight = youngGeneration('tight');
    expect(tight.after).toBeLessThanOrEqual(tight.before);
    expect(tight.after).toBeLessThan(untouched.after);
  }, 120_000);

  it('applies from the start of a `casefolio dossier` process, before the CLI’s code has grown it', async () => {
    const { work, stderrOf } = await sampleWithProbe(YOUNG_GENERATION_PROBE);
    const youngAtExit = (args: string[]) => Number(/young-generation (\d+)/.exec(stderrOf(args))?.[1]);
    // Another command loads the same code with V8's own policy: its young generation ends larger.
    const listing = youngAtExit(['cases']);
    const dossier = youngAtExit(['dossier', 'everard', '-o', path.join(work, 'everard.pdf'), '--date', '2025-11-24', '--quiet']);
    expect(dossier).toBeGreaterThan(0);
    expect(dossier).toBeLessThan(listing);
  }, 180_000);
});

describe('the dossier command’s tiering', () => {
  it('optimises a function only after it has run far longer than in other commands', async () => {
    const { work, stderrOf } = await sampleWithProbe(OPTIMISATION_PROBE, ['--allow-natives-syntax', '--no-concurrent-recompilation']);
    const optimisedAtExit = (args: string[]) => /optimised (true|false)/.exec(stderrOf(args))?.[1];
    // Another command runs with V8's own thresholds: the same function is optimised (else this test proves nothing).
    expect(optimisedAtExit(['cases'])).toBe('true');
    expect(optimisedAtExit(['dossier', 'everard', '-o', path.join(work, 'everard.pdf'), '--date', '2025-11-24', '--quiet'])).toBe('false');
  }, 180_000);
});
