/*
 * Exit codes a script can trust: `casefolio dossier` with warnings says so on stderr (with --json too, whose
 * result carries them), and with --strict exits 3 — neither 0 (clean) nor 1 (nothing written).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';
import { pdfWithPages } from '../helpers/pdf-fixtures';

describe('casefolio dossier with warnings', () => {
  it('warns on stderr, carries the warnings in --json, and exits 3 with --strict', { timeout: 300_000 }, async () => {
    const work = await tempDir();
    const library = path.join(work, 'lib');
    expect((await casefolio(['init', library])).code).toBe(0);
    const caseId = (await casefolio(['new', 'Altered evidence', '--slug', 'altered', '--library', library])).stdout.trim();
    const sourceId = (await casefolio(['add', 'source', 'altered', '--title', 'Custody record', '--library', library])).stdout.trim();
    const exhibit = path.join(work, 'record.pdf');
    await writeFile(exhibit, await pdfWithPages(['Custody record, page 1']));
    const attached = await casefolio(['attach', 'altered', sourceId, exhibit, '--library', library]);
    const sha256 = /sha256 ([0-9a-f]{64})/.exec(attached.stdout)![1];

    const clean = await casefolio(['dossier', 'altered', '-o', path.join(work, 'clean.pdf'), '--strict', '--quiet', '--library', library]);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('');

    // The stored file altered behind Casefolio's back: its fingerprint no longer matches.
    const stored = path.join(library, 'cases', caseId, 'files', sha256);
    await writeFile(stored, Buffer.concat([await readFile(stored), Buffer.from('\n% appended')]));

    const lenient = await casefolio(['dossier', 'altered', '-o', path.join(work, 'lenient.pdf'), '--quiet', '--library', library]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/^warning: EV-1 \(“record\.pdf”, source S1 of “Altered evidence”\) was not included: the stored file no longer matches .*\[EXHIBIT_HASH_MISMATCH\]\n$/);
    expect(lenient.stdout).toMatch(/, 1 warning\n$/);

    const json = await casefolio(['dossier', 'altered', '-o', path.join(work, 'json.pdf'), '--json', '--quiet', '--library', library]);
    expect(json.code).toBe(0);
    expect(json.stderr).toContain('[EXHIBIT_HASH_MISMATCH]');
    const result = JSON.parse(json.stdout);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'EXHIBIT_HASH_MISMATCH', exhibit: 'EV-1', sourceId })]);

    const strict = await casefolio(['dossier', 'altered', '-o', path.join(work, 'strict.pdf'), '--strict', '--json', '--quiet', '--library', library]);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('[EXHIBIT_HASH_MISMATCH]');
    expect(strict.stderr).toContain('casefolio: the dossier was written with 1 warning; --strict makes that a failure (exit 3).');
    expect(JSON.parse(strict.stdout).warnings).toHaveLength(1);
    // The dossier is still written, so the warning can be looked at in it.
    expect((await readFile(path.join(work, 'strict.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
