/*
 * The acceptance run of issue #3: `casefolio dossier everard child-q baker port -o met.pdf --library <sample>`
 * writes a dossier that qpdf finds nothing wrong with and whose contents give the pages the sections start on.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfReader } from '../core/dossier/pdf-reader';
import { tempDir } from '../helpers/temp-library';
import { casefolio as runCasefolio } from '../helpers/cli';

const casefolio = (args: string[], cwd?: string) => runCasefolio(args, {}, cwd);
const squash = (s: string) => s.replace(/\s+/g, '');



const hasQpdf = (() => {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('casefolio dossier', () => {
  it('writes the sample dossier: qpdf-clean, contents matching section starts, byte-identical when rebuilt', async () => {
    const work = await tempDir();
    const library = path.join(work, 'sample');
    expect((await casefolio(['sample', library])).code).toBe(0);
    const args = ['dossier', 'everard', 'child-q', 'baker', 'port', '-o', 'met.pdf', '--library', library, '--bates', 'MET', '--date', '2025-11-24'];
    const run = await casefolio(args, work);
    expect(run.stderr).toMatch(/Writing pages \d+\/\d+/);
    expect(run.code).toBe(0);
    const pages = Number(/Wrote .*met\.pdf: (\d+) pages/.exec(run.stdout)?.[1]);
    expect(pages).toBeGreaterThan(10);
    const bytes = await readFile(path.join(work, 'met.pdf'));
    if (hasQpdf) expect(execFileSync('qpdf', ['--check', path.join(work, 'met.pdf')], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');

    const pdf = await PdfReader.open(bytes);
    expect(pdf.pageCount).toBe(pages);
    // Every contents entry: the number printed, the page its link opens, and the page its heading is on agree.
    const contents = await pdf.text(2);
    expect(contents).toContain('Contents');
    let entries = 0;
    for (const link of await pdf.links(2)) {
      const items = await pdf.items(2);
      const onLine = items.filter((i) => i.y >= link.rect[1] - 1 && i.y <= link.rect[3]);
      const number = Number(onLine.find((i) => /^\d+$/.test(i.str))?.str);
      const title = onLine.filter((i) => !/^\d+$/.test(i.str.trim())).map((i) => i.str).join('').trim();
      expect(number, title).toBe(link.destPage);
      const target = (await pdf.text(number)).replace(/\s+/g, ' ');
      expect(target, `${title} on p. ${number}`).toContain(title.replace(/^EV-1 · /, '').replace(/\s+/g, ' ').slice(0, 30));
      entries++;
    }
    expect(entries).toBeGreaterThan(15);
    await pdf.close();

    const again = await casefolio([...args.slice(0, 6), 'again.pdf', ...args.slice(7)], work);
    expect(again.code).toBe(0);
    expect(Buffer.compare(await readFile(path.join(work, 'again.pdf')), bytes)).toBe(0);
  });

  it('cites the sources in the style chosen with --style, and names it in the integrity appendix', async () => {
    const work = await tempDir();
    const library = path.join(work, 'sample');
    await casefolio(['sample', library]);
    const run = await casefolio(['dossier', 'everard', '-o', 'apa.pdf', '--library', library, '--style', 'apa', '--sections', 'sources,integrity', '--quiet'], work);
    expect(run.code).toBe(0);
    const pdf = await PdfReader.open(await readFile(path.join(work, 'apa.pdf')));
    const text = (await Promise.all(Array.from({ length: pdf.pageCount }, (_, i) => pdf.text(i + 1)))).join('\n').replace(/\s+/g, '');
    await pdf.close();
    // The sample article in APA: title in sentence case, the year after it, the outlet in italics after that.
    expect(text).toContain(squash('The Met is in special measures. But more failings are coming to light. (2022). The Canary.'));
    expect(text).not.toContain(squash('‘The Met Is in Special Measures'));
    expect(text).toContain(squash('CITATION STYLE APA 7th edition (“apa”)'));
  });

  it('draws the timeline figure before the chronology with --timeline, and says so in the build parameters', async () => {
    const work = await tempDir();
    const library = path.join(work, 'sample');
    await casefolio(['sample', library]);
    const run = await casefolio(['dossier', 'special-measures', '-o', 'fig.pdf', '--library', library, '--timeline', '--sections', 'chronology,integrity', '--quiet'], work);
    expect(run.code).toBe(0);
    const pdf = await PdfReader.open(await readFile(path.join(work, 'fig.pdf')));
    const text = (await Promise.all(Array.from({ length: pdf.pageCount }, (_, i) => pdf.text(i + 1)))).join('\n');
    await pdf.close();
    // The figure's key, above the chronology table's header.
    expect(text.indexOf('[year] inferred')).toBeGreaterThan(-1);
    expect(text.indexOf('[year] inferred')).toBeLessThan(text.search(/DATE\s+EVENT/));
    expect(squash(text)).toContain(squash('TIMELINE FIGURES yes'));
  });

  it('sets its own pages on the paper chosen with --paper (A4 by default), with the page furniture inside the sheet', async () => {
    const work = await tempDir();
    const library = path.join(work, 'sample');
    await casefolio(['sample', library]);
    const base = ['dossier', 'everard', '--library', library, '--sections', 'cover,chronology,exhibits', '--bates', 'MET', '--date', '2025-11-24', '--quiet'];
    expect((await casefolio([...base, '-o', 'a4.pdf'], work)).code).toBe(0);
    expect((await casefolio([...base, '-o', 'letter.pdf', '--paper', 'letter'], work)).code).toBe(0);
    const sizes = async (file: string) => (await PDFDocument.load(await readFile(path.join(work, file)))).getPages().map((p) => p.getSize());
    const a4 = await sizes('a4.pdf');
    const letter = await sizes('letter.pdf');
    expect(a4.length).toBeGreaterThan(2);
    expect(a4.every(({ width, height }) => Math.abs(width - 595.28) < 0.01 && Math.abs(height - 841.89) < 0.01)).toBe(true);
    // The sample's exhibit is a text file, set as our own pages: every page of the dossier is on the chosen paper.
    expect(letter.every(({ width, height }) => width === 612 && height === 792), JSON.stringify(letter)).toBe(true);

    const pdf = await PdfReader.open(await readFile(path.join(work, 'letter.pdf')));
    for (let page = 1; page <= pdf.pageCount; page++) {
      const items = (await pdf.items(page)).filter((i) => i.str.trim());
      const stamp = items.find((i) => /^MET-\d{6}$/.test(i.str.trim()));
      expect(stamp, `page ${page} has its Bates number`).toBeDefined();
      for (const item of items) {
        expect(item.x + item.width, `"${item.str}" on page ${page}`).toBeLessThanOrEqual(612 - 36);
        expect(item.y, `"${item.str}" on page ${page}`).toBeGreaterThanOrEqual(36);
        expect(item.y, `"${item.str}" on page ${page}`).toBeLessThanOrEqual(792 - 36);
      }
    }
    await pdf.close();

    const bad = await casefolio([...base, '-o', 'x.pdf', '--paper', 'A5'], work);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown paper size "A5"; choose from A4, Letter.');
  });

  it('rejects an unknown section or citation style as a usage error and an unknown case as a failure', async () => {
    const work = await tempDir();
    const library = path.join(work, 'sample');
    await casefolio(['sample', library]);
    const badSection = await casefolio(['dossier', 'everard', '-o', 'x.pdf', '--library', library, '--sections', 'cover,appendix'], work);
    expect(badSection.code).toBe(2);
    expect(badSection.stderr).toContain('unknown section "appendix"');
    const badStyle = await casefolio(['dossier', 'everard', '-o', 'x.pdf', '--library', library, '--style', 'mla'], work);
    expect(badStyle.code).toBe(2);
    expect(badStyle.stderr).toContain('unknown citation style "mla"; choose from oscola, chicago-author-date, apa, harvard-cite-them-right, vancouver.');
    const badCase = await casefolio(['dossier', 'nobody', '-o', 'x.pdf', '--library', library], work);
    expect(badCase.code).toBe(1);
    expect(badCase.stderr).toContain('No case "nobody"');
  });
});
