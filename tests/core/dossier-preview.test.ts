/*
 * dossier:preview and dossier:read through the contract, on the sample library in a temp folder with the browser
 * bridge's shell: a preview is the dossier's first pages and its contents, saved nowhere; reading back is allowed
 * only for a dossier this window chose to write, and only for a PDF.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { bridgeShell } from '../../src/bridge/shell';
import { createSampleLibrary } from '../../src/core/sample/build-sample';
import { PdfReader } from './dossier/pdf-reader';
import { fixedDeps, tempDir } from '../helpers/temp-library';

async function sampleApi() {
  const dir = await tempDir();
  const exports = path.join(dir, 'exports');
  const session = await createSampleLibrary(path.join(dir, 'library'), { ...fixedDeps(), shell: bridgeShell(exports) });
  return { dir, exports, api: session.api };
}

describe('dossier:preview', () => {
  it('returns the first pages and the whole contents as a PDF of their own, and writes nothing', async () => {
    const { dir, api } = await sampleApi();
    const before = await readdir(dir, { recursive: true });
    const cases = (await api['cases:list']({})).map((c) => c.id);
    const preview = await api['dossier:preview']({ cases, pages: 2, buildDate: '2026-01-31' });
    const contents = preview.pageMap.find((e) => e.kind === 'contents')!;
    expect(contents.endPage).toBeGreaterThan(2);
    expect(preview.pages).toEqual(Array.from({ length: contents.endPage }, (_, i) => i + 1));
    expect(preview.totalPages).toBeGreaterThan(preview.pages.length);

    const bytes = Buffer.from(preview.pdfBase64, 'base64');
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(preview.pages.length);
    const pdf = await PdfReader.open(bytes);
    expect(await pdf.text(contents.startPage)).toContain('Contents');
    await pdf.close();
    expect(await readdir(dir, { recursive: true })).toEqual(before);
  });

  it('refuses settings a dossier would refuse', async () => {
    const { api } = await sampleApi();
    await expect(api['dossier:preview']({ cases: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api['dossier:preview']({ cases: ['everard'], pages: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api['dossier:preview']({ cases: ['no-such-case'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('dossier:read', () => {
  it('reads back a dossier this window exported, and nothing else', async () => {
    const { dir, exports, api } = await sampleApi();
    const { path: chosen } = await api['dossier:chooseOutput']({ suggestedName: 'Everard.pdf' });
    await api['dossier:export']({ cases: ['everard'], outputPath: chosen!, buildDate: '2026-01-31' });
    const { pdfBase64 } = await api['dossier:read']({ path: chosen! });
    expect(Buffer.from(pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const elsewhere = path.join(dir, 'elsewhere.pdf');
    await writeFile(elsewhere, '%PDF-1.7\n');
    await expect(api['dossier:read']({ path: elsewhere })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api['dossier:read']({ path: path.join(exports, '..', 'library', 'library.json') })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Chosen but never written, or written as something other than a PDF.
    const { path: unused } = await api['dossier:chooseOutput']({ suggestedName: 'Unused.pdf' });
    await expect(api['dossier:read']({ path: unused! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await mkdir(exports, { recursive: true });
    await writeFile(unused!, 'not a pdf');
    await expect(api['dossier:read']({ path: unused! })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});
