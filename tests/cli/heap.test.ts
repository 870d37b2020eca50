import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const probe = path.join(import.meta.dirname, 'heap-probe.ts');
const youngGeneration = (mode: 'tight' | 'default') =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', probe, mode], { encoding: 'utf8' })) as { before: number; after: number };

describe('keepHeapTight (the dossier command’s heap settings)', () => {
  it('keeps the young generation at its starting size where V8 would grow it', () => {
    const untouched = youngGeneration('default');
    // Without the settings the same allocations make V8 grow the young generation (else this test proves nothing).
    expect(untouched.after).toBeGreaterThan(untouched.before);
    const tight = youngGeneration('tight');
    expect(tight.after).toBeLessThanOrEqual(tight.before);
    expect(tight.after).toBeLessThan(untouched.after);
  }, 120_000);
});
