import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildLibraryText } from '../../../src/core/evidence/attachment-text';
import { extractText } from '../../../src/core/evidence/extracted-text';
import { readCachedText, textCachePath } from '../../../src/core/storage/text-cache';
import { extractPdfText, DEFAULT_LIMITS } from '../../../src/core/evidence/pdf-worker';
import { documentTitle, htmlToText } from '../../../src/core/evidence/html-text';
import { pdfPageTreeBomb, pdfWithPages } from '../../helpers/pdf-fixtures';
import { tempLibrary } from '../../helpers/temp-library';

const REPORT_PAGES = [
  'Independent review of custody records\nPrepared for the inquiry',
  'Contents\n1 Findings\n2 Recommendations',
  'Foreword\nThe custody record was altered after the event.',
  'Summary of evidence\nOfficers did not record the strip search.',
  '1 Findings\nThe appropriate adult was not present during the search.',
  '2 Recommendations\nSafeguarding referrals must be made within 24 hours.',
];
// Printed numbering as in a real report: i–iv for the front matter, then 12, 13 (the extract starts at p. 12).
const REPORT_LABELS = [
  { from: 0, style: 'r' as const },
  { from: 4, style: 'D' as const, start: 12 },
];

async function libraryWithSource() {
  const t = await tempLibrary();
  const c = await t.api['cases:create']({ fields: { title: 'Child Q' } });
  const s = await t.api['sources:create']({ caseId: c.id, fields: { title: 'Safeguarding review', kind: 'official-report' } });
  return { ...t, caseId: c.id, sourceId: s.id };
}

describe('text extracted from attachments', () => {
  it('keeps the printed page labels of a multi-page PDF, so a quotation cites "p. iv" rather than the 4th page', async () => {
    const { api, dir, caseId, sourceId } = await libraryWithSource();
    const bytes = await pdfWithPages(REPORT_PAGES, REPORT_LABELS);
    const att = await api['attachments:add']({ caseId, sourceId, fileName: 'review.pdf', contentBase64: Buffer.from(bytes).toString('base64') });
    expect(att.mediaType).toBe('application/pdf');

    // The agreed file for search: <library>/.cache/text/<sha256>.json
    const raw = JSON.parse(await readFile(path.join(dir, '.cache', 'text', `${att.sha256}.json`), 'utf8'));
    expect(raw.sha256).toBe(att.sha256);
    expect(raw.pages.map((p: { label: string }) => p.label)).toEqual(['i', 'ii', 'iii', 'iv', '12', '13']);
    expect(raw.pages.map((p: { index: number }) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const hit = raw.pages.find((p: { text: string }) => p.text.includes('did not record the strip search'));
    expect(hit).toMatchObject({ index: 3, label: 'iv' });
    expect(raw.pages[4].text).toContain('appropriate adult was not present');

    // The same text is offered over the contract, for quoting.
    const text = await api['attachments:text']({ caseId, sourceId, attachmentId: att.id });
    expect(text.pages[5]).toMatchObject({ label: '13', text: expect.stringContaining('within 24 hours') });
  });

  it('numbers pages 1, 2, 3 … when the PDF has no page labels', async () => {
    const result = await extractPdfText(await pdfWithPages(['one', 'two', 'three']));
    expect(result).toMatchObject({ ok: true, pages: [{ label: '1', text: 'one' }, { label: '2' }, { label: '3', text: 'three' }] });
  });

  it('keeps plain text and HTML (reduced to what a reader sees) as one page', async () => {
    const { api, dir, caseId, sourceId } = await libraryWithSource();
    const html = '<!doctype html><html><head><title>Met statement</title><style>p{color:red}</style><script>var secret = "do not index";</script></head>' +
      '<body><h1>Statement</h1><p>The officer was dismissed &amp; barred&nbsp;from policing.</p><!-- hidden comment --></body></html>';
    const a = await api['attachments:add']({ caseId, sourceId, fileName: 'statement.html', contentBase64: Buffer.from(html).toString('base64') });
    const t = await readCachedText(dir, a.sha256);
    expect(t?.pages).toHaveLength(1);
    expect(t?.pages[0].label).toBe('1');
    expect(t?.pages[0].text).toContain('The officer was dismissed & barred from policing.');
    expect(t?.pages[0].text).toContain('Met statement');
    expect(t?.pages[0].text).not.toMatch(/do not index|color:red|hidden comment|<p>/);

    const b = await api['attachments:add']({ caseId, sourceId, fileName: 'notes.txt', contentBase64: Buffer.from('\ufeffPlain notes: café').toString('base64') });
    expect((await readCachedText(dir, b.sha256))?.pages).toEqual([{ index: 0, label: '1', text: 'Plain notes: café' }]);
  });

  it('reads plain text as it was written: UTF-16 from Notepad, Windows-1252 from older Windows programs', async () => {
    const { api, dir, caseId, sourceId } = await libraryWithSource();
    const line = 'Café “statement” – €120';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(line, 'utf16le')]);
    // "Café " in Latin letters, then Windows-1252's curly quotes (0x93, 0x94), en dash (0x96) and euro (0x80).
    const cp1252 = Buffer.concat([Buffer.from('Caf\xe9 ', 'latin1'), Buffer.from([0x93]), Buffer.from('statement'), Buffer.from([0x94, 0x20, 0x96, 0x20, 0x80]), Buffer.from('120')]);
    for (const [fileName, bytes] of [
      ['notepad.txt', utf16],
      ['old-windows.txt', cp1252],
    ] as const) {
      const a = await api['attachments:add']({ caseId, sourceId, fileName, contentBase64: bytes.toString('base64') });
      expect(a.mediaType, fileName).toBe('text/plain'); // not audio/mpeg, which UTF-16's FF FE looks like to a sniffer
      expect((await readCachedText(dir, a.sha256))?.pages[0].text, fileName).toBe(line);
    }
  });

  it('reads an email as a person does: headers, decoded text and the names of its attached files', async () => {
    const { api, dir, caseId, sourceId } = await libraryWithSource();
    const eml = [
      'From: Jane Doe <jane@example.org>',
      'Subject: =?UTF-8?Q?Vigil_statement_=E2=80=93_Zo=C3=AB?=',
      'Date: Tue, 21 Jun 2022 09:14:00 +0100',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'The officer was dismissed =E2=80=93 caf=C3=A9.',
      '--b1',
      'Content-Type: application/pdf; name="notes.pdf"',
      'Content-Disposition: attachment; filename="notes.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQK',
      '--b1--',
      '',
    ].join('\r\n');
    const a = await api['attachments:add']({ caseId, sourceId, fileName: 'statement.eml', contentBase64: Buffer.from(eml).toString('base64') });
    expect(a.mediaType).toBe('message/rfc822');
    const text = (await readCachedText(dir, a.sha256))?.pages[0].text;
    expect(text).toContain('Subject: Vigil statement – Zoë');
    expect(text).toContain('The officer was dismissed – café.');
    expect(text).toContain('Attached: notes.pdf');
    expect(text).not.toMatch(/=E2=80=93|JVBERi0/);
  });

  it('stores no text for images, audio or video', async () => {
    const { api, dir, caseId, sourceId } = await libraryWithSource();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const a = await api['attachments:add']({ caseId, sourceId, fileName: 'photo.png', contentBase64: png.toString('base64') });
    expect(a.mediaType).toBe('image/png');
    expect(await readCachedText(dir, a.sha256)).toBeUndefined();
  });

  it('decodes HTML entities and drops markup', () => {
    expect(htmlToText('<p>A&#x27;s &lt;b&gt; &#8212; &unknown;</p><br><div>next</div>')).toBe("A's <b> — &unknown;\nnext");
  });

  it('takes a page’s title from its <title>, not an icon’s, with every entity decoded', () => {
    expect(documentTitle('<html><body><svg><title>Menu icon</title></svg></body></html>')).toBeUndefined();
    expect(documentTitle('<svg><title>icon</title></svg><title>Met &mdash; statement &#8216;in full&#8217;</title>')).toBe('Met — statement ‘in full’');
  });

  it('reads a page as a browser shows it: the title, not the head, scripts, styles or comments', () => {
    const page = [
      '<html><head><title>Inquest &amp; findings</title><meta name="x" content="hidden words">',
      '<style>p > b { color: red }</style><script>if (a < b) document.write("</p>scripted words")</script>',
      // no </head>: <body> closes it, as a browser would
      '<body><!-- a comment with <p>words</p> --><p title="a > b">Visible <b>text</b>&nbsp;here</p>',
      '<svg><title>icon words</title></svg><p>In\u00adquest</p></body></html>',
    ].join('');
    expect(htmlToText(page)).toBe('Inquest & findings\nVisible text here\nInquest');
  });
});

describe('a hostile or damaged PDF', () => {
  it('attaches, but records a clear reason instead of text when the file is not a readable PDF', async () => {
    const { api, dir, caseId, sourceId } = await libraryWithSource();
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x41)]);
    const a = await api['attachments:add']({ caseId, sourceId, fileName: 'broken.pdf', contentBase64: bytes.toString('base64') });
    expect(a.mediaType).toBe('application/pdf');
    const text = JSON.parse(await readFile(textCachePath(dir, a.sha256), 'utf8'));
    expect(text.pages).toEqual([]);
    expect(text.error).toMatchObject({ code: 'NOT_A_PDF', message: expect.stringMatching(/^The PDF’s text could not be extracted: it is not a readable PDF/) });
  });

  it('refuses a page-tree bomb (a 2 KB file with a million pages) instead of walking it', async () => {
    const bomb = await pdfPageTreeBomb(6);
    expect(bomb.byteLength).toBeLessThan(4096);
    const result = await extractPdfText(bomb);
    expect(result).toEqual({ ok: false, code: 'TOO_MANY_PAGES', message: expect.stringContaining('1000000 pages') });
  });

  it('is stopped when it overruns its time, and the worker does not linger', async () => {
    const result = await extractText('0'.repeat(64), await pdfWithPages(['slow']), 'application/pdf', { ...DEFAULT_LIMITS, timeoutMs: 1 });
    expect(result).toMatchObject({ pages: [], error: { code: 'TIMEOUT', message: expect.stringContaining('took too long') } });
  });

  it('is stopped when it needs more memory than its cap', async () => {
    const result = await extractPdfText(await pdfWithPages(['big']), { ...DEFAULT_LIMITS, maxHeapMb: 2 });
    expect(result).toMatchObject({ ok: false, code: 'OUT_OF_MEMORY' });
  });

  it('keeps at most the stated amount of text', async () => {
    const result = await extractPdfText(await pdfWithPages(['abcdefghij', 'klmnopqrst', 'uvwxyz']), { ...DEFAULT_LIMITS, maxChars: 15 });
    expect(result).toMatchObject({ ok: true, truncated: true, pages: [{ text: 'abcdefghij' }, { text: 'klmno' }] });
  });
});

describe('re-deriving text', () => {
  it('rebuilds a deleted cache, and tries again where extraction failed before', async () => {
    const { api, lib, dir, caseId, sourceId } = await libraryWithSource();
    const pdf = await api['attachments:add']({ caseId, sourceId, fileName: 'r.pdf', contentBase64: Buffer.from(await pdfWithPages(['alpha', 'beta'])).toString('base64') });
    const txt = await api['attachments:add']({ caseId, sourceId, fileName: 'n.txt', contentBase64: Buffer.from('gamma').toString('base64') });
    await rm(path.join(dir, '.cache'), { recursive: true });
    // A failure recorded earlier (as after a timeout) is not mistaken for text.
    await mkdir(path.join(dir, '.cache', 'text'), { recursive: true });
    await writeFile(textCachePath(dir, txt.sha256), JSON.stringify({ sha256: txt.sha256, pages: [], error: { code: 'TIMEOUT', message: 'took too long' } }));
    expect(await rebuildLibraryText(lib)).toEqual({ extracted: 2, cached: 0, failed: [] });
    expect((await readCachedText(dir, pdf.sha256))?.pages.map((p) => p.text)).toEqual(['alpha', 'beta']);
    expect((await readCachedText(dir, txt.sha256))?.pages[0].text).toBe('gamma');
    expect(await rebuildLibraryText(lib)).toEqual({ extracted: 0, cached: 2, failed: [] });
  });
});
