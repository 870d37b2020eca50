/*
 * PNG exhibits as PDF images without decoding them. A PNG's image data (its IDAT chunks, joined) is a zlib
 * stream of scanlines, each prefixed by its filter type, which is exactly what a PDF FlateDecode stream with
 * PNG predictors holds (ISO 32000-1 §7.4.4.4). An opaque, non-interlaced PNG therefore goes into the dossier as
 * the bytes in the file: no pixel is decoded, so a 100-megapixel scan costs what its file does, not gigabytes.
 *
 * A PNG with transparency (an alpha channel, or a tRNS chunk) or interlacing has to be decoded to be put in a
 * PDF; pdf-lib does that, and needs about ten bytes of memory a pixel while it does.
 */
import { createInflate, crc32 } from 'node:zlib';
import { PDFHexString, PDFName, PDFNumber, PDFRawStream, type PDFContext, type PDFRef } from 'pdf-lib';

export class PngError extends Error {}

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha. */
  colorType: number;
  interlaced: boolean;
  /** PLTE: RGB triples, for palette images. */
  palette?: Uint8Array;
  /** A tRNS chunk: some colour or palette entry is transparent. */
  transparent: boolean;
  /** The IDAT chunks' data, in order. */
  data: Uint8Array[];
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The bit depths each colour type allows (PNG specification, §11.2.2). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const MAX_SIDE = 1 << 24;

/** The structure of a PNG: its header, palette and image data, every chunk's checksum verified. */
export function readPng(bytes: Uint8Array): PngInfo {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw new PngError('it is not a PNG image');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let info: Omit<PngInfo, 'data' | 'transparent'> | undefined;
  const data: Uint8Array[] = [];
  let transparent = false;
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) throw new PngError('the image data stops before its end marker');
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 8 + length;
    if (end + 4 > bytes.length) throw new PngError(`its ${type} chunk runs past the end of the file`);
    const body = bytes.subarray(at + 8, end);
    if (crc32(bytes.subarray(at + 4, end)) !== view.getUint32(end)) throw new PngError(`its ${type} chunk fails its checksum`);
    if (!info && type !== 'IHDR') throw new PngError('it does not begin with an image header');
    if (type === 'IHDR') {
      if (length !== 13 || info) throw new PngError('its image header is malformed');
      const h = new DataView(body.buffer, body.byteOffset, 13);
      info = { width: h.getUint32(0), height: h.getUint32(4), bitDepth: body[8], colorType: body[9], interlaced: body[12] === 1 };
      if (!info.width || !info.height || info.width > MAX_SIDE || info.height > MAX_SIDE) throw new PngError('its size is zero or impossibly large');
      if (!DEPTHS[info.colorType]?.includes(info.bitDepth) || body[10] !== 0 || body[11] !== 0 || body[12] > 1) throw new PngError('its image header is malformed');
    } else if (type === 'PLTE') {
      if (length % 3 || length === 0 || length > 768) throw new PngError('its palette is malformed');
      info!.palette = body;
    } else if (type === 'tRNS') transparent = true;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at = end + 4;
  }
  if (!data.length) throw new PngError('it has no image data');
  if (info!.colorType === 3 && !info!.palette) throw new PngError('its palette is missing');
  return { ...info!, transparent, data };
}

/** Whether the image must be decoded to go into a PDF: transparency or interlacing. */
export const needsDecoding = (png: PngInfo): boolean => png.colorType === 4 || png.colorType === 6 || png.transparent || png.interlaced;

/** The number of bytes the image data decompresses to: one filter byte and the packed pixels, per row. */
const expectedSize = (png: PngInfo): number => png.height * (1 + Math.ceil((png.width * CHANNELS[png.colorType] * png.bitDepth) / 8));

/**
 * Checks that the image data decompresses, and to the size its header implies, without keeping any of it: a PNG
 * damaged inside would otherwise print as garbage.
 */
export async function checkImageData(png: PngInfo): Promise<void> {
  const expected = expectedSize(png);
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const inflate = createInflate();
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > expected) inflate.destroy(new PngError('its image data is longer than its header says'));
    });
    inflate.on('error', (error) => reject(error instanceof PngError ? error : new PngError('its image data cannot be decompressed')));
    inflate.on('end', resolve);
    for (const chunk of png.data) inflate.write(chunk);
    inflate.end();
  });
  if (size !== expected) throw new PngError('its image data is shorter than its header says');
}

/** An opaque, non-interlaced PNG as an image XObject whose stream is the file's own image data. */
export function embedPngData(png: PngInfo, context: PDFContext): PDFRef {
  const colors = CHANNELS[png.colorType];
  const colorSpace =
    png.colorType === 3
      ? context.obj([PDFName.of('Indexed'), PDFName.of('DeviceRGB'), PDFNumber.of(png.palette!.length / 3 - 1), PDFHexString.of(Buffer.from(png.palette!).toString('hex'))])
      : PDFName.of(colors === 1 ? 'DeviceGray' : 'DeviceRGB');
  const data = png.data.length === 1 ? png.data[0] : Buffer.concat(png.data);
  const dict = context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: png.width,
    Height: png.height,
    BitsPerComponent: png.bitDepth,
    ColorSpace: colorSpace,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: png.bitDepth, Columns: png.width },
    Length: data.length,
  });
  return context.register(PDFRawStream.of(dict, data));
}
