/*
 * The cross-reference of a PDF (ISO 32000-1 §7.5.4, §7.5.8): where each object lives, read from the classic
 * table, a cross-reference stream, or both (hybrid files), following /Prev back through incremental updates.
 * The newest section's entry for an object wins; the newest trailer gives /Root and /Encrypt.
 */
import { InflateLimitError, inflateCapped } from '../../evidence/inflate-limits';
import { RawPdfError, bytesEqual, integerAt, readDict, readNumberArray, readScalar, regularEnd, skipSpace, type DictEntries } from './lexer';

export type XrefEntry = { kind: 'offset'; offset: number; gen: number } | { kind: 'compressed'; stream: number; index: number };

export interface CrossReference {
  entries: Map<number, XrefEntry>;
  /** The newest trailer's entries (byte ranges in the file). */
  trailer: DictEntries;
}

const MAX_SECTIONS = 64;

export function readCrossReference(b: Uint8Array): CrossReference {
  const tailStart = Math.max(0, b.length - 1024);
  const tail = Buffer.from(b.buffer, b.byteOffset + tailStart, b.length - tailStart).toString('latin1');
  const at = tail.lastIndexOf('startxref');
  if (at < 0) throw new RawPdfError('no startxref');
  const m = /^startxref\s+(\d+)/.exec(tail.slice(at));
  if (!m) throw new RawPdfError('startxref without an offset');

  const entries = new Map<number, XrefEntry>();
  const free = new Set<number>();
  let trailer: DictEntries | undefined;
  const seen = new Set<number>();
  const pending = [Number(m[1])];
  const offsetOf = (range: { start: number; end: number }) => {
    const v = readScalar(b, range.start, range.end);
    if (v.kind !== 'number') throw new RawPdfError('a cross-reference offset that is not a number');
    return v.value;
  };
  while (pending.length) {
    const offset = pending.shift()!;
    if (seen.has(offset) || seen.size >= MAX_SECTIONS) throw new RawPdfError('cross-reference sections loop');
    seen.add(offset);
    const section = readSection(b, offset);
    // A hybrid file's table lists the objects kept in object streams as free, for readers older than PDF 1.5;
    // its /XRefStm says where they are, and takes precedence over those free entries (§7.5.8.4).
    const hybrid = section.trailer.get('XRefStm');
    if (hybrid) {
      seen.add(offsetOf(hybrid));
      for (const [num, entry] of readSection(b, offsetOf(hybrid)).entries) {
        if (entry !== 'free' && (section.entries.get(num) ?? 'free') === 'free') section.entries.set(num, entry);
      }
    }
    for (const [num, entry] of section.entries) {
      if (entries.has(num) || free.has(num)) continue;
      if (entry === 'free') free.add(num);
      else entries.set(num, entry);
    }
    trailer ??= section.trailer;
    const prev = section.trailer.get('Prev');
    if (prev) pending.unshift(offsetOf(prev));
  }
  return { entries, trailer: trailer! };
}

interface Section {
  entries: Map<number, XrefEntry | 'free'>;
  trailer: DictEntries;
}

function readSection(b: Uint8Array, offset: number): Section {
  const at = skipSpace(b, offset);
  const word = regularEnd(b, at);
  if (bytesEqual(b, at, word, 'xref')) return readTable(b, word);
  return readStream(b, at);
}

function readTable(b: Uint8Array, at: number): Section {
  const entries = new Map<number, XrefEntry | 'free'>();
  for (;;) {
    at = skipSpace(b, at);
    const end = regularEnd(b, at);
    if (bytesEqual(b, at, end, 'trailer')) return { entries, trailer: readDict(b, end).entries };
    const first = integerAt(b, at, end);
    const countStart = skipSpace(b, end);
    const countEnd = regularEnd(b, countStart);
    const count = integerAt(b, countStart, countEnd);
    if (first < 0 || count < 0) throw new RawPdfError(`a cross-reference subsection header expected at byte ${at}`);
    at = countEnd;
    for (let i = 0; i < count; i++) {
      const fields: number[] = [];
      for (let f = 0; f < 3; f++) {
        at = skipSpace(b, at);
        const e = regularEnd(b, at);
        fields.push(f < 2 ? integerAt(b, at, e) : b[at]);
        at = e;
      }
      const [off, gen, type] = fields;
      if (off < 0 || gen < 0 || (type !== 0x6e && type !== 0x66)) throw new RawPdfError(`a malformed cross-reference entry at byte ${at}`);
      if (!entries.has(first + i)) entries.set(first + i, type === 0x66 ? 'free' : { kind: 'offset', offset: off, gen });
    }
  }
}

/** "12 0 obj": the object number and where the object's value starts; undefined if the bytes are not that. */
export function objectHeader(b: Uint8Array, at: number): { num: number; gen: number; body: number } | undefined {
  at = skipSpace(b, at);
  const numEnd = regularEnd(b, at);
  const num = integerAt(b, at, numEnd);
  const genStart = skipSpace(b, numEnd);
  const genEnd = regularEnd(b, genStart);
  const gen = integerAt(b, genStart, genEnd);
  const kwStart = skipSpace(b, genEnd);
  if (num < 0 || gen < 0 || !bytesEqual(b, kwStart, kwStart + 3, 'obj')) return undefined;
  return { num, gen, body: kwStart + 3 };
}

/** Where a stream's data starts, after the "stream" keyword and its end of line (§7.3.8.1). */
export function streamDataStart(b: Uint8Array, dictEnd: number): number {
  const at = skipSpace(b, dictEnd);
  if (!bytesEqual(b, at, at + 6, 'stream')) throw new RawPdfError(`"stream" expected at byte ${at}`);
  let data = at + 6;
  if (b[data] === 0x0d) data++;
  if (b[data] === 0x0a) data++;
  return data;
}

/** Checks that "endstream" follows `end`, so the /Length was right. */
export function checkStreamEnd(b: Uint8Array, end: number): void {
  const at = skipSpace(b, end);
  if (!bytesEqual(b, at, at + 9, 'endstream')) throw new RawPdfError(`"endstream" expected at byte ${at}`);
}

function readStream(b: Uint8Array, at: number): Section {
  const header = objectHeader(b, at);
  if (!header) throw new RawPdfError(`a cross-reference stream expected at byte ${at}`);
  const { entries: dict, end } = readDict(b, header.body);
  const length = dict.get('Length');
  const lengthValue = length && readScalar(b, length.start, length.end);
  if (lengthValue?.kind !== 'number') throw new RawPdfError('a cross-reference stream without a direct /Length');
  const start = streamDataStart(b, end);
  checkStreamEnd(b, start + lengthValue.value);
  const data = decodeStreamData(b, dict, b.subarray(start, start + lengthValue.value));
  const w = dict.get('W') && readNumberArray(b, dict.get('W')!.start, dict.get('W')!.end);
  const size = dict.get('Size') && readScalar(b, dict.get('Size')!.start, dict.get('Size')!.end);
  if (!w || w.length !== 3 || size?.kind !== 'number') throw new RawPdfError('a cross-reference stream without /W or /Size');
  const index = dict.get('Index') ? readNumberArray(b, dict.get('Index')!.start, dict.get('Index')!.end) : [0, size.value];
  if (!index || index.length % 2) throw new RawPdfError('a malformed cross-reference /Index');
  const rowSize = w[0] + w[1] + w[2];
  const field = (row: number, from: number, width: number) => {
    let v = 0;
    for (let i = 0; i < width; i++) v = v * 256 + data[row + from + i];
    return v;
  };
  const entries = new Map<number, XrefEntry | 'free'>();
  let row = 0;
  for (let s = 0; s < index.length; s += 2) {
    for (let i = 0; i < index[s + 1]; i++, row += rowSize) {
      if (row + rowSize > data.length) throw new RawPdfError('a cross-reference stream shorter than its /Index');
      const type = w[0] ? field(row, 0, w[0]) : 1;
      const a = field(row, w[0], w[1]);
      const c = field(row, w[0] + w[1], w[2]);
      const num = index[s] + i;
      if (entries.has(num)) continue;
      if (type === 0) entries.set(num, 'free');
      else if (type === 1) entries.set(num, { kind: 'offset', offset: a, gen: c });
      else if (type === 2) entries.set(num, { kind: 'compressed', stream: a, index: c });
    }
  }
  return { entries, trailer: dict };
}

/**
 * A stream's data decoded, for the two streams the reader itself must read (cross-reference and object
 * streams): FlateDecode, optionally with a PNG predictor, or no filter. Other filters are left to pdf-lib.
 */
export function decodeStreamData(b: Uint8Array, dict: DictEntries, raw: Uint8Array): Uint8Array {
  const filter = dict.get('Filter');
  if (!filter) return raw;
  const name = readScalar(b, filter.start, filter.end);
  if (name.kind !== 'name' || name.value !== 'FlateDecode') throw new RawPdfError('a stream filter the raw reader does not decode');
  let data: Uint8Array;
  try {
    data = inflateCapped(raw);
  } catch (error) {
    if (error instanceof InflateLimitError) throw error;
    throw new RawPdfError('a stream that does not decompress');
  }
  const parms = dict.get('DecodeParms');
  if (!parms) return data;
  const { entries } = readDict(b, parms.start);
  const number = (key: string, fallback: number) => {
    const e = entries.get(key);
    const v = e && readScalar(b, e.start, e.end);
    return v?.kind === 'number' ? v.value : fallback;
  };
  const predictor = number('Predictor', 1);
  if (predictor === 1) return data;
  if (predictor < 10 || number('Colors', 1) !== 1 || number('BitsPerComponent', 8) !== 8) throw new RawPdfError('a stream predictor the raw reader does not undo');
  return undoPngPredictor(data, number('Columns', 1));
}

/** PNG row filters (None, Sub, Up, Average, Paeth), one byte per pixel, as cross-reference streams use them. */
function undoPngPredictor(data: Uint8Array, columns: number): Uint8Array {
  const rows = Math.floor(data.length / (columns + 1));
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (columns + 1)];
    const src = r * (columns + 1) + 1;
    const dst = r * columns;
    for (let i = 0; i < columns; i++) {
      const left = i > 0 ? out[dst + i - 1] : 0;
      const up = r > 0 ? out[dst - columns + i] : 0;
      const upLeft = r > 0 && i > 0 ? out[dst - columns + i - 1] : 0;
      let v = data[src + i];
      if (type === 1) v += left;
      else if (type === 2) v += up;
      else if (type === 3) v += (left + up) >> 1;
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        v += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else if (type !== 0) throw new RawPdfError('an unknown PNG predictor row type');
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}
