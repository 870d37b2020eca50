import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adler32, deflateHead, finishStream } from '../../../src/core/dossier/typesetting/sealed-content';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
/** zlib checks the stream's Adler-32 trailer as it inflates and throws on a wrong one. */
const inflate = (bytes: Uint8Array) => inflateSync(bytes).toString('latin1');

describe('a content stream compressed in two parts', () => {
  it('inflates to the head followed by the tail, as one ordinary zlib stream with a correct checksum', () => {
    const head = 'BT\n/F1 10 Tf\n1 0 0 1 72 700 Tm\n<00410042> Tj\nET\n'.repeat(400);
    const tail = 'BT\n/F2 8 Tf\n1 0 0 1 72 30 Tm\n<0050> Tj\nET';
    const joined = finishStream(deflateHead(head), tail);
    expect(inflate(joined)).toBe(head + tail);
    // Compressed: the repeated operators take a small fraction of their text.
    expect(joined.length).toBeLessThan((head.length + tail.length) / 10);
  });

  it('keeps every byte value, across more than one Adler-32 reduction block, and an empty head or tail', () => {
    const all = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));
    const long = all.repeat(90); // 23,040 bytes: several of the 5,552-byte blocks the sums are reduced after
    for (const [head, tail] of [
      [long, all],
      ['', long],
      [long, ''],
      ['', ''],
    ]) {
      expect(inflate(finishStream(deflateHead(head), tail))).toBe(head + tail);
    }
  });

  it('computes Adler-32 as RFC 1950 gives it, and carries it on from a part to the next', () => {
    expect(adler32(latin1('Wikipedia'), 1)).toBe(0x11e60398);
    const text = latin1('x'.repeat(10_000) + 'the rest of the page');
    expect(adler32(text.subarray(4_000), adler32(text.subarray(0, 4_000), 1))).toBe(adler32(text, 1));
  });

  it('holds the head in an array of its own size, not a view into a larger block', () => {
    const head = deflateHead('q 1 0 0 1 0 0 cm Q\n');
    expect(head.data.buffer.byteLength).toBe(head.data.byteLength);
  });
});
