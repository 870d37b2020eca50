import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { claimedKind, detectKind } from '../../../src/core/dossier/exhibits';
import { BUILD_DATE, library, oneExhibitCase, samplePdf, samplePng } from './fixtures';
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
