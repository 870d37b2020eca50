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

  /** A value given as PDF text, one byte a character (what pdf-lib would write for it). */
  static ofText(text: string): RawValue {
    return new RawValue(Buffer.from(text, 'latin1'));
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
    return dictMayHaveKey(this.data, name);
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

/** "/name" as bytes for the few names asked about (the stamp fonts'), made once. */
const searchKeys = new Map<string, Buffer>();

/**
 * `RawValue.mayHaveKey` for the dictionary whose bytes are `d` (from "<<" to ">>"); `escaped`: whether they hold a
 * "#" (a key may then be spelt with #xx escapes), when the caller knows it already.
 */
function dictMayHaveKey(d: Uint8Array, name: string, escaped = d.includes(0x23)): boolean {
  if (escaped) return readDict(d, 0).entries.has(name);
  // "/name" not followed by a regular character, found by Buffer's native search: this runs for every stamped
  // page, over font dictionaries that can hold dozens of names.
  const bytes = d instanceof Buffer ? d : Buffer.from(d.buffer, d.byteOffset, d.byteLength);
  let key = searchKeys.get(name);
  if (!key) {
    key = Buffer.from(`/${name}`, 'latin1');
    if (searchKeys.size < 64) searchKeys.set(name, key);
  }
  for (let at = bytes.indexOf(key); at >= 0; at = bytes.indexOf(key, at + 1)) {
    const after = at + key.length;
    if (after >= d.length || !isRegular(d[after])) return true;
  }
  return false;
}

/**
 * An exhibit page's /Resources copied whole as bytes (references renumbered), with where its direct /Font
 * dictionary lies in them, so the dossier's stamp fonts can be added by splicing bytes: no pdf-lib dictionary is
 * built, cloned and written for each of hundreds of pages whose font dictionaries name dozens of fonts each.
 */
export class RawResources extends RawValue {
  constructor(
    data: Uint8Array,
    /** Where the /Font dictionary's "<<" is, and where its ">>" is; undefined when the resources have no /Font. */
    readonly font: { start: number; close: number } | undefined,
  ) {
    super(data);
  }

  override clone(): RawResources {
    return new RawResources(this.data, this.font);
  }

  /** The /Font dictionary's bytes, and whether they hold a "#": found once, asked about for each stamp face. */
  private fontBytes?: { bytes: Buffer; escaped: boolean };

  /** Whether the /Font dictionary may already use `name` as a key. */
  fontMayHaveKey(name: string): boolean {
    if (!this.font) return false;
    if (!this.fontBytes) {
      const d = this.data;
      const bytes = Buffer.from(d.buffer, d.byteOffset + this.font.start, this.font.close + 2 - this.font.start);
      this.fontBytes = { bytes, escaped: bytes.includes(0x23) };
    }
    return dictMayHaveKey(this.fontBytes.bytes, name, this.fontBytes.escaped);
  }

  /** These resources with fonts added to /Font (made when there is none). */
  withFonts(entries: [name: string, ref: PDFRef][]): RawValue {
    const d = this.data;
    const spelt = entries.map(([name, ref]) => ` /${name} ${ref.objectNumber} ${ref.generationNumber} R`).join('');
    const at = this.font ? this.font.close : d.length - 2;
    const added = Buffer.from(this.font ? spelt : ` /Font <<${spelt} >>`, 'latin1');
    const out = new Uint8Array(d.length + added.length);
    out.set(d.subarray(0, at));
    out.set(added, at);
    out.set(d.subarray(at), at + added.length);
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
