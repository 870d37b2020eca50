import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { claimedKind, detectKind } from '../../../src/core/dossier/exhibits/exhibits';
import { BUILD_DATE, caseWithAttachments, library, oneExhibitCase, samplePdf, samplePng } from './fixtures';
import { PdfReader } from './pdf-reader';

describe('exhibit file types', () => {
  it('recognises files by their first bytes, not their names', async () => {
    expect(detectKind(await samplePdf(1, 'x'))).toBe('pdf');
    expect(detectKind(samplePng())).toBe('png');
    expect(detectKind(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(detectKind(new TextEncoder().encode('Plain text with “quotes” and Zoë'))).toBe('text');
    expect(detectKind(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe('zip');
    expect(detectKind(Uint8Array.from([0, 1, 2, 3, 0xfe]))).toBe('binary');
  });

  it('reads the claimed type from the media type, or from the extension for generic types', () => {
    expect(claimedKind('application/pdf', 'x.png')).toBe('pdf');
    expect(claimedKind('application/octet-stream', 'scan.JPG')).toBe('jpeg');
    expect(claimedKind('application/msword', 'x.doc')).toBeUndefined();
  });
});

describe('plain-text exhibits', () => {
  const LINE = 'Café “statement” – €120';
  it('are set in type as they were written: UTF-8, UTF-16 from Notepad, Windows-1252 from older Windows programs', async () => {
    const files: [string, Buffer][] = [
      ['UTF-8', Buffer.from(LINE)],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINE, 'utf16le')])],
      ['Windows-1252', Buffer.concat([Buffer.from('Caf\xe9 ', 'latin1'), Buffer.from([0x93]), Buffer.from('statement'), Buffer.from([0x94, 0x20, 0x96, 0x20, 0x80]), Buffer.from('120')])],
    ];
    for (const [encoding, bytes] of files) {
      expect(detectKind(bytes), encoding).toBe('text');
      const { caseFile, readAttachment } = oneExhibitCase(bytes, 'A witness statement', 'statement.txt');
      caseFile.sources[0].attachments[0].mediaType = 'text/plain';
      const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Text', buildDate: BUILD_DATE });
      expect(result.warnings, encoding).toEqual([]);
      const reader = await PdfReader.open(result.bytes);
      const page = await reader.text(result.pageMap.find((e) => e.kind === 'exhibit')!.endPage);
      expect(page, encoding).toContain(LINE);
      expect(page, encoding).toContain(encoding === 'UTF-8' ? 'plain text, reproduced as stored' : `plain text (${encoding}), reproduced as stored`);
      await reader.close();
    }
  });
});

describe('captured web pages and recordings', () => {
  const capture = {
    capturedAt: '2025-11-19T09:30:00.000Z',
    requestedUrl: 'https://example.org/statement',
    finalUrl: 'https://example.org/statement',
    status: 200,
    archiveLookupUrl: 'https://web.archive.org/web/*/https://example.org/statement',
  };
  const html = Buffer.from('<!doctype html><html><head><title>Force statement</title><script>var hidden = 1;</script></head><body><h1>Statement</h1><p>The officer was dismissed &amp; barred.</p></body></html>');

  async function build(files: Parameters<typeof caseWithAttachments>[1]) {
    const { caseFile, readAttachment } = caseWithAttachments('A captured statement', files);
    const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Captures', buildDate: BUILD_DATE });
    const reader = await PdfReader.open(result.bytes);
    const exhibits = result.pageMap.filter((e) => e.kind === 'exhibit');
    // Lines joined: a sentence may wrap.
    const text = async (page: number) => (await reader.text(page)).replace(/\s+/g, ' ');
    return { result, exhibits, text, close: () => reader.close() };
  }

  it('points a captured page to its PDF rendering instead of printing its markup, without a warning', async () => {
    const rendering = await samplePdf(2, 'Rendering of the statement');
    const { result, exhibits, text, close } = await build([
      { id: 'att-html', fileName: 'statement.html', mediaType: 'text/html', bytes: html, capture },
      { id: 'att-pdf', fileName: 'statement.pdf', mediaType: 'application/pdf', bytes: rendering, capture: { ...capture, renderingOf: 'att-html' } },
    ]);
    expect(result.warnings).toEqual([]);
    const [page, pdf] = exhibits;
    expect(page.endPage).toBe(page.startPage); // the separator sheet alone
    expect(await text(page.startPage)).toContain(`rendering, as the page looked when it was captured, is EV-2, dossier p. ${pdf.startPage}`);
    expect(pdf.endPage - pdf.startPage).toBe(2);
    await close();
  });

  it('sets a captured page without a rendering in type: its text, without markup or scripts', async () => {
    const { result, exhibits, text, close } = await build([{ id: 'att-html', fileName: 'statement.html', mediaType: 'text/html', bytes: html, capture }]);
    expect(result.warnings).toEqual([]);
    const page = await text(exhibits[0].endPage);
    expect(page).toContain('web page as captured: its text, without markup');
    expect(page).toContain('The officer was dismissed & barred.');
    expect(page).not.toMatch(/hidden|<p>|&amp;/);
    await close();
  });

  it('lists an audio or video recording on its separator sheet, as a bundle lists media, without a warning', async () => {
    const { result, exhibits, text, close } = await build([{ id: 'att-audio', fileName: 'call.mp3', mediaType: 'audio/mpeg', bytes: Buffer.from('ID3 fictional recording') }]);
    expect(result.warnings).toEqual([]);
    expect(exhibits[0]).toMatchObject({ endPage: exhibits[0].startPage, exhibit: { included: false } });
    expect(exhibits[0].exhibit?.warning).toBeUndefined();
    expect(await text(exhibits[0].startPage)).toContain('Audio recording. It cannot be printed');
    await close();
  });

  it('sets an email in type: its headers as received, its decoded text, and its attached files listed', async () => {
    const eml = Buffer.concat([
      Buffer.from(
        [
          'From: "Jane Doe" <jane@example.org>',
          'To: Inquiry Team <inquiry@example.gov.uk>, bob@example.org',
          'Subject: =?UTF-8?Q?Statement_=E2=80=93_Zo=C3=AB?=',
          'Date: Tue, 21 Jun 2022 09:14:00 +0100',
          'Message-ID: <statement-1@example.org>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b1"',
          '',
          '--b1',
          'Content-Type: text/plain; charset=iso-8859-1',
          'Content-Transfer-Encoding: 8bit',
          '',
          '',
        ].join('\r\n'),
      ),
      // Written on Windows and labelled ISO-8859-1, as mail programs often do: curly quotes and an en dash.
      Buffer.from([0x93, 0x44, 0x69, 0x73, 0x6d, 0x69, 0x73, 0x73, 0x65, 0x64, 0x94, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x2e]),
      Buffer.from(['', '--b1', 'Content-Type: application/pdf; name="notes.pdf"', 'Content-Disposition: attachment; filename="notes.pdf"', 'Content-Transfer-Encoding: base64', '', 'JVBERi0xLjQK', '--b1--', ''].join('\r\n')),
    ]);
    const { result, exhibits, text, close } = await build([{ id: 'att-eml', fileName: 'statement.eml', mediaType: 'message/rfc822', bytes: eml }]);
    expect(result.warnings).toEqual([]);
    const page = await text(exhibits[0].endPage);
    for (const expected of [
      'email message as received: its headers and text',
      'FROM Jane Doe <jane@example.org>',
      'TO Inquiry Team <inquiry@example.gov.uk>, bob@example.org',
      'DATE Tue, 21 Jun 2022 09:14:00 +0100',
      'SUBJECT Statement – Zoë',
      '“Dismissed” – café.',
      'notes.pdf (application/pdf, 9 bytes)',
    ]) {
      expect(page).toContain(expected);
    }
    expect(await text(exhibits[0].startPage)).toContain('Email message with 1 attached file');
    await close();
  });
});
