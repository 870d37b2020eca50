/*
 * dossier:export through the contract, on a real library in a temp folder: the sample cases, a file written
 * durably, progress reported, a missing attachment turned into a warning rather than a failure, and the chain
 * of custody from each case's audit journal in the integrity appendix.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { compileDossier } from '../../src/core/dossier/export';
import { createSampleLibrary } from '../../src/core/sample/build-sample';
import type { CallProgress } from '../../src/shared/api/types';
import { PdfReader, type TextItem } from './dossier/pdf-reader';
import { fixedDeps, tempDir, tempLibrary } from '../helpers/temp-library';

async function sampleApi() {
  const dir = path.join(await tempDir(), 'sample');
  const { lib, api, close } = await createSampleLibrary(dir, { ...fixedDeps(), warm: false });
  onTestFinished(close);
  return { dir, lib, api };
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** The text in one table column — from its header's left edge to the next header's — between two heights, top to bottom. */
function cellText(items: TextItem[], header: string, next: string | undefined, top: number, bottom: number): string {
  const x = (label: string) => items.find((i) => i.str.trim() === label)!.x;
  const [from, to] = [x(header), next ? x(next) : Infinity];
  return squash(
    items
      .filter((i) => i.x >= from - 1 && i.x < to - 1 && i.y <= top && i.y > bottom)
      .sort((a, b) => b.y - a.y || a.x - b.x)
      .map((i) => i.str)
      .join(''),
  );
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
    const filesDir = lib.read.filesDir(everard.case.id);
    for (const f of await readdir(filesDir)) await rm(path.join(filesDir, f));
    // The same file is attached in the other cases too: export Everard alone, so no copy can stand in.
    const result = await api['dossier:export']({ cases: ['everard'], outputPath: path.join(dir, '..', 'everard.pdf'), buildDate: '2025-11-24' });
    expect(result.warnings.map((w) => w.code)).toEqual(['EXHIBIT_MISSING']);
    expect(result.pageMap.find((e) => e.kind === 'exhibit')?.exhibit).toMatchObject({ number: 'EV-1', included: false, warning: 'EXHIBIT_MISSING' });
    await lib.close();
  });

  it('refuses a relative output path, an unknown case, an unknown section and an unknown citation style', async () => {
    const { lib, api } = await sampleApi();
    await expect(api['dossier:export']({ cases: ['everard'], outputPath: 'met.pdf' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api['dossier:export']({ cases: ['nobody'], outputPath: '/tmp/x.pdf' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api['dossier:export']({ cases: ['everard'], outputPath: '/tmp/x.pdf', sections: ['appendix' as never] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api['dossier:export']({ cases: ['everard'], outputPath: '/tmp/x.pdf', citationStyle: 'mla' as never })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('oscola, chicago-author-date, apa, harvard-cite-them-right, vancouver'),
    });
    await lib.close();
  });

  it('reports an output folder that does not exist as an I/O error', async () => {
    const { dir, lib, api } = await sampleApi();
    await expect(api['dossier:export']({ cases: ['everard'], outputPath: path.join(dir, 'no', 'such', 'folder', 'x.pdf'), buildDate: '2025-11-24' })).rejects.toMatchObject({
      code: 'IO_ERROR',
    });
    await lib.close();
  });

  it('shows in the integrity appendix who added each file, “not recorded” when the journal lacks the entry, and each case’s journal', async () => {
    const { dir, lib, api } = await tempLibrary();
    await api['library:updateSettings']({ userName: 'Zoë Łukasz-Şükrü' });
    const c = await api['cases:create']({ fields: { title: 'Custody', slug: 'custody' } });
    const s = await api['sources:create']({ caseId: c.id, fields: { title: 'Report', kind: 'official-report' } });
    const attach = (fileName: string, text: string) => api['attachments:add']({ caseId: c.id, sourceId: s.id, fileName, contentBase64: Buffer.from(text).toString('base64') });
    await attach('journaled.txt', 'attached through the service, which journals it');
    const unrecorded = await attach('unrecorded.txt', 'its journal entry is lost');
    const changed = await attach('changed.txt', 'altered on disk after it was added');
    // The journal loses the second file's entry and ends in a line torn by a crash; the third file is altered.
    await lib.settled(); // a save's journal line reaches the file just after the save is acknowledged
    const journal = path.join(dir, 'cases', c.id, 'journal.jsonl');
    const kept = (await readFile(journal, 'utf8')).trimEnd().split('\n').filter((line) => !line.includes(unrecorded.id));
    expect(kept).toHaveLength(4); // case, source, two files
    await writeFile(journal, `${kept.join('\n')}\n{"at":"2026-01-01T00:0`);
    await writeFile(path.join(lib.read.filesDir(c.id), changed.sha256), 'altered');

    const out = path.join(dir, '..', 'custody.pdf');
    const result = await api['dossier:export']({ cases: ['custody'], outputPath: out, buildDate: '2026-01-02' });
    expect(result.warnings.map((w) => w.code)).toEqual(['EXHIBIT_HASH_MISMATCH']);
    const integrity = result.pageMap.find((e) => e.kind === 'integrity')!;
    const pdf = await PdfReader.open(await readFile(out));
    // The appendix's pages as one tall page: each further page 1,000 points lower.
    const items: TextItem[] = [];
    for (let p = integrity.startPage; p <= integrity.endPage; p++) {
      for (const item of await pdf.items(p)) items.push({ ...item, y: item.y - (p - integrity.startPage) * 1000 });
    }
    // Each exhibit's separator sheet says who added the file too, when the journal knows.
    const separator = async (n: string) => {
      const page = result.pageMap.find((e) => e.key === `exhibit/${n}`)!.startPage;
      return squash((await pdf.items(page)).map((i) => i.str).join(''));
    };
    expect(await separator('EV-1')).toContain(squash('1 January 2026, 00:00 UTC by Zoë Łukasz-Şükrü'));
    expect(await separator('EV-2')).toContain(squash('1 January 2026, 00:00 UTC'));
    expect(await separator('EV-2')).not.toContain('UTCby');
    await pdf.close();
    const y = (label: string) => items.find((i) => i.str.trim() === label)!.y;
    expect(squash(items.map((i) => i.str).join(''))).toContain(squash('computed again: “verified” means it matched'));

    // The exhibits table, row by row: the Added column says by whom, the last column what the build's hash check found.
    const rowTops = ['EV-1', 'EV-2', 'EV-3'].map((n) => y(n) + 1);
    const rowBottoms = [...rowTops.slice(1), y('Chain of custody')];
    const cell = (row: number, header: string, next?: string) => cellText(items, header, next, rowTops[row], rowBottoms[row]);
    expect(cell(0, 'ADDED', 'IN DOSSIER')).toBe(squash('1 Jan 2026 00:00 UTC by Zoë Łukasz-Şükrü'));
    expect(cell(1, 'ADDED', 'IN DOSSIER')).toBe(squash('1 Jan 2026 00:00 UTC by: not recorded'));
    expect(cell(2, 'ADDED', 'IN DOSSIER')).toBe(squash('1 Jan 2026 00:00 UTC by Zoë Łukasz-Şükrü'));
    expect(cell(0, 'IN DOSSIER')).toMatch(/^pp\.\d+–\d+SHA-256verified$/);
    expect(cell(2, 'IN DOSSIER')).toMatch(/^Placeholderp\.\d+hashmismatchSHA-256didnotmatch$/);

    // The case's journal: its entries, the torn line, and the file that is not intact.
    const [top, bottom] = [y('Custody') + 1, y('How this dossier was built')];
    expect(cellText(items, 'AUDIT JOURNAL', 'FILES CHECKED', top, bottom)).toBe(
      squash('4 entries first 1 Jan 2026, 00:00 UTC last 1 Jan 2026, 00:00 UTC 1 line could not be read: line 5: the last line is incomplete (a write was interrupted); it is ignored'),
    );
    expect(cellText(items, 'FILES CHECKED', undefined, top, bottom)).toBe(squash('1 of 3 files not intact: changed.txt (EV-3): changed since it was added'));
  });
});

describe('compiling a dossier without writing it', () => {
  it('hands the output on as its chunks, without joining them into one more copy', async () => {
    const { lib } = await sampleApi();
    const result = await compileDossier(lib, { cases: ['everard'], buildDate: '2025-11-24' } as Parameters<typeof compileDossier>[1]);
    // The joined copy is made only when asked for: still a getter, not a second copy of the output already made.
    expect(typeof Object.getOwnPropertyDescriptor(result, 'bytes')?.get).toBe('function');
    expect(result.size).toBe(result.chunks.reduce((n, c) => n + c.length, 0));
    expect(Buffer.from(result.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });
});
