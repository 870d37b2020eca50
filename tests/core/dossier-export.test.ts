/*
 * dossier:export through the contract, on a real library in a temp folder: the sample cases, a file written
 * durably, progress reported, and a missing attachment turned into a warning rather than a failure.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/core/handlers';
import { createSampleLibrary } from '../../src/core/sample/build-sample';
import { createClient } from '../../src/shared/api/client';
import { dispatch } from '../../src/shared/api/dispatch';
import type { CallProgress } from '../../src/shared/api/types';
import { PdfReader } from './dossier/pdf-reader';
import { fixedDeps, tempDir } from '../helpers/temp-library';

async function sampleApi() {
  const dir = path.join(await tempDir(), 'sample');
  const lib = await createSampleLibrary(dir, fixedDeps());
  const handlers = createHandlers(lib);
  const api = createClient((name, payload, context) => dispatch(handlers, name, payload, context));
  return { dir, lib, api };
}

describe('dossier:export', () => {
  it('writes the dossier for the sample cases, reporting progress, and returns its page map', async () => {
    const { dir, lib, api } = await sampleApi();
    const out = path.join(dir, '..', 'met.pdf');
    const progress: CallProgress[] = [];
    const result = await api['dossier:export'](
      { cases: ['everard', 'child-q', 'baker', 'port'], outputPath: out, buildDate: '2025-11-24', bates: { prefix: 'MET' } },
      { progress: (p) => progress.push(p) },
    );
    const bytes = await readFile(out);
    // Written chunk by chunk: the file on disk is whole, and its size and hash are what the call reports.
    expect(result).toMatchObject({ path: out, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), warnings: [] });
    expect(result.pageMap.filter((e) => e.kind === 'case').map((e) => e.title)).toEqual(
      ['everard', 'child-q', 'baker', 'port'].map((slug) => lib.requireCase(slug).case.title),
    );
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['exhibits', 'layout', 'pages', 'save']));
    const pdf = await PdfReader.open(bytes);
    expect(pdf.pageCount).toBe(result.pages);
    expect(await pdf.text(1)).toContain('Sarah Everard');
    expect((await pdf.metadata()).Title).toBe('Sarah Everard, Child Q: strip search, Jermaine Baker and Stephen Port: inquests');
    await pdf.close();
    // No temporary file left beside the output.
    expect((await readdir(path.dirname(out))).filter((f) => f.includes('casefolio-tmp'))).toEqual([]);
    await lib.close();
  });

  it('turns a missing attachment file into a warning and a placeholder page', async () => {
    const { dir, lib, api } = await sampleApi();
    const everard = lib.requireCase('everard');
    const filesDir = lib.store.filesDir(everard.case.id);
    for (const f of await readdir(filesDir)) await rm(path.join(filesDir, f));
    // The same file is attached in the other cases too: export Everard alone, so no copy can stand in.
    const result = await api['dossier:export']({ cases: ['everard'], outputPath: path.join(dir, '..', 'everard.pdf'), buildDate: '2025-11-24' });
    expect(result.warnings.map((w) => w.code)).toEqual(['EXHIBIT_MISSING']);
    expect(result.pageMap.find((e) => e.kind === 'exhibit')?.exhibit).toMatchObject({ number: 'EV-1', included: false, warning: 'EXHIBIT_MISSING' });
    await lib.close();
  });

  it('refuses a relative output path, an unknown case and an unknown section', async () => {
    const { lib, api } = await sampleApi();
    await expect(api['dossier:export']({ cases: ['everard'], outputPath: 'met.pdf' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api['dossier:export']({ cases: ['nobody'], outputPath: '/tmp/x.pdf' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api['dossier:export']({ cases: ['everard'], outputPath: '/tmp/x.pdf', sections: ['appendix' as never] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await lib.close();
  });

  it('reports an output folder that does not exist as an I/O error', async () => {
    const { dir, lib, api } = await sampleApi();
    await expect(api['dossier:export']({ cases: ['everard'], outputPath: path.join(dir, 'no', 'such', 'folder', 'x.pdf'), buildDate: '2025-11-24' })).rejects.toMatchObject({
      code: 'IO_ERROR',
    });
    await lib.close();
  });
});
