/*
 * A redacted dossier (issue #16): every name and alias of an anonymised person replaced by the cipher in the
 * dossier's own pages, metadata, bookmarks and links; a PDF exhibit's pages that name her rebuilt as pictures
 * with the names covered; a scan listed for review by hand; the log written beside the file; and the export's
 * own check refusing a file with a name left in. Read back with pdf.js and with poppler's pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDossier } from '../../../../src/core/dossier/export';
import { PdfReader } from '../pdf-reader';
import { tempDir } from '../../../helpers/temp-library';
import { ALIAS, ANY_NAME, CIPHER, NAME, redactionLibrary } from './fixtures';

const flat = (s: string) => s.replace(/\s+/g, ' ');

async function readBack(file: string) {
  const pdf = await PdfReader.open(await readFile(file));
  const pages: string[] = [];
  const links: string[] = [];
  for (let p = 1; p <= pdf.pageCount; p++) {
    pages.push(await pdf.text(p));
    links.push(...(await pdf.links(p)).flatMap((l) => (l.url ? [l.url] : [])));
  }
  const titles: string[] = [];
  const walk = (nodes: Awaited<ReturnType<PdfReader['outline']>>) => nodes.forEach((n) => (titles.push(n.title), walk(n.items)));
  walk(await pdf.outline());
  const metadata = JSON.stringify(await pdf.metadata());
  const xmp = (await pdf.doc.getMetadata()).metadata?.getRaw() ?? '';
  const annotations: string[] = [];
  for (let p = 1; p <= pdf.pageCount; p++) {
    for (const a of await (await pdf.doc.getPage(p)).getAnnotations()) annotations.push(JSON.stringify([a.url, a.unsafeUrl, a.contentsObj?.str, a.titleObj?.str]));
  }
  await pdf.close();
  return { text: flat(pages.join('\n')), pages, links, titles, metadata, xmp, annotations, pdftotext: flat(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })) };
}

describe('a redacted dossier', () => {
  it('replaces every name and alias by the cipher in text, metadata, bookmarks and links, and rebuilds the exhibit pages that name her', async () => {
    const { lib, slug, personId } = await redactionLibrary();
    const dir = await tempDir();
    const counsel = path.join(dir, 'counsel.pdf');
    const press = path.join(dir, 'press.pdf');
    await exportDossier(lib, { cases: [slug], outputPath: counsel, buildDate: '2026-02-01', pdfa: true } as never);
    const result = await exportDossier(lib, { cases: [slug], outputPath: press, buildDate: '2026-02-01', pdfa: true, redact: true } as never);

    // The counsel copy names her everywhere.
    const full = await readBack(counsel);
    expect(full.text).toContain(`${NAME}, 15, was strip-searched`);
    expect(full.pdftotext).toContain('AMARA OKAFOR');
    expect(full.metadata).toContain(NAME);

    const red = await readBack(press);
    for (const [what, text] of Object.entries({
      'pdf.js text': red.text,
      pdftotext: red.pdftotext,
      metadata: red.metadata,
      xmp: red.xmp,
      bookmarks: red.titles.join('\n'),
      links: red.links.join('\n'),
      annotations: red.annotations.join('\n'),
    })) {
      expect(text, what).not.toMatch(ANY_NAME);
    }
    // The cipher stands where each name stood: summary, quotation, note, event, source title, text exhibit, title.
    for (const text of [red.text, red.pdftotext]) {
      expect(text).toContain(`${CIPHER}, 15, was strip-searched`);
      expect(text).toContain(`I saw ${CIPHER} crying`);
      expect(text).toContain(`Spoke with ${CIPHER} on the phone`);
      expect(text).toContain(`${CIPHER} taken to the medical room`);
      expect(text).toContain(`Interview with ${CIPHER}'s mother`);
      expect(text).toContain(`${CIPHER} said she was frightened`);
    }
    // The text attachment's file name, in the exhibits list and the integrity appendix.
    expect(red.pdftotext.replace(/-\s+/g, '-')).toContain('call-with-Person-A.txt');
    expect(red.titles).toContain(`${CIPHER}: strip search`);
    expect(red.metadata).toContain(`"Title":"${CIPHER}: strip search"`);
    expect(red.xmp).toContain(`${CIPHER}: strip search`);
    // The address that spelled her name with hyphens is redacted too.
    expect(red.links.join(' ')).toContain('news/Person-A-interview');
    // The exhibit's page that named her is a picture now; its second page is copied with its text.
    expect(red.pdftotext).not.toContain('medical room.'); // the rebuilt page's own text is gone …
    expect(red.pdftotext).toContain('safeguarding policy'); // … the page that names no one keeps it
    // Each changed exhibit's separator sheet says so, since its fingerprint is the original file's.
    expect(red.pdftotext).toContain('Redacted copy: page 1 rebuilt as a picture with names covered. The fingerprint is that of the original file');
    expect(red.pdftotext).toContain('Redacted copy: names replaced by ciphers.');
    expect(full.pdftotext).not.toContain('Redacted copy');

    // The log beside the file: each replacement by person and place, the exhibit page rebuilt.
    expect(result.redactionLog).toMatchObject({ textPath: `${press}.redaction-log.txt`, pagesRebuilt: 1, reviewByHand: 0 });
    const log = JSON.parse(await readFile(`${press}.redaction-log.json`, 'utf8'));
    const places = log.entries.map((e: { place: string }) => e.place).join('\n');
    for (const where of ['summary', 'quotations', 'body', 'event', 'source', 'exhibit EV-1', 'exhibit EV-2 (“statement.pdf”) › page 1']) expect(places).toContain(where);
    expect(log.entries.filter((e: { action: string }) => e.action === 'page-rebuilt').map((e: { found: string }) => e.found)).toEqual(['AMARA OKAFOR', 'Amara\nOkafor']);
    const readable = await readFile(`${press}.redaction-log.txt`, 'utf8');
    expect(readable).toContain(`${CIPHER} (person ${personId}; names: ${NAME}, ${ALIAS})`);
    expect(readable).toMatch(/never publish it/);

    // Rebuilt the same way twice: byte for byte the same file.
    const again = path.join(dir, 'press-again.pdf');
    await exportDossier(lib, { cases: [slug], outputPath: again, buildDate: '2026-02-01', pdfa: true, redact: true } as never);
    expect(Buffer.compare(await readFile(again), await readFile(press))).toBe(0);

    // For looking at: the rebuilt exhibit page as an image.
    if (process.env.REDACTION_PNG) {
      const page = result.pageMap.find((e) => e.key === 'exhibit/EV-2')!.startPage + 1;
      execFileSync('pdftoppm', ['-png', '-r', '110', '-f', String(page), '-l', String(page), press, process.env.REDACTION_PNG]);
      await writeFile(`${process.env.REDACTION_PNG}.txt`, String(page));
    }
  }, 180_000);

  it('lists a scanned page, which cannot be searched, in a warning and in the log for review by hand', async () => {
    const { lib, slug } = await redactionLibrary({ scan: true });
    const out = path.join(await tempDir(), 'press.pdf');
    const result = await exportDossier(lib, { cases: [slug], outputPath: out, buildDate: '2026-02-01', redact: true } as never);
    const warning = result.warnings.find((w) => w.code === 'EXHIBIT_REVIEW_BY_HAND');
    expect(warning?.message).toMatch(/letter-scan\.pdf.*page 1 \(scanned, with no text to search\)/);
    const readable = await readFile(`${out}.redaction-log.txt`, 'utf8');
    expect(readable).toMatch(/To review by hand \(2\)[^\n]*\n {2}- exhibit EV-3 \(“letter-scan\.pdf”\) › page 1: scanned page\n {2}- exhibit EV-4 \(“photo\.png”\): picture\n/);
    expect(result.warnings.filter((w) => w.code === 'EXHIBIT_REVIEW_BY_HAND').map((w) => w.exhibit)).toEqual(['EV-3', 'EV-4']);
    // The email's headers and text are redacted as the dossier's own text is.
    const text = flat(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }));
    expect(text).toContain(`About ${CIPHER}`);
    expect(text).toContain(`what happened to ${CIPHER} yesterday`);
    expect(text).toContain("Person.A@home.example");
    expect(text).not.toMatch(ANY_NAME);
  }, 180_000);

  it('refuses to write a dossier in which a name is left, and writes nothing', async () => {
    const { lib, slug } = await redactionLibrary();
    const out = path.join(await tempDir(), 'press.pdf');
    // Leave one occurrence in (the note's lower-case alias), as a bug in a replacement would.
    const keep = (m: { found: string }) => m.found === ALIAS.toLowerCase();
    const attempt = exportDossier(lib, { cases: [slug], outputPath: out, buildDate: '2026-02-01', redact: true } as never, undefined, { keep });
    await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not written.*“amy okafor” in page \d+.*Nothing was saved/) });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.redaction-log.txt`)).toBe(false);
  }, 180_000);

  it('is refused when no one in the library is anonymised', async () => {
    const { api, lib, slug, personId } = await redactionLibrary();
    await api['people:update']({ personId, patch: { anonymity: null } });
    const out = path.join(await tempDir(), 'press.pdf');
    await expect(exportDossier(lib, { cases: [slug], outputPath: out, redact: true } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(existsSync(out)).toBe(false);
  });
});
