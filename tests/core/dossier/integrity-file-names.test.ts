/* The integrity appendix of a real dossier keeps a file name's extension on the line with the rest of it. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSampleLibrary } from '../../../src/core/sample/build-sample';
import { fixedDeps, tempDir } from '../../helpers/temp-library';

describe('the integrity appendix', () => {
  it('does not break “special-measures.txt” before its extension', async () => {
    const dir = await tempDir();
    const session = await createSampleLibrary(path.join(dir, 'sample'), fixedDeps());
    const { api } = session;
    const out = path.join(dir, 'integrity.pdf');
    await api['dossier:export']({ cases: ['everard'], outputPath: out, sections: ['exhibits', 'integrity'], buildDate: '2026-01-31' });
    await session.close();
    const text = execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/measures\.txt/);
    expect(text).not.toMatch(/measures\.\s*\n\s*txt/);
  }, 120_000);
});
