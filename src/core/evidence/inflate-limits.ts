/*
 * Caps on decompression. A Flate stream can expand a thousandfold (an LZW stream over two thousandfold): a 1.9 MB PDF whose content stream inflates
 * to 1 GB once took 63 s and 2.2 GB of memory to attach. Every place that inflates data from a user's file
 * either inflates through `inflateCapped` (which stops at the cap instead of allocating on) or looks at the
 * file first with `findPdfInflationBomb`, before handing it to a reader whose inflation it cannot cap
 * (pdf.js, pdf-lib's object-stream parser).
 */
import { constants, createInflate, inflateSync } from 'node:zlib';
import { lzwDecodedSize } from './lzw';

/** What one stream may inflate to. Real content streams and fonts are far smaller; a page image may be larger, and is counted only when images are decoded. */
export const MAX_INFLATED_STREAM_BYTES = 64 * 1024 * 1024;
/** What all the streams of one file may inflate to together. */
export const MAX_INFLATED_FILE_BYTES = 1024 * 1024 * 1024;

export class InflateLimitError extends Error {
  constructor(readonly limit: number) {
    super(`a compressed stream in it expands to more than ${limit / 2 ** 20} MiB`);
    this.name = 'InflateLimitError';
  }
}

/**
 * zlib's inflate, stopped at `maxBytes` of output: past it, an InflateLimitError, having held at most about
 * twice `maxBytes` (zlib gathers its output chunks, then joins them). Other zlib errors pass through.
 */
export function inflateCapped(data: Uint8Array, maxBytes = MAX_INFLATED_STREAM_BYTES, options: { partial?: boolean } = {}): Buffer {
  try {
    // `partial`: a stream cut short yields what it holds, as tolerant readers (pdf.js) inflate it, instead of an error.
    return inflateSync(data, { maxOutputLength: maxBytes, ...(options.partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {}) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new InflateLimitError(maxBytes);
    throw error;
  }
}

export interface InflationLimits {
  maxStreamBytes: number;
  maxFileBytes: number;
  /** Image streams count only when the reader will decode them (rendering), not when it reads text. */
  includeImages: boolean;
}

export const TEXT_INFLATION_LIMITS: InflationLimits = { maxStreamBytes: MAX_INFLATED_STREAM_BYTES, maxFileBytes: MAX_INFLATED_FILE_BYTES, includeImages: false };
export const RENDER_INFLATION_LIMITS: InflationLimits = { maxStreamBytes: 256 * 1024 * 1024, maxFileBytes: MAX_INFLATED_FILE_BYTES, includeImages: true };

const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');
/** How far back from `stream` its dictionary is looked for. */
const DICT_WINDOW = 4096;

/**
 * Finds a Flate or LZW stream that expands past the limits, by scanning the bytes for `stream … endstream` rather
 * than parsing: it must work on files too damaged for a parser, which are the ones a tolerant reader is
 * handed. Returns the reason, or undefined when every stream stays within bounds. Streams that do not inflate
 * at all are left to the reader to complain about. Inflated data is counted, never kept: memory stays flat.
 */
export async function findPdfInflationBomb(bytes: Uint8Array, limits: InflationLimits = TEXT_INFLATION_LIMITS): Promise<string | undefined> {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let at = b.indexOf(STREAM);
  while (at >= 0) {
    const isEnd = at >= 3 && b.toString('latin1', at - 3, at) === 'end';
    if (isEnd) {
      at = b.indexOf(STREAM, at + STREAM.length);
      continue;
    }
    let start = at + STREAM.length;
    if (b[start] === 0x0d) start++;
    if (b[start] === 0x0a) start++;
    const endMarker = b.indexOf(END_STREAM, start);
    const end = endMarker < 0 ? b.length : endMarker;
    const dict = b.toString('latin1', Math.max(0, at - DICT_WINDOW), at);
    // The stream's own dictionary: what follows the nearest `obj` (its header) or `endobj` (the object before).
    const ownDict = dict.slice(dict.lastIndexOf('obj') + 1);
    const isImage = /\/Subtype\s*\/Image\b/.test(ownDict);
    const flate = /\/FlateDecode\b|\/Fl\b/.test(ownDict);
    // LZW (PDF 1.0's compression, still read by every reader) expands as far as Flate: counted the same way.
    const lzw = !flate && /\/LZWDecode\b|\/LZW\b/.test(ownDict);
    if ((flate || lzw) && (limits.includeImages || !isImage)) {
      const tooMuchInAll = `its compressed streams expand to more than ${limits.maxFileBytes / 2 ** 20} MiB in all`;
      const budget = Math.min(limits.maxStreamBytes, limits.maxFileBytes - total);
      if (budget <= 0) return tooMuchInAll;
      const data = b.subarray(start, end);
      const size = lzw ? lzwDecodedSize(data, budget, { earlyChange: !/\/EarlyChange\s+0\b/.test(ownDict) }) : await inflatedSize(data, budget);
      if (size === undefined) return budget < limits.maxStreamBytes ? tooMuchInAll : new InflateLimitError(limits.maxStreamBytes).message;
      total += size;
    }
    at = b.indexOf(STREAM, Math.max(end, start));
  }
  return undefined;
}

/** Deflate expands at most about 1,032 times: data this small can be inflated whole without risk. */
const SMALL_COMPRESSED = 8 * 1024;

/**
 * How many bytes `data` inflates to (as far as it can: damaged data counts up to where it breaks), or
 * undefined past `max`. Streamed and counted, so a bomb costs a chunk of memory, not its expansion.
 */
function inflatedSize(data: Uint8Array, max: number): Promise<number | undefined> {
  if (data.byteLength <= SMALL_COMPRESSED) {
    try {
      return Promise.resolve(inflateCapped(data, max, { partial: true }).length);
    } catch (error) {
      return Promise.resolve(error instanceof InflateLimitError ? undefined : 0);
    }
  }
  return new Promise((resolve) => {
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        inflate.destroy();
        resolve(undefined);
      }
    });
    // Whatever ends it (the end, damaged data, or the destroy above), the first resolve wins.
    inflate.on('error', () => resolve(size));
    inflate.on('end', () => resolve(size));
    inflate.on('close', () => resolve(size > max ? undefined : size));
    inflate.end(data);
  });
}
