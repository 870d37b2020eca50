/*
 * LZW, as PDF's LZWDecode filter and TIFF's compression 5 use it: codes of 9 to 12 bits, most significant bit
 * first, 256 clearing the table and 257 ending the data. Like Flate, it is decoded only up to a cap: one 12-bit
 * code can stand for a string of up to 3,839 bytes, so a few hundred kilobytes can claim gigabytes
 * (inflate-limits.ts counts LZW streams of a PDF with `lzwDecodedSize` before pdf.js, which has no cap, is given it).
 */

export class LzwDamagedError extends Error {
  constructor() {
    super('its LZW-compressed data is damaged');
    this.name = 'LzwDamagedError';
  }
}

export interface LzwOptions {
  /**
   * The code width grows one code before the table needs it: TIFF always, PDF unless the stream's
   * /EarlyChange is 0.
   */
  earlyChange?: boolean;
}

/**
 * Walks the codes until `stopAt` bytes have come out (or the data ends, or a code is impossible), writing them
 * into `out` when given (only what fits). Returns how many bytes the codes read stand for: counting needs only
 * each entry's length, so measuring a bomb costs no memory.
 */
function walk(data: Uint8Array, stopAt: number, earlyChange: boolean, out?: Uint8Array): { length: number; damaged: boolean } {
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const first = new Uint8Array(4096);
  const lengths = new Int32Array(4096);
  for (let c = 0; c < 256; c++) {
    suffix[c] = c;
    first[c] = c;
    lengths[c] = 1;
  }
  const grow = earlyChange ? 1 : 0;
  let o = 0;
  let bitPos = 0;
  let width = 9;
  let next = 258;
  let previous = -1;
  const read = (): number => {
    if (bitPos + width > data.length * 8) return 257;
    let v = 0;
    for (let k = 0; k < width; k++) {
      const bit = (data[(bitPos + k) >> 3] >> (7 - ((bitPos + k) & 7))) & 1;
      v = (v << 1) | bit;
    }
    bitPos += width;
    return v;
  };
  const emit = (code: number) => {
    const len = lengths[code];
    if (out) {
      let c = code;
      for (let k = len - 1; k >= 0; k--) {
        if (o + k < out.length) out[o + k] = suffix[c];
        c = prefix[c];
      }
    }
    o += len;
  };
  while (o < stopAt) {
    const code = read();
    if (code === 257) break;
    if (code === 256) {
      width = 9;
      next = 258;
      previous = -1;
      continue;
    }
    if (previous < 0) {
      if (code > 255) return { length: o, damaged: true };
      emit(code);
      previous = code;
      continue;
    }
    if (code > next) return { length: o, damaged: true };
    if (next < 4096) {
      prefix[next] = previous;
      first[next] = first[previous];
      suffix[next] = code === next ? first[previous] : first[code];
      lengths[next] = lengths[previous] + 1;
      next++;
    }
    emit(code);
    previous = code;
    if (next + grow >= 1 << width && width < 12) width++;
  }
  return { length: o, damaged: false };
}

/** The decoded bytes, up to `maxBytes`: what lies beyond is not decoded. Throws LzwDamagedError on damaged data. */
export function lzwDecode(data: Uint8Array, maxBytes: number, options: LzwOptions = {}): Uint8Array {
  const out = new Uint8Array(maxBytes);
  const { length, damaged } = walk(data, maxBytes, options.earlyChange ?? true, out);
  if (damaged) throw new LzwDamagedError();
  return out.subarray(0, Math.min(length, maxBytes));
}

/**
 * How many bytes `data` decodes to (damaged data counts up to where it breaks, as for Flate), or undefined past
 * `max`. Nothing is decoded into memory.
 */
export function lzwDecodedSize(data: Uint8Array, max: number, options: LzwOptions = {}): number | undefined {
  // A tolerant reader (pdf.js) decodes damaged data up to where it breaks: that much is counted.
  const { length } = walk(data, max + 1, options.earlyChange ?? true);
  return length > max ? undefined : length;
}
