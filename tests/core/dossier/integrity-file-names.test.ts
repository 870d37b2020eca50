/* The integrity appendix of a real dossier keeps a file name's extension on the line with the rest of it. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/core/handlers';
import { createSampleLibrary } from '../../../src/core/sample/build-sample';
import { createClient } from '../../../src/shared/api/client';
import { dispatch } from '../../../src/shared/api/dispatch';
import { fixedDeps, tempDir } from '../../helpers/temp-library';

describe('the integrity appendix', () => {
  it('does not break “special-measures.txt” before its extension', async () => {
    const dir = await tempDir();
    const lib = await createSampleLibrary(path.join(dir, 'sample'), fixedDeps());
    const handlers = createHandlers(lib);
    const api = createClient((name, payload) => dispatch(handlers, name, payload));
    const out = path.join(dir, 'integrity.pdf');
    await api['dossier:export']({ cases: ['everard'], outputPath: out, sections: ['exhibits', 'integrity'], buildDate: '2026-01-31' });
    await lib.close();
    const text = execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/measures\.txt/);
    expect(text).not.toMatch(/measures\.\s*\n\s*txt/);
  }, 120_000);
});
