/*
 * A page's content stream compressed in two parts, joined into one FlateDecode stream.
 *
 * Most of a dossier's pages come from flows typeset once (no page references in them), so their text is final as
 * soon as the flow is laid out — but the page's furniture ("Page X of Y", the Bates number) is known only when the
 * whole dossier's pages are counted. Keeping every page's display items until then held a 3,000-page dossier's
 * ~220,000 items (an object, boxed coordinates and a string each) at the peak. Instead the items are written and
 * compressed at once (the head), and the furniture is compressed later (the tail) and put after it.
 *
 * Why one stream and not two: the head is raw deflate ended with a sync flush (blocks without the final bit), so the
 * tail's raw deflate may simply follow it; the zlib wrapper around both needs only the Adler-32 of the whole
 * uncompressed text, which is carried on from the head's. A reader inflates one ordinary stream (RFC 1950/1951),
 * and the page keeps one /Contents stream as before.
 */
import { constants, deflateRawSync } from 'node:zlib';

/** Level 6 (zlib's default), as every other content stream of the dossier (render.ts). */
const LEVEL = 6;
/** CMF 0x78 (deflate, 32 KB window), FLG 0x9C (default compression; CMF·256 + FLG is a multiple of 31). */
const ZLIB_HEADER = [0x78, 0x9c] as const;
const ADLER_BASE = 65521;
/** The most bytes summed before the sums must be reduced (zlib's NMAX) — kept here so the sums stay small integers. */
const ADLER_NMAX = 5552;

export interface DeflatedHead {
  /** Raw deflate blocks of the head's bytes, none marked final. */
  data: Uint8Array;
  /** Adler-32 of the head's uncompressed bytes. */
  adler: number;
}

/** Compresses the first part of a stream (Latin-1 text), to be finished by `finishStream`. */
export function deflateHead(text: string): DeflatedHead {
  const bytes = Buffer.from(text, 'latin1');
  const data = deflateRawSync(bytes, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH });
  return { data: ownArray(data), adler: adler32(bytes, 1) };
}

/** The whole zlib stream: header, the head's blocks, the tail's blocks (the last one final), Adler-32 of both. */
export function finishStream(head: DeflatedHead, tail: string): Uint8Array {
  const bytes = Buffer.from(tail, 'latin1');
  const rest = deflateRawSync(bytes, { level: LEVEL });
  const out = new Uint8Array(ZLIB_HEADER.length + head.data.length + rest.length + 4);
  out.set(ZLIB_HEADER, 0);
  out.set(head.data, ZLIB_HEADER.length);
  out.set(rest, ZLIB_HEADER.length + head.data.length);
  new DataView(out.buffer).setUint32(out.length - 4, adler32(bytes, head.adler));
  return out;
}

/** Adler-32 (RFC 1950) of `bytes`, continuing from `start` (1 for a new checksum). */
export function adler32(bytes: Uint8Array, start: number): number {
  let a = start & 0xffff;
  let b = start >>> 16;
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + ADLER_NMAX, bytes.length);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** Node hands a short result back as a view into zlib's 16 KB block: kept for every page, that block would stay alive. */
function ownArray(data: Buffer): Uint8Array {
  return data.byteLength === data.buffer.byteLength ? data : new Uint8Array(data);
}
