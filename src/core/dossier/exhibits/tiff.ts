/*
 * TIFF exhibits: scans and faxes, often several pages in one file. Each page becomes a PDF image:
 *  - fax compression (CCITT Group 3 and 4, and TIFF's Modified Huffman) goes in as it is, under PDF's
 *    CCITTFaxDecode filter, never decoded: a reader decodes it as it would any fax in a PDF;
 *  - uncompressed, PackBits, LZW and Deflate pages are decoded strip by strip (their rows are what a PDF image
 *    holds) and compressed again with Flate, keeping TIFF's horizontal predictor when the file used it.
 * Grey, black-and-white, RGB and palette images are taken; anything else (tiles, alpha, CMYK, 16-bit samples,
 * planes stored apart, reversed bit order, a fax split into strips) is named in a clear refusal. The structure
 * is read strictly and every size is checked against the file before anything is allocated.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFHexString, PDFName, PDFNumber, PDFRawStream, type PDFContext, type PDFRef } from 'pdf-lib';
import { LzwDamagedError, lzwDecode } from '../../evidence/lzw';
import type { Orientation } from './jpeg';

/** The file is damaged: the message says how, for the placeholder page. */
export class TiffError extends Error {}
/** The file is sound, but uses something a PDF page cannot be made from here: the message says what. */
export class TiffUnsupported extends Error {}

export interface TiffPage {
  width: number;
  height: number;
  orientation: Orientation;
  /** 1 none, 2 Modified Huffman, 3 Group 3, 4 Group 4, 5 LZW, 8 Deflate, 32773 PackBits. */
  compression: number;
  /** 0 white is zero, 1 black is zero, 2 RGB, 3 palette. */
  photometric: number;
  bitsPerSample: number;
  samplesPerPixel: number;
  rowsPerStrip: number;
  strips: { offset: number; length: number }[];
  predictor: number;
  t4Options: number;
  /** A palette image's colours, as RGB bytes. */
  palette?: Uint8Array;
}

const MAX_PAGES = 5_000;
const MAX_ENTRIES = 1_000;
const MAX_SIDE = 1 << 16;
/**
 * A decoded page larger than this is refused: decoding it takes about twice as much memory (zlib gathers, then
 * joins). 100 MiB holds a 600 dpi colour A4 scan (99.6 MiB) and keeps a 100 KB TIFF bomb that claims the most
 * it may under 400 MB of peak memory in all.
 */
const MAX_DECODED_BYTES = 100 * 1024 * 1024;
const FAX = new Set([2, 3, 4]);
const DECODED = new Set([1, 5, 8, 32946, 32773]);
const COMPRESSION_NAMES: Record<number, string> = { 6: 'old-style JPEG', 7: 'JPEG', 34712: 'JPEG 2000', 32809: 'ThunderScan', 34676: 'LogLuv' };

/** Every page of a TIFF, checked; throws TiffError for a damaged file and TiffUnsupported for one it cannot take. */
export function readTiff(bytes: Uint8Array): TiffPage[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) throw new TiffError('it is too short to be a TIFF image');
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) throw new TiffError('it does not begin as a TIFF image does');
  const le = order === 0x4949;
  const magic = view.getUint16(2, le);
  if (magic === 43) throw new TiffUnsupported('it is a BigTIFF file');
  if (magic !== 42) throw new TiffError('it does not begin as a TIFF image does');
  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  let offset = view.getUint32(4, le);
  while (offset !== 0) {
    if (seen.has(offset) || seen.size >= MAX_PAGES) throw new TiffError('its list of pages loops or never ends');
    seen.add(offset);
    const { tags, next } = readDirectory(view, le, offset);
    // A reduced-resolution copy (a thumbnail) of another page is not a page of its own.
    if (!((tags.get(254)?.[0] ?? 0) & 1)) pages.push(pageOf(tags, bytes.length, pages.length + 1));
    offset = next;
  }
  if (!pages.length) throw new TiffError('it has no pages');
  return pages;
}

function readDirectory(view: DataView, le: boolean, offset: number): { tags: Map<number, number[]>; next: number } {
  if (offset + 2 > view.byteLength) throw new TiffError('a page directory lies outside the file');
  const count = view.getUint16(offset, le);
  if (count > MAX_ENTRIES || offset + 2 + count * 12 + 4 > view.byteLength) throw new TiffError('a page directory lies outside the file');
  const tags = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const entry = offset + 2 + i * 12;
    const tag = view.getUint16(entry, le);
    const type = view.getUint16(entry + 2, le);
    const n = view.getUint32(entry + 4, le);
    const size = type === 1 ? 1 : type === 3 ? 2 : type === 4 ? 4 : 0;
    if (!size) continue; // text, fractions and the like: nothing a page needs
    const at = n * size <= 4 ? entry + 8 : view.getUint32(entry + 8, le);
    if (n > view.byteLength || at + n * size > view.byteLength) throw new TiffError(`a value of tag ${tag} lies outside the file`);
    const values: number[] = [];
    for (let k = 0; k < n; k++) values.push(size === 1 ? view.getUint8(at + k) : size === 2 ? view.getUint16(at + 2 * k, le) : view.getUint32(at + 4 * k, le));
    tags.set(tag, values);
  }
  return { tags, next: view.getUint32(offset + 2 + count * 12, le) };
}

function pageOf(tags: Map<number, number[]>, fileLength: number, number: number): TiffPage {
  const one = (tag: number, fallback?: number): number => {
    const v = tags.get(tag)?.[0] ?? fallback;
    if (v === undefined) throw new TiffError(`page ${number} lacks tag ${tag}`);
    return v;
  };
  const width = one(256);
  const height = one(257);
  if (!width || !height || width > MAX_SIDE || height > MAX_SIDE) throw new TiffError(`page ${number} has an impossible size`);
  const compression = one(259, 1);
  const samplesPerPixel = one(277, 1);
  const bits = tags.get(258) ?? [1];
  const bitsPerSample = bits[0];
  const photometric = one(262, compression === 1 || FAX.has(compression) ? 0 : -1);
  const unsupported = (what: string) => new TiffUnsupported(`page ${number} uses ${what}`);
  if (!FAX.has(compression) && !DECODED.has(compression)) throw unsupported(`${COMPRESSION_NAMES[compression] ?? `compression ${compression}`}`);
  if (tags.has(322)) throw unsupported('tiles');
  if (one(284, 1) !== 1 && samplesPerPixel > 1) throw unsupported('colour planes stored apart');
  if (one(266, 1) !== 1) throw unsupported('reversed bit order');
  if (bits.some((b) => b !== bitsPerSample)) throw unsupported('samples of different sizes');
  const kind =
    (photometric === 0 || photometric === 1) && samplesPerPixel === 1 && (bitsPerSample === 1 || bitsPerSample === 8)
      ? 'grey'
      : photometric === 2 && samplesPerPixel === 3 && bitsPerSample === 8
        ? 'rgb'
        : photometric === 3 && samplesPerPixel === 1 && (bitsPerSample === 4 || bitsPerSample === 8)
          ? 'palette'
          : undefined;
  if (!kind) throw unsupported(samplesPerPixel > 3 || tags.has(338) ? 'transparency or CMYK colour' : `${bitsPerSample}-bit samples in colour model ${photometric}`);
  if (FAX.has(compression) && bitsPerSample !== 1) throw new TiffError(`page ${number} is fax-compressed but not black and white`);
  const offsets = tags.get(273) ?? [];
  const counts = tags.get(279) ?? [];
  if (!offsets.length || offsets.length !== counts.length) throw new TiffError(`page ${number} has no image data, or its data is listed inconsistently`);
  const strips = offsets.map((offset, i) => ({ offset, length: counts[i] }));
  if (strips.some((s) => s.offset + s.length > fileLength)) throw new TiffError(`page ${number}'s image data runs past the end of the file`);
  const rowsPerStrip = Math.min(one(278, height), height);
  if (Math.ceil(height / Math.max(rowsPerStrip, 1)) !== strips.length) throw new TiffError(`page ${number} has ${strips.length} strips of image data where its size calls for ${Math.ceil(height / rowsPerStrip)}`);
  if (FAX.has(compression) && strips.length > 1) throw unsupported('fax compression split into strips');
  const t4Options = one(292, 0);
  if (compression === 3 && t4Options & 2) throw unsupported('uncompressed mode inside fax compression');
  const rowBytes = Math.ceil((width * samplesPerPixel * bitsPerSample) / 8);
  if (!FAX.has(compression) && rowBytes * height > MAX_DECODED_BYTES) throw unsupported(`${width} × ${height} pixels, too many to decode`);
  let palette: Uint8Array | undefined;
  if (kind === 'palette') {
    const map = tags.get(320);
    const entries = 1 << bitsPerSample;
    if (!map || map.length !== 3 * entries) throw new TiffError(`page ${number} has no usable palette`);
    palette = new Uint8Array(3 * entries);
    for (let i = 0; i < entries; i++) for (let c = 0; c < 3; c++) palette[3 * i + c] = map[c * entries + i] >> 8;
  }
  const orientation = one(274, 1);
  return {
    width,
    height,
    orientation: (orientation >= 1 && orientation <= 8 ? orientation : 1) as Orientation,
    compression,
    photometric,
    bitsPerSample,
    samplesPerPixel,
    rowsPerStrip,
    strips,
    predictor: one(317, 1),
    t4Options,
    palette,
  };
}

/** One page as an image XObject: fax data as it is in the file, anything else decoded and compressed again. */
export function embedTiffPage(bytes: Uint8Array, page: TiffPage, context: PDFContext): PDFRef {
  const colorSpace =
    page.photometric === 2
      ? PDFName.of('DeviceRGB')
      : page.photometric === 3
        ? context.obj([PDFName.of('Indexed'), PDFName.of('DeviceRGB'), PDFNumber.of((1 << page.bitsPerSample) - 1), PDFHexString.of(Buffer.from(page.palette!).toString('hex'))])
        : PDFName.of('DeviceGray');
  const dict = context.obj({ Type: 'XObject', Subtype: 'Image', Width: page.width, Height: page.height, ColorSpace: colorSpace, BitsPerComponent: page.bitsPerSample });
  let data: Uint8Array;
  if (FAX.has(page.compression)) {
    const strip = page.strips[0];
    data = bytes.subarray(strip.offset, strip.offset + strip.length);
    const parms: { [key: string]: number | boolean } = { K: page.compression === 4 ? -1 : page.compression === 3 && page.t4Options & 1 ? 1 : 0, Columns: page.width, Rows: page.height };
    // Modified Huffman rows, and Group 3 rows with fill bits, each begin on a byte boundary.
    if (page.compression === 2 || (page.compression === 3 && page.t4Options & 4)) parms.EncodedByteAlign = true;
    dict.set(PDFName.of('Filter'), PDFName.of('CCITTFaxDecode'));
    dict.set(PDFName.of('DecodeParms'), context.obj(parms));
    // Fax codes say which runs are white; a file that calls zero black has them the other way round.
    if (page.photometric === 1) dict.set(PDFName.of('Decode'), context.obj([1, 0]));
  } else {
    data = deflateSync(decodeStrips(bytes, page));
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    if (page.predictor === 2) {
      dict.set(PDFName.of('DecodeParms'), context.obj({ Predictor: 2, Colors: page.samplesPerPixel, BitsPerComponent: page.bitsPerSample, Columns: page.width }));
    }
    if (page.photometric === 0) dict.set(PDFName.of('Decode'), context.obj([1, 0]));
  }
  return context.register(PDFRawStream.of(dict, data));
}

/** The page's rows, each strip decompressed and checked to hold the rows its place says it holds. */
function decodeStrips(bytes: Uint8Array, page: TiffPage): Uint8Array {
  const rowBytes = Math.ceil((page.width * page.samplesPerPixel * page.bitsPerSample) / 8);
  // A page in one strip (the common case, and a decompression bomb's) is its decoded strip: no second copy.
  const single = page.strips.length === 1;
  let out: Uint8Array | undefined = single ? undefined : new Uint8Array(rowBytes * page.height);
  page.strips.forEach((strip, i) => {
    const rows = Math.min(page.rowsPerStrip, page.height - i * page.rowsPerStrip);
    const expected = rows * rowBytes;
    const data = bytes.subarray(strip.offset, strip.offset + strip.length);
    let decoded: Uint8Array;
    switch (page.compression) {
      case 1:
        decoded = data;
        break;
      case 32773:
        decoded = packBits(data, expected);
        break;
      case 5:
        decoded = lzw(data, expected);
        break;
      default:
        try {
          decoded = inflateSync(data, { maxOutputLength: expected });
        } catch {
          throw new TiffError('its compressed image data is damaged');
        }
    }
    if (decoded.length < expected) throw new TiffError('its image data is shorter than its header says');
    if (single) out = decoded.subarray(0, expected);
    else out!.set(decoded.subarray(0, expected), i * page.rowsPerStrip * rowBytes);
  });
  return out!;
}

/** PackBits (TIFF 6.0 §9): runs of a repeated byte and stretches of literal bytes, up to `limit` bytes. */
function packBits(data: Uint8Array, limit: number): Uint8Array {
  const out = new Uint8Array(limit);
  let o = 0;
  let i = 0;
  while (i < data.length && o < limit) {
    const n = data[i++];
    if (n < 128) {
      const count = Math.min(n + 1, limit - o, data.length - i);
      out.set(data.subarray(i, i + count), o);
      o += count;
      i += n + 1;
    } else if (n > 128) {
      const count = Math.min(257 - n, limit - o);
      if (i < data.length) out.fill(data[i], o, o + count);
      o += count;
      i++;
    }
  }
  return out.subarray(0, o);
}

/** TIFF's LZW (TIFF 6.0 §13), decoded by the capped decoder shared with PDF's LZWDecode, up to `limit` bytes. */
function lzw(data: Uint8Array, limit: number): Uint8Array {
  if (data.length >= 2 && data[0] === 0 && data[1] & 1) throw new TiffUnsupported('the LZW variant of TIFF versions before 5.0');
  try {
    return lzwDecode(data, limit, { earlyChange: true });
  } catch (error) {
    if (error instanceof LzwDamagedError) throw new TiffError('its LZW-compressed image data is damaged');
    throw error;
  }
}
