import { describe, expect, it } from 'vitest';
import { claimedKind, detectKind } from '../../../src/core/dossier/exhibits';
import { samplePdf, samplePng } from './fixtures';

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
