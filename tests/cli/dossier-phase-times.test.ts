/*
 * CASEFOLIO_PHASE_TIMES=1 makes `casefolio dossier` say on stderr where its time went (src/cli/phase-times.ts):
 * each phase once, in the order the process reaches it, with wall and CPU times that only grow. Without it, stderr
 * stays as it was (with --quiet, empty). A dossier that fails is not reported as written.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';

describe('casefolio dossier with CASEFOLIO_PHASE_TIMES=1', () => {
  it('prints each phase of the process in order, with times that never go back', { timeout: 300_000 }, async () => {
    const work = await tempDir();
    const library = path.join(work, 'lib');
    expect((await casefolio(['init', library])).code).toBe(0);
    expect((await casefolio(['new', 'Custody death', '--slug', 'custody', '--library', library])).code).toBe(0);
    expect((await casefolio(['add', 'source', 'custody', '--title', 'Inquest findings', '--library', library])).code).toBe(0);

    const plain = await casefolio(['dossier', 'custody', '-o', path.join(work, 'plain.pdf'), '--quiet', '--library', library]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');

    const timed = await casefolio(['dossier', 'custody', '-o', path.join(work, 'timed.pdf'), '--quiet', '--library', library], { CASEFOLIO_PHASE_TIMES: '1' });
    expect(timed.code).toBe(0);
    const phases = [...timed.stderr.matchAll(/^phase (.+?)\s+at\s+(\d+) ms wall,\s+(\d+) ms CPU/gm)].map(([, name, wall, cpu]) => ({ name, wall: Number(wall), cpu: Number(cpu) }));
    expect(phases.map((p) => p.name)).toEqual(['command parsed', 'library open', 'start exhibits', 'start layout', 'start pages', 'start save', 'dossier written', 'exit']);
    for (let i = 1; i < phases.length; i++) {
      expect(phases[i].wall).toBeGreaterThanOrEqual(phases[i - 1].wall);
      expect(phases[i].cpu).toBeGreaterThanOrEqual(phases[i - 1].cpu);
    }

    // A dossier that could not be written is not timed as one: no "dossier written" phase after the error.
    const failed = await casefolio(['dossier', 'custody', '-o', path.join(work, 'no-such-folder', 'x.pdf'), '--quiet', '--library', library], { CASEFOLIO_PHASE_TIMES: '1' });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/^phase library open/m);
    expect(failed.stderr).not.toMatch(/^phase dossier written/m);
  });
});
