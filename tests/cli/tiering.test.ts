/*
 * The dossier command's tiering setting (bin/casefolio.js): V8 optimises a function only once it has run about
 * sixteen times as long as it would by default, which bench/README.md ("cold5") measures as a quarter less CPU for
 * a fresh `casefolio dossier` of 50 exhibits and less for every dossier up to 3,000 pages. Other commands keep V8's
 * own thresholds.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';

const CLI = path.resolve(import.meta.dirname, '../../bin/casefolio.js');

/*
 * Preloaded into a `casefolio` process run with --allow-natives-syntax: as it exits, runs a small function as
 * often as V8's default thresholds need to optimise it several times over (about 22 calls; 80 here), then prints
 * whether V8 optimised it. Without concurrent recompilation the optimisation happens in the call that asks for it.
 */
const EXIT_PROBE = `const optimisationStatus = new Function('f', 'return %GetOptimizationStatus(f)');
process.on('exit', () => {
  const sum = (xs) => { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i] * 2; return s; };
  const xs = Array.from({ length: 100 }, (_, i) => i);
  for (let i = 0; i < 80; i++) sum(xs);
  process.stderr.write('optimised ' + ((optimisationStatus(sum) & 16) !== 0) + '\\n');
});`;

describe('the dossier command’s tiering', () => {
  it('optimises a function only after it has run far longer than in other commands', async () => {
    const work = await tempDir();
    const library = path.join(work, 'sample');
    expect((await casefolio(['sample', library])).code).toBe(0);
    const probeFile = path.join(work, 'optimisation.cjs');
    await writeFile(probeFile, EXIT_PROBE);
    const optimisedAtExit = (args: string[]) => {
      const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--require', probeFile, CLI, '--library', library, ...args], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      return /optimised (true|false)/.exec(run.stderr)?.[1];
    };
    // Another command runs with V8's own thresholds: the same function is optimised (else this test proves nothing).
    expect(optimisedAtExit(['cases'])).toBe('true');
    expect(optimisedAtExit(['dossier', 'everard', '-o', path.join(work, 'everard.pdf'), '--date', '2025-11-24', '--quiet'])).toBe('false');
  }, 180_000);
});
