/*
 * An exhibit's own bookmarks and internal links survive the merge: its outline is nested under the exhibit's
 * bookmark, and links and bookmarks to named destinations (LaTeX's hyperref writes nothing else) still go to
 * the right page of the dossier, though the exhibit's catalog, where the names are defined, is left behind.
 * Read back with pdf.js, which resolves destinations independently of the dossier's code.
 */
import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { BUILD_DATE, library, oneExhibitCase } from './fixtures';
import { bookmarkedPdf } from './hand-written-pdf';
import { PdfReader, type OutlineNode } from './pdf-reader';

async function dossierOf(bytes: Uint8Array) {
  const { caseFile, readAttachment } = oneExhibitCase(bytes, 'A report with bookmarks', 'report.pdf');
  const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Bookmarks', buildDate: BUILD_DATE });
  const exhibit = result.pageMap.find((e) => e.kind === 'exhibit')!;
  // The separator sheet is the exhibit's first page; the report's pages follow it.
  return { result, reportPage: (n: number) => exhibit.startPage + n, reader: await PdfReader.open(result.bytes) };
}

const find = (nodes: OutlineNode[], title: string): OutlineNode | undefined => {
  for (const n of nodes) {
    if (n.title === title) return n;
    const inner = find(n.items, title);
    if (inner) return inner;
  }
  return undefined;
};

describe('an exhibit’s bookmarks and links', () => {
  it('nests the exhibit’s outline under its bookmark, each entry going to its page in the dossier, open or closed as it was', async () => {
    const { result, reportPage, reader } = await dossierOf(bookmarkedPdf());
    expect(result.warnings).toEqual([]);
    const outline = await reader.outline();
    const exhibit = find(outline, 'EV-1 · A report with bookmarks')!;
    expect(exhibit.page).toBe(reportPage(0));
    const shape = (nodes: OutlineNode[]): unknown[] => nodes.map((n) => ({ title: n.title, page: n.page, view: n.view, items: shape(n.items) }));
    expect(shape(exhibit.items)).toEqual([
      { title: 'Chapter one', page: reportPage(2), view: 'XYZ 0 250 null', items: [{ title: 'Section 1.1', page: reportPage(3), view: 'XYZ 72 200 0', items: [] }] },
      {
        title: 'Annex – Zoë',
        page: reportPage(3),
        view: 'FitH 280',
        items: [
          { title: 'Schedule', page: reportPage(2), view: 'Fit', items: [] },
          // Its name is defined nowhere in the file: the title is kept, going nowhere, as in the original.
          { title: 'Withdrawn', page: undefined, view: undefined, items: [] },
        ],
      },
    ]);
    // The exhibit's entry starts closed; "Chapter one" was open in the file and "Annex" closed.
    expect(exhibit.count).toBe(-3);
    expect(find(outline, 'Chapter one')!.count).toBe(1);
    expect(find(outline, 'Annex – Zoë')!.count).toBe(-2);
    await reader.close();
  });

  it('keeps links to named destinations working: each goes to the page the name stood for', async () => {
    const { reportPage, reader } = await dossierOf(bookmarkedPdf());
    const links = await reader.links(reportPage(1));
    expect(links.map((l) => l.destPage)).toEqual([reportPage(2), reportPage(3), reportPage(3), reportPage(2)]);
    await reader.close();
  });

  it('still bundles an exhibit whose bookmarks loop, only without them', async () => {
    // "Annex" now says its next sibling is "Chapter one": the chain of bookmarks never ends.
    const looping = Buffer.from(Buffer.from(bookmarkedPdf()).toString('latin1').replace('/Prev 10 0 R /First 13 0 R', '/Next 10 0 R /First 13 0 R'), 'latin1');
    const { result, reportPage, reader } = await dossierOf(new Uint8Array(looping));
    expect(result.warnings).toEqual([]);
    expect(result.pageMap.find((e) => e.kind === 'exhibit')!.exhibit?.included).toBe(true);
    expect(find(await reader.outline(), 'EV-1 · A report with bookmarks')!.items).toEqual([]);
    expect(await reader.text(reportPage(2))).toContain('Chapter one');
    await reader.close();
  });
});

describe('an exhibit whose cross-reference is damaged', () => {
  it('is repaired by pdf-lib and keeps its bookmarks and links all the same', async () => {
    // Three bytes inserted after the header: every offset in the cross-reference table is now wrong.
    const text = Buffer.from(bookmarkedPdf()).toString('latin1');
    const shifted = new Uint8Array(Buffer.from(text.replace('%PDF-1.4\n', '%PDF-1.4\n\n\n'), 'latin1'));
    const { result, reportPage, reader } = await dossierOf(shifted);
    expect(result.warnings).toEqual([]);
    const exhibit = find(await reader.outline(), 'EV-1 · A report with bookmarks')!;
    expect(exhibit.items.map((n) => [n.title, n.page])).toEqual([
      ['Chapter one', reportPage(2)],
      ['Annex – Zoë', reportPage(3)],
    ]);
    expect((await reader.links(reportPage(1))).map((l) => l.destPage)).toEqual([reportPage(2), reportPage(3), reportPage(3), reportPage(2)]);
    await reader.close();
  });
});
