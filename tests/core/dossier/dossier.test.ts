/*
 * The dossier built from the four article cases plus fictional stress and exhibit cases, read back with pdfjs:
 * what a lawyer opening the file would check — order, contents numbers, links, bookmarks, stamps, text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDossier, type DossierResult } from '../../../src/core/dossier';
import type { CaseFile } from '../../../src/shared/domain';
import { AttachmentStore, BUILD_DATE, LONG_URL, UNICODE_LINE, articleCases, emptyCase, exhibitCase, library, stressCase } from './fixtures';
import { PdfReader } from './pdf-reader';

const squash = (s: string) => s.replace(/\s+/g, '');
const TITLE = 'The Metropolitan Police: four cases and fixtures';
const OPTIONS = { title: TITLE, buildDate: BUILD_DATE, marking: 'Confidential', bates: { prefix: 'MET' } } as const;

let store: AttachmentStore;
let cases: CaseFile[];
let result: DossierResult;
let pdf: PdfReader;
let texts: string[];

function qpdfAvailable(): boolean {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  store = new AttachmentStore();
  cases = [...articleCases(store), stressCase(), emptyCase(), await exhibitCase(store)];
  result = await buildDossier({ library: library(), cases, readAttachment: store.read }, OPTIONS);
  pdf = await PdfReader.open(result.bytes);
  texts = [];
  for (let p = 1; p <= pdf.pageCount; p++) texts.push(await pdf.text(p));
});

afterAll(async () => {
  await pdf?.close();
});

const entry = (key: string) => {
  const e = result.pageMap.find((m) => m.key === key);
  if (!e) throw new Error(`No page map entry ${key}`);
  return e;
};

describe('structure', () => {
  it('puts the parts in the default order: cover, contents, cases, exhibits, index of tags, integrity appendix', () => {
    const level1 = result.pageMap.filter((e) => e.level === 1).map((e) => e.kind);
    expect(level1).toEqual(['cover', 'contents', 'case', 'case', 'case', 'case', 'case', 'case', 'case', 'exhibits', 'tag-index', 'integrity']);
    const starts = result.pageMap.filter((e) => e.level === 1).map((e) => e.startPage);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(texts[0]).toContain(TITLE);
    expect(texts[entry('contents').startPage - 1]).toMatch(/^.*\n?Contents/m);
  });

  it('lists every section and sub-section in the contents with the page where its heading is printed', async () => {
    const contents = entry('contents');
    let checked = 0;
    for (let p = contents.startPage; p <= contents.endPage; p++) {
      const items = await pdf.items(p);
      for (const link of await pdf.links(p)) {
        // The number printed at the right end of the entry, on the entry's last line.
        const numbers = items.filter((i) => /^\d+$/.test(i.str) && i.y >= link.rect[1] - 1 && i.y <= link.rect[3] && i.x > 480);
        expect(numbers).toHaveLength(1);
        expect(Number(numbers[0].str)).toBe(link.destPage);
        checked++;
      }
    }
    const listed = result.pageMap.filter((e) => !['cover', 'contents'].includes(e.kind));
    expect(checked).toBe(listed.length);
    for (const e of listed) {
      // The heading (or the exhibit's separator sheet) is on the page the contents gives.
      const words = squash(e.title.split('·').pop()!.replace(' (not included)', '')).slice(0, 24);
      expect(squash(texts[e.startPage - 1]), `${e.title} on p. ${e.startPage}`).toContain(words);
    }
  });

  it('starts each case on a new page and reports page ranges that cover the whole dossier', () => {
    for (const c of cases) expect(texts[entry(`case/${c.case.id}`).startPage - 1]).toMatch(/CASE \d+ OF 7/);
    const level1 = result.pageMap.filter((e) => e.level === 1);
    expect(level1[0].startPage).toBe(1);
    expect(level1[level1.length - 1].endPage).toBe(pdf.pageCount);
    for (let i = 1; i < level1.length; i++) expect(level1[i].startPage).toBe(level1[i - 1].endPage + 1);
  });

  it('passes qpdf --check', { skip: !qpdfAvailable() }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'dossier-'));
    const file = join(dir, 'dossier.pdf');
    writeFileSync(file, result.bytes);
    const out = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(out).toContain('No syntax or stream encoding errors found');
  });
});

describe('navigation', () => {
  it('has an outline mirroring the contents', async () => {
    const outline = await pdf.outline();
    const listed = result.pageMap.filter((e) => !['cover', 'contents'].includes(e.kind));
    const top = listed.filter((e) => e.level === 1);
    expect(outline.map((o) => o.title)).toEqual(top.map((e) => e.title));
    expect(outline.map((o) => o.page)).toEqual(top.map((e) => e.startPage));
    const everard = outline.find((o) => o.title === 'Sarah Everard')!;
    expect(everard.items.map((i) => i.title)).toEqual(['Summary', 'Chronology', 'Sources', 'Notes']);
    expect(everard.items[3].items.map((i) => i.title)).toEqual(['What the article says']);
    const exhibits = outline.find((o) => o.title === 'Exhibits')!;
    expect(exhibits.items).toHaveLength(10);
    expect(exhibits.items[1].page).toBe(entry('exhibit/EV-2').startPage);
  });

  it('makes every internal link land on a page, and web addresses clickable in full', async () => {
    let internal = 0;
    const urls = new Set<string>();
    for (let p = 1; p <= pdf.pageCount; p++) {
      for (const link of await pdf.links(p)) {
        if (link.url) urls.add(link.url);
        else {
          expect(link.destPage, `link on page ${p}`).toBeGreaterThanOrEqual(1);
          internal++;
        }
      }
    }
    expect(internal).toBeGreaterThan(100);
    expect(urls).toContain(LONG_URL);
    expect(urls).toContain('https://example.org/link');
    expect(urls).toContain('https://web.archive.org/web/2022/https://example.org/report');
  });

  it('gives the dossier page of an exhibit page cited by a page pinpoint', () => {
    // The fixture event cites S1 (valid.pdf, EV-2) at p. 2: the chronology points at that page of the exhibit.
    const casePages = entry('case/exhibits');
    const chronologyText = texts.slice(casePages.startPage - 1, casePages.endPage).join('\n');
    const match = /EV-2, dossier p\. (\d+)/.exec(chronologyText);
    expect(match).not.toBeNull();
    expect(texts[Number(match![1]) - 1]).toContain('Valid exhibit page 2');
  });
});

describe('page furniture', () => {
  it('prints the running header, "Page X of Y" and a continuous Bates number on every page, merged exhibits included', () => {
    texts.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pdf.pageCount}`);
      expect(text).toContain(`MET-${String(i + 1).padStart(6, '0')}`);
      expect(text).toContain('CONFIDENTIAL');
      expect(text).toContain(TITLE);
    });
    const ev2 = entry('exhibit/EV-2');
    expect(ev2.endPage - ev2.startPage).toBe(3); // separator + three merged pages
    for (let p = ev2.startPage + 1; p <= ev2.endPage; p++) expect(texts[p - 1]).toContain(`Valid exhibit page ${p - ev2.startPage}`);
    expect(ev2.bates).toEqual({ first: `MET-${String(ev2.startPage).padStart(6, '0')}`, last: `MET-${String(ev2.endPage).padStart(6, '0')}` });
  });

  it('sets the document metadata from the options and the build date', async () => {
    const info = await pdf.metadata();
    expect(info.Title).toBe(TITLE);
    expect(info.Author).toBe('Zoë Łukasz-Şükrü');
    expect(info.Subject).toContain('Sarah Everard; Child Q; Jermaine Baker; Stephen Port');
    expect(String(info.Keywords).split('; ')).toEqual(expect.arrayContaining(['case dossier', 'everard', 'child-q', 'theme/misogyny']));
    expect(info.Creator).toBe('Casefolio');
    expect(info.Producer).toContain('Casefolio');
    expect(info.CreationDate).toBe('D:20251124000000Z');
    expect(info.ModDate).toBe('D:20251124000000Z');
    // Page labels match the printed numbers, so a viewer's "go to page 12" lands where the contents say.
    const labels = await pdf.doc.getPageLabels();
    expect(labels).toEqual(Array.from({ length: pdf.pageCount }, (_, i) => String(i + 1)));
  });
});

describe('text', () => {
  it('extracts Unicode text intact: Polish, Turkish, diaeresis, curly quotes, Greek, Cyrillic', () => {
    const all = squash(texts.join(''));
    expect(all).toContain(squash(UNICODE_LINE));
    expect(all).toContain(squash('Καλαμάτα / Москва / Kraków'));
  });

  it('keeps every line of text inside the page frame on its own pages', async () => {
    const ownPages = new Set<number>();
    for (let p = 1; p <= pdf.pageCount; p++) if (!result.pageMap.some((e) => e.kind === 'exhibit' && p > e.startPage && p <= e.endPage)) ownPages.add(p);
    for (const e of result.pageMap.filter((m) => m.kind === 'exhibit' && m.exhibit?.included && !/EV-[13] /.test(m.title))) {
      for (let p = e.startPage + 1; p <= e.endPage; p++) ownPages.delete(p);
    }
    for (const p of ownPages) {
      const page = await pdf.doc.getPage(p);
      const [, , width] = page.view;
      for (const item of await pdf.items(p)) {
        expect(item.x, `"${item.str}" on page ${p}`).toBeGreaterThanOrEqual(71.5);
        expect(item.x + item.width, `"${item.str}" on page ${p}`).toBeLessThanOrEqual(width - 65.5);
      }
    }
  });

  it('never prints two lines on top of each other', async () => {
    for (let p = 1; p <= pdf.pageCount; p++) {
      const items = (await pdf.items(p)).filter((i) => i.str.trim());
      for (let a = 0; a < items.length; a++) {
        for (let b = a + 1; b < items.length; b++) {
          const A = items[a];
          const B = items[b];
          const xOverlap = Math.min(A.x + A.width, B.x + B.width) - Math.max(A.x, B.x);
          const yOverlap = Math.min(A.y + A.height * 0.7, B.y + B.height * 0.7) - Math.max(A.y - A.height * 0.2, B.y - B.height * 0.2);
          if (xOverlap > 1 && yOverlap > 1) expect.fail(`"${A.str}" overlaps "${B.str}" on page ${p}`);
        }
      }
    }
  });
});

describe('bad exhibits', () => {
  it('puts a placeholder page in place of each exhibit that cannot be included, with a warning saying why', () => {
    const expected: Record<string, string> = {
      'EV-5': 'EXHIBIT_DAMAGED',
      'EV-6': 'EXHIBIT_ENCRYPTED',
      'EV-7': 'EXHIBIT_TYPE_MISMATCH',
      'EV-8': 'EXHIBIT_MISSING',
      'EV-9': 'EXHIBIT_UNSUPPORTED',
    };
    for (const [number, code] of Object.entries(expected)) {
      const warning = result.warnings.find((w) => w.exhibit === number);
      expect(warning?.code, number).toBe(code);
      expect(warning!.message).toMatch(/\.$/);
      const e = entry(`exhibit/${number}`);
      expect(e.exhibit).toMatchObject({ included: false, warning: code });
      const placeholder = texts[e.endPage - 1];
      expect(placeholder).toContain('This exhibit could not be included');
      expect(placeholder).toContain(`Problem code: ${code}`);
    }
    expect(result.warnings.find((w) => w.exhibit === 'EV-6')!.message).toContain('password');
  });

  it('merges the valid PDF, places each image on its own page and sets text exhibits in type', () => {
    expect(entry('exhibit/EV-1').exhibit?.included).toBe(true);
    expect(entry('exhibit/EV-2').exhibit?.included).toBe(true);
    expect(entry('exhibit/EV-3')).toMatchObject({ exhibit: { included: true }, endPage: entry('exhibit/EV-3').startPage + 1 });
    expect(entry('exhibit/EV-4')).toMatchObject({ exhibit: { included: true }, endPage: entry('exhibit/EV-4').startPage + 1 });
    expect(texts[entry('exhibit/EV-1').startPage]).toContain('The Met is in special measures');
  });

  it('stamps merged pages of any size and rotation, upright as they are viewed', async () => {
    const ev10 = entry('exhibit/EV-10');
    expect(ev10.endPage - ev10.startPage).toBe(2);
    const [landscape, rotated] = [ev10.startPage + 1, ev10.endPage];
    expect(texts[landscape - 1]).toContain('Landscape letter page');
    expect(texts[rotated - 1]).toContain('Rotated page');
    const stamp = async (page: number) => (await pdf.items(page)).find((i) => i.str === `MET-${String(page).padStart(6, '0')}`)!;
    // On the landscape page the stamp runs left to right near the bottom right corner of the 792 × 612 page.
    const flat = await stamp(landscape);
    expect(flat.dir).toEqual([1, 0]);
    expect(flat.x).toBeGreaterThan(700);
    expect(flat.y).toBeLessThan(20);
    // The rotated page is stored 842 × 595 with /Rotate 90: upright on screen means running up the page in its own space.
    const turned = await stamp(rotated);
    expect(turned.dir).toEqual([0, 1]);
  });

  it('shows each exhibit’s number, source title and SHA-256 on its separator sheet and in the integrity appendix', () => {
    const integrity = texts.slice(entry('integrity').startPage - 1).join('\n');
    for (const c of cases) {
      for (const s of c.sources) {
        for (const a of s.attachments) {
          // Printed in two halves, one above the other, in the table's SHA-256 column.
          expect(squash(integrity)).toContain(a.sha256.slice(0, 32));
          expect(squash(integrity)).toContain(a.sha256.slice(32));
        }
      }
    }
    const ev2 = texts[entry('exhibit/EV-2').startPage - 1];
    expect(ev2).toContain('EV-2');
    expect(ev2).toContain('A valid three-page PDF');
    // A file captured from the web carries its provenance: where it came from, when, and the server's answer.
    expect(ev2.replace(/\s+/g, ' ')).toContain('from https://example.org/reports/final.pdf (HTTP 200), 19 November 2025, 09:30 UTC; requested as https://example.org/report.pdf');
    expect(squash(ev2)).toContain(cases[6].sources[0].attachments[0].sha256);
  });

  it('reports a reference to a source that is not in the case', () => {
    expect(result.warnings.some((w) => w.code === 'SOURCE_REFERENCE_UNKNOWN' && w.sourceId === 'src-gone')).toBe(true);
  });
});

describe('determinism', () => {
  it('produces byte-identical output when built again from the same input', async () => {
    const again = await buildDossier({ library: library(), cases, readAttachment: store.read }, OPTIONS);
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(result.bytes))).toBe(0);
  });
});
