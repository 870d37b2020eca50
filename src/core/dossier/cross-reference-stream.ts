/*
 * A cross-reference stream (ISO 32000-1 §7.5.8) built from the offsets recorded while the objects were written,
 * laid out as pdf-lib's PDFCrossRefStream lays it out (entries in the order given, /Index of the runs of
 * consecutive numbers, /W just wide enough) but compressed with Node's zlib: pdf-lib encoded it with its
 * pure-JavaScript deflate.
 */
import { PDFName, PDFNumber, type PDFContext, type PDFDict } from 'pdf-lib';
import { RawStream } from './raw-pdf/objects';
import { deflateExact } from './typesetting/render';

/** type 1: [1, offset, generation]; type 2: [2, object stream's number, index in it]. */
type Entry = [objectNumber: number, type: 1 | 2, second: number, third: number];

export class CrossReferenceStream {
  private readonly entries: Entry[] = [];

  /** An object written at `offset`; entries are added in ascending object number. */
  written(objectNumber: number, generation: number, offset: number): void {
    this.entries.push([objectNumber, 1, offset, generation]);
  }

  /** An object stored in an object stream, at `index` among its objects. */
  packed(objectNumber: number, streamNumber: number, index: number): void {
    this.entries.push([objectNumber, 2, streamNumber, index]);
  }

  /** The stream: the trailer's entries (`trailer`) with /Type, /Size, /Index and /W added. */
  toStream(context: PDFContext, trailer: PDFDict, size: number): RawStream {
    const widths = [1, 1, 1];
    for (const [, , second, third] of this.entries) {
      widths[1] = Math.max(widths[1], byteWidth(second));
      widths[2] = Math.max(widths[2], byteWidth(third));
    }
    const rowSize = widths[0] + widths[1] + widths[2];
    const rows = new Uint8Array(this.entries.length * rowSize);
    this.entries.forEach(([, type, second, third], i) => {
      const at = i * rowSize;
      rows[at] = type;
      bigEndian(rows, at + 1, second, widths[1]);
      bigEndian(rows, at + 1 + widths[1], third, widths[2]);
    });
    const data = deflateExact(rows);
    trailer.set(PDFName.of('Type'), PDFName.of('XRef'));
    trailer.set(PDFName.of('Size'), PDFNumber.of(size));
    trailer.set(PDFName.of('Index'), context.obj(runs(this.entries.map((e) => e[0]))));
    trailer.set(PDFName.of('W'), context.obj(widths));
    trailer.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    trailer.set(PDFName.of('Length'), PDFNumber.of(data.length));
    return new RawStream(Buffer.from(trailer.toString(), 'latin1'), data);
  }
}

/** Bytes needed for a non-negative integer (one at least, for 0). */
function byteWidth(n: number): number {
  let width = 1;
  while (n >= 256 ** width) width++;
  return width;
}

function bigEndian(out: Uint8Array, at: number, value: number, width: number): void {
  for (let k = width - 1; k >= 0; k--) out[at++] = Math.floor(value / 256 ** k) % 256;
}

/** /Index: [first count first count …], one pair for each run of consecutive object numbers. */
function runs(numbers: number[]): number[] {
  const index: number[] = [];
  numbers.forEach((n, i) => {
    if (i === 0 || n - numbers[i - 1] !== 1) index.push(n, 0);
    index[index.length - 1]++;
  });
  return index;
}
