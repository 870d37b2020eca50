/*
 * Hostile files built in the test, not stored: a PDF decompression bomb (a small file whose content stream
 * inflates to a gigabyte), made by deflating a stream of spaces chunk by chunk so the test never holds it whole.
 */
import { once } from 'node:events';
import { createDeflate } from 'node:zlib';

/** `prefix` followed by spaces up to `inflatedBytes`, deflated as a stream (level 9: a gigabyte of spaces becomes about 1 MB). */
export async function deflatedPadding(prefix: string, inflatedBytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = once(deflate, 'end');
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  deflate.write(prefix);
  for (let written = prefix.length; written < inflatedBytes; written += spaces.length) {
    const chunk = spaces.subarray(0, Math.min(spaces.length, inflatedBytes - written));
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** A PDF of numbered objects (text or bytes), with a classic cross-reference table whose offsets are right. */
export function pdfOf(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(part);
    length += part.length;
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) tail += `${String(off).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(tail, 'latin1'));
  return Buffer.concat(parts);
}

export function streamObject(dict: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
}

/** One page saying "Decompression bomb", whose content stream then runs on in spaces to `inflatedBytes`. */
export async function pdfBomb(inflatedBytes: number): Promise<Buffer> {
  const content = await deflatedPadding('BT /F1 24 Tf 40 700 Td (Decompression bomb) Tj ET\n', inflatedBytes);
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    streamObject('/Filter /FlateDecode', content),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

/** A grey 8-bit Deflate TIFF of `width` × `height` in one strip of spaces: a few hundred KB claiming up to gigabytes. */
export async function tiffBomb(width: number, height: number): Promise<Buffer> {
  const strip = await deflatedPadding('', width * height);
  // ImageWidth, ImageLength, BitsPerSample, Compression (8: Deflate), Photometric (1: black is zero),
  // StripOffsets (filled in below), SamplesPerPixel, RowsPerStrip, StripByteCounts.
  const entries: [tag: number, type: number, value: number][] = [
    [256, 4, width], [257, 4, height], [258, 3, 8], [259, 3, 8], [262, 3, 1], [273, 4, 0], [277, 3, 1], [278, 4, height], [279, 4, strip.length],
  ];
  const dataOffset = 8 + 2 + entries.length * 12 + 4;
  entries[5][2] = dataOffset;
  const head = Buffer.alloc(dataOffset);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(8, 4);
  head.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    head.writeUInt16LE(tag, at);
    head.writeUInt16LE(type, at + 2);
    head.writeUInt32LE(1, at + 4);
    if (type === 3) head.writeUInt16LE(value, at + 8);
    else head.writeUInt32LE(value, at + 8);
  });
  return Buffer.concat([head, strip]);
}

/**
 * An LZW stream (9–12-bit codes, early change, as PDF and TIFF write them) of about `inflatedBytes` spaces: a
 * space, then each code standing for one space more than the last up to the table's end (3,839 spaces), then
 * that longest code over and over. About 2,500 times smaller than what it stands for.
 */
export function lzwSpaces(inflatedBytes: number): Buffer {
  const codes = [0x20];
  let produced = 1;
  while (produced < inflatedBytes) {
    // A code one past the table's last entry means "the last string and its first byte": a run one longer.
    const code = Math.min(258 + codes.length - 1, 4095);
    codes.push(code);
    produced += code - 256;
  }
  codes.push(257);
  const bits: number[] = [];
  let width = 9;
  let entries = 258;
  codes.forEach((code, i) => {
    for (let k = width - 1; k >= 0; k--) bits.push((code >> k) & 1);
    // The decoder adds an entry after every code but the first, and widens its codes one entry early.
    if (i > 0 && entries < 4096) entries++;
    if (i > 0 && entries + 1 >= 1 << width && width < 12) width++;
  });
  const out = Buffer.alloc(Math.ceil(bits.length / 8));
  bits.forEach((bit, i) => (out[i >> 3] |= bit << (7 - (i & 7))));
  return out;
}

/** One page whose content stream is LZW-compressed spaces that expand to about `inflatedBytes`. */
export function pdfLzwBomb(inflatedBytes: number): Buffer {
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    streamObject('/Filter /LZWDecode', lzwSpaces(inflatedBytes)),
  ]);
}
