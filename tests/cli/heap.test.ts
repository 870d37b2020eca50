/*
 * The dossier command's heap settings (src/cli/heap.ts, bin/casefolio.js): V8's young generation kept at its
 * starting size, which bench/README.md measures as tens of MB off the peak memory of a 3,000-page dossier.
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
const EXIT_PROBE = `const v8 = require('node:v8');
process.on('exit', () => process.stderr.write('young-generation ' + v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size + '\\n'));`;

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
    const work = await tempDir();
    const library = path.join(work, 'sample');
    expect((await casefolio(['sample', library])).code).toBe(0);
    const probeFile = path.join(work, 'young-generation.cjs');
    await writeFile(probeFile, EXIT_PROBE);
    const youngAtExit = (args: string[]) => {
      const run = spawnSync(process.execPath, ['--require', probeFile, CLI, '--library', library, ...args], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      return Number(/young-generation (\d+)/.exec(run.stderr)?.[1]);
    };
    // Another command loads the same code with V8's own policy: its young generation ends larger.
    const listing = youngAtExit(['cases']);
    const dossier = youngAtExit(['dossier', 'everard', '-o', path.join(work, 'everard.pdf'), '--date', '2025-11-24', '--quiet']);
    expect(dossier).toBeGreaterThan(0);
    expect(dossier).toBeLessThan(listing);
  }, 180_000);
});
