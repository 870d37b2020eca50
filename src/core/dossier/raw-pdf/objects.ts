/*
 * Copied bytes as pdf-lib objects, so a transplanted exhibit lives in the same document as everything else:
 * a RawValue is written exactly as its bytes (a dictionary, an array, a number…, references already
 * renumbered); a RawStream is a stream whose data is handed on untouched, never decoded or copied.
 */
import { PDFName, PDFObject, type PDFRef } from 'pdf-lib';
import { isRegular, readDict } from './lexer';

const names = new Map<string, PDFName>();

/**
 * PDFName.of without its cost per call: pdf-lib decodes every name it is given (a regular expression for `#xx`
 * escapes) before finding the one instance of it, and the copier and the stamps ask for the same dozen names on
 * each of hundreds of pages. Same instances as PDFName.of.
 */
export function pdfName(name: string): PDFName {
  let known = names.get(name);
  if (!known) {
    known = PDFName.of(name);
    // Keys copied from files are not bounded in number the way our own are: only short names are kept.
    if (name.length <= 32 && names.size < 4096) names.set(name, known);
  }
  return known;
}

export class RawValue extends PDFObject {
  constructor(readonly data: Uint8Array) {
    super();
  }

  override clone(): RawValue {
    return new RawValue(this.data);
  }

  override toString(): string {
    return Buffer.from(this.data).toString('latin1');
  }

  override sizeInBytes(): number {
    return this.data.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.data, offset);
    return this.data.length;
  }

  /** Whether a dictionary's bytes may use `name` (letters and digits) as a key; it may also say yes for a value. */
  mayHaveKey(name: string): boolean {
    const d = this.data;
    if (d.includes(0x23)) return readDict(d, 0).entries.has(name); // a key may be spelt with #xx escapes
    // "/name" not followed by a regular character, found by scanning bytes: this runs for every stamped page.
    const n = name.length;
    for (let at = d.indexOf(0x2f); at >= 0; at = d.indexOf(0x2f, at + 1)) {
      let i = 0;
      while (i < n && d[at + 1 + i] === name.charCodeAt(i)) i++;
      if (i === n && (at + 1 + n >= d.length || !isRegular(d[at + 1 + n]))) return true;
    }
    return false;
  }

  /** A dictionary's bytes with entries added before its closing ">>" (the dossier's stamp fonts, say). */
  withEntries(entries: [name: string, ref: PDFRef][]): RawValue {
    const d = this.data;
    const n = d.length;
    if (n < 4 || d[0] !== 0x3c || d[1] !== 0x3c || d[n - 2] !== 0x3e || d[n - 1] !== 0x3e) throw new Error('RawValue.withEntries needs a dictionary');
    const added = Buffer.from(entries.map(([name, ref]) => ` /${name} ${ref.objectNumber} ${ref.generationNumber} R`).join('') + '>>', 'latin1');
    const out = new Uint8Array(n - 2 + added.length);
    out.set(d.subarray(0, n - 2));
    out.set(added, n - 2);
    return new RawValue(out);
  }
}

const STREAM_START = Uint8Array.from('\nstream\n', (c) => c.charCodeAt(0));
const STREAM_END = Uint8Array.from('\nendstream', (c) => c.charCodeAt(0));

/** Laid out as pdf-lib lays out a PDFStream: dictionary, "\nstream\n", data, "\nendstream". */
export class RawStream extends PDFObject {
  constructor(
    /** The stream's dictionary, references renumbered; its /Length still matches `contents`. */
    readonly dict: Uint8Array,
    readonly contents: Uint8Array,
  ) {
    super();
  }

  override clone(): RawStream {
    return new RawStream(this.dict, this.contents);
  }

  override toString(): string {
    return `${Buffer.from(this.dict).toString('latin1')} stream (${this.contents.length} bytes)`;
  }

  override sizeInBytes(): number {
    return this.dict.length + STREAM_START.length + this.contents.length + STREAM_END.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    let at = offset;
    for (const part of [this.dict, STREAM_START, this.contents, STREAM_END]) {
      buffer.set(part, at);
      at += part.length;
    }
    return at - offset;
  }
}
