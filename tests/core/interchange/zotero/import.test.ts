/*
 * A Zotero library imported whole, from a zotero.sqlite built here from Zotero's schema with collections, a nested
 * collection, an item in two collections, child and standalone notes, tags, stored and linked files, an item in
 * Zotero's trash; and a second import that adds nothing twice.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src/shared/api/dispatch';
import type { CallProgress, ZoteroImportReport } from '../../../../src/shared/api/types';
import { casefolio } from '../../../helpers/cli';
import { tempDir, tempLibrary } from '../../../helpers/temp-library';
import { writeZoteroDatabase, type LibrarySpec } from './zotero-db';

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const md5 = (b: Uint8Array | string) => createHash('md5').update(b).digest('hex');
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
const LINKED = 'Minutes of the meeting, typed up.\n';
const RELATIVE = 'A letter kept beside the library.\n';

function spec(linkedFile: string): LibrarySpec {
  return {
    collections: [
      { key: 'COLLPOL1', name: 'Policing' },
      { key: 'COLLNEG2', name: 'Negligence', parent: 'COLLPOL1' },
      { key: 'COLLINQ3', name: 'Inquiries' },
    ],
    items: [
      {
        key: 'ART00001',
        type: 'journalArticle',
        fields: { title: 'Policing and the duty of care', publicationTitle: 'The British Journal of Criminology', journalAbbreviation: 'BJC', volume: '59', issue: '5', pages: '1123-1145', date: '2019-09-00 September 2019', DOI: '10.1093/bjc/azz010', ISSN: '0007-0955', language: 'en', url: 'https://academic.example.org/bjc/59/5/1123', accessDate: '2023-02-01 10:15:00' },
        creators: [{ first: 'Chinedu', last: 'Okafor' }, { first: 'Seán', last: 'Ó Briain' }],
        tags: ['negligence', 'policing/duty of care'],
        collections: ['COLLNEG2', 'COLLINQ3'],
        notes: [{ key: 'NOTE0001', html: '<div class="zotero-note znv1"><p>Key article on <b>Robinson</b>.</p><p>Read with the report.</p></div>', title: 'Key article on Robinson.' }],
        attachments: [
          { key: 'ATTSTOR1', linkMode: 0, path: 'storage:Okafor 2019.pdf', contentType: 'application/pdf', storageHash: md5(PDF) },
          { key: 'ATTURL01', linkMode: 3, title: 'Publisher page' },
        ],
      },
      {
        key: 'REP00002',
        type: 'report',
        fields: { title: 'An inspection of counter-corruption arrangements', institution: 'Office for Policing Standards', reportNumber: 'OPS 2021/05', reportType: 'Inspection report', place: 'Northtown', date: '2021-03-00 March 2021' },
        creators: [{ last: 'Office for Policing Standards', single: true }],
        tags: ['corruption'],
        collections: ['COLLINQ3'],
        attachments: [
          { key: 'ATTLINK2', linkMode: 2, path: linkedFile, contentType: 'text/plain' },
          { key: 'ATTREL03', linkMode: 2, path: 'attachments:letters/letter.txt', contentType: 'text/plain' },
          { key: 'ATTGONE4', linkMode: 0, path: 'storage:missing.pdf', contentType: 'application/pdf' },
        ],
      },
      {
        key: 'CASE0003',
        type: 'case',
        fields: { caseName: 'Robinson v Chief Constable of West Yorkshire Police', court: 'UKSC', docketNumber: '[2018] UKSC 4', reporter: 'AC', firstPage: '736', dateDecided: '2018-02-08 8 February 2018' },
        collections: ['COLLNEG2'],
      },
      { key: 'WEB00004', type: 'webpage', fields: { title: 'Force placed under enhanced monitoring', websiteTitle: 'Northshire News Online', url: 'https://www.example.com/news/61234567' } },
      { key: 'TRASH005', type: 'webpage', fields: { title: 'Deleted in Zotero' }, collections: ['COLLPOL1'], trashed: true },
    ],
    standaloneNotes: [{ key: 'NOTE0009', html: '<p>Questions for the inquiry.</p>', collections: ['COLLINQ3'] }],
  };
}

async function zoteroFolder() {
  const dir = await tempDir('zotero-data-');
  const outside = await tempDir('zotero-linked-');
  const linkedFile = path.join(outside, 'minutes.txt');
  await writeFile(linkedFile, LINKED);
  await mkdir(path.join(outside, 'base', 'letters'), { recursive: true });
  await writeFile(path.join(outside, 'base', 'letters', 'letter.txt'), RELATIVE);
  await mkdir(path.join(dir, 'storage', 'ATTSTOR1'), { recursive: true });
  await writeFile(path.join(dir, 'storage', 'ATTSTOR1', 'Okafor 2019.pdf'), PDF);
  await writeZoteroDatabase(dir, spec(linkedFile));
  return { dir, linkedBase: path.join(outside, 'base') };
}

describe('importing a Zotero library', () => {
  it('makes each collection a case, with items, notes, files and tags; an item in two collections is in both; a second import adds nothing', async () => {
    const { dir, linkedBase } = await zoteroFolder();
    const { api, lib, handlers } = await tempLibrary();
    const progress: CallProgress[] = [];
    // Through the contract's dispatcher, as the window's IPC and the bridge call it, with a progress listener.
    const outcome = await dispatch(handlers, 'zotero:import', { dir, linkedFilesBase: linkedBase }, { progress: (p) => progress.push(p) });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const report = outcome.value as ZoteroImportReport;
    // The article's file is copied into each of its two cases.
    expect(report).toMatchObject({ items: 4, collections: 3, sourcesAdded: 5, sourcesSkipped: 0, notesAdded: 3, attachmentsAdded: 4 });
    expect(report.missingFiles).toEqual([expect.objectContaining({ key: 'ATTGONE4', reason: 'the file is missing' })]);
    expect(progress.at(-1)).toEqual({ phase: 'items', done: 5, total: 5 });
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5]);

    const cases = await api['cases:list']({});
    expect(cases.map((c) => c.title).sort()).toEqual(['Inquiries', 'Policing / Negligence', 'Zotero: items in no collection']);
    const byTitle = async (title: string) => api['cases:get']({ caseId: cases.find((c) => c.title === title)!.id });
    const negligence = await byTitle('Policing / Negligence');
    const inquiries = await byTitle('Inquiries');
    const unfiled = await byTitle('Zotero: items in no collection');

    // The article, in both of its collections, with every field and its file.
    for (const c of [negligence, inquiries]) {
      const article = c.sources.find((s) => s.extra?.['zotero:key'] === 'ART00001')!;
      expect(article).toMatchObject({
        kind: 'journal-article',
        title: 'Policing and the duty of care',
        containerTitle: 'The British Journal of Criminology',
        containerTitleShort: 'BJC',
        volume: '59',
        issue: '5',
        pages: '1123-1145',
        doi: '10.1093/bjc/azz010',
        issn: '0007-0955',
        publishedDate: { value: '2019-09' },
        accessedDate: { value: '2023-02-01' },
        authors: [{ family: 'Okafor', given: 'Chinedu' }, { family: 'Ó Briain', given: 'Seán' }],
        tags: ['negligence', 'policing/duty of care'],
      });
      expect(article.extra).toMatchObject({ 'zotero:language': 'en' });
      expect(article.attachments).toEqual([expect.objectContaining({ fileName: 'Okafor 2019.pdf', sha256: sha256(PDF), size: PDF.length, mediaType: 'application/pdf' })]);
      expect(await readFile(path.join(lib.dir, 'cases', c.case.id, 'files', sha256(PDF)), 'utf8')).toBe(PDF);
      const note = c.notes.find((n) => n.title === 'Key article on Robinson.')!;
      expect(note.body).toContain('On “Policing and the duty of care”.');
      expect(note.body).toContain('Key article on **Robinson**.\n\nRead with the report.');
    }
    const judgment = negligence.sources.find((s) => s.kind === 'court-judgment')!;
    expect(judgment).toMatchObject({ title: 'Robinson v Chief Constable of West Yorkshire Police', court: 'UKSC', neutralCitation: '[2018] UKSC 4', reporter: 'AC', pages: '736', publishedDate: { value: '2018-02-08' } });
    const report2 = inquiries.sources.find((s) => s.kind === 'official-report')!;
    expect(report2).toMatchObject({ publisher: 'Office for Policing Standards', number: 'OPS 2021/05', place: 'Northtown', authors: [{ literal: 'Office for Policing Standards' }] });
    expect(report2.extra?.['zotero:reportType']).toBe('Inspection report');
    expect(report2.attachments.map((a) => a.sha256).sort()).toEqual([sha256(LINKED), sha256(RELATIVE)].sort());
    expect(inquiries.notes.map((n) => n.title)).toContain('Questions for the inquiry.');
    expect(unfiled.sources).toEqual([expect.objectContaining({ kind: 'web-page', publisher: 'Northshire News Online' })]);
    // Zotero's trash stays behind.
    expect([...negligence.sources, ...inquiries.sources, ...unfiled.sources].map((s) => s.title)).not.toContain('Deleted in Zotero');
    // Tags joined the library's vocabulary.
    expect((await api['tags:list']({})).map((t: { path: string }) => t.path)).toEqual(expect.arrayContaining(['negligence', 'policing/duty of care', 'corruption']));

    const again = await api['zotero:import']({ dir, linkedFilesBase: linkedBase });
    expect(again).toMatchObject({ sourcesAdded: 0, sourcesSkipped: 5, notesAdded: 0, attachmentsAdded: 0 });
    expect((await api['cases:list']({})).length).toBe(3);
    expect((await byTitle('Inquiries')).sources).toHaveLength(2);
  });

  it('can make collections tags on one case instead', async () => {
    const { dir, linkedBase } = await zoteroFolder();
    const { api } = await tempLibrary();
    const target = await api['cases:create']({ fields: { title: 'Everything from Zotero' } });
    const report = await api['zotero:import']({ dir, linkedFilesBase: linkedBase, collectionsAs: 'tags', caseId: target.id });
    expect(report.sourcesAdded).toBe(4);
    const file = await api['cases:get']({ caseId: target.id });
    const article = file.sources.find((s) => s.extra?.['zotero:key'] === 'ART00001')!;
    expect(article.tags).toEqual(expect.arrayContaining(['collection/Policing/Negligence', 'collection/Inquiries', 'negligence']));
    expect((await api['cases:list']({})).map((c) => c.title)).toEqual(['Everything from Zotero']);
  });

  it('refuses a folder without a Zotero database, and a file that is not one, saying what to point at', async () => {
    const { api } = await tempLibrary();
    const empty = await tempDir();
    await expect(api['zotero:import']({ dir: empty })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/Zotero's data folder/) });
    await writeFile(path.join(empty, 'zotero.sqlite'), 'not a database');
    await expect(api['zotero:import']({ dir: empty })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(await api['cases:list']({})).toEqual([]);
  });

  it('works from the command line, with a progress line and a report', async () => {
    const { dir, linkedBase } = await zoteroFolder();
    const libDir = path.join(await tempDir(), 'lib');
    await casefolio(['init', libDir]);
    const run = await casefolio(['import-zotero', dir, '--linked-files', linkedBase, '--library', libDir]);
    expect(run.stderr).toContain('Importing items 5/5');
    expect(run.stdout).toMatch(/added 5 sources, 3 notes and 4 attached files/);
    expect(run.stdout).toMatch(/missing\.pdf .*the file is missing/);
    expect(run.code).toBe(1); // a file could not be copied
  });
});
