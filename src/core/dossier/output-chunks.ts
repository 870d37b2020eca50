/*
 * The bytes of a PDF as it is written: a list of chunks rather than one buffer. A large stream's contents (an
 * exhibit's scanned page, a font) are handed on as the very array the document holds; everything between them is
 * packed into 64 KB blocks. The running size is each object's offset, so the cross-reference is built as the
 * objects are written, in one pass.
 */
import { PDFStream, type PDFObject, type PDFRef } from 'pdf-lib';
import { RawStream } from './raw-pdf/objects';

const BLOCK_SIZE = 64 * 1024;
/**
 * A stream's contents longer than this are handed on as the document's own array, not copied: every page's content
 * stream (2–4 KB) would otherwise be held twice while the file is written — once in the released document, until
 * the garbage collector frees it, and once in the output.
 */
const ADOPT_FROM = 512;
export const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const STREAM_START = ascii('\nstream\n');
const STREAM_END = ascii('\nendstream');
const OBJECT_END = ascii('\nendobj\n\n');

interface Serialisable {
  sizeInBytes(): number;
  copyBytesInto(buffer: Uint8Array, offset: number): number;
}

export class OutputChunks {
  private readonly chunks: Uint8Array[] = [];
  /** Bytes written so far: the offset of whatever is written next. */
  size = 0;
  private block = new Uint8Array(BLOCK_SIZE);
  private used = 0;
  /** Where the part of the block not yet handed to `chunks` starts. */
  private start = 0;

  put(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.block.set(bytes, this.used);
    this.used += bytes.length;
    this.size += bytes.length;
  }

  /** Text of one byte a character (numbers, keywords, names). */
  putText(text: string): void {
    this.room(text.length);
    for (let i = 0; i < text.length; i++) this.block[this.used++] = text.charCodeAt(i);
    this.size += text.length;
  }

  putObject(object: Serialisable): void {
    this.room(object.sizeInBytes());
    const written = object.copyBytesInto(this.block, this.used);
    this.used += written;
    this.size += written;
  }

  /** "n g obj", the object (a stream's dictionary, then its data), "endobj", as pdf-lib's writer lays them out. */
  putIndirect(ref: PDFRef, object: PDFObject): void {
    this.putText(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    if (object instanceof PDFStream || object instanceof RawStream) {
      if (object instanceof PDFStream) {
        object.updateDict();
        this.putObject(object.dict);
      } else this.put(object.dict);
      this.put(STREAM_START);
      const contents = object instanceof PDFStream ? object.getContents() : object.contents;
      if (contents.length <= ADOPT_FROM) this.put(contents);
      else {
        this.cut();
        this.chunks.push(contents);
        this.size += contents.length;
      }
      this.put(STREAM_END);
    } else this.putObject(object);
    this.put(OBJECT_END);
  }

  /** The chunks, in order; nothing may be written after. */
  finish(): { chunks: Uint8Array[]; size: number } {
    this.cut();
    return { chunks: this.chunks, size: this.size };
  }

  /** Hands what the block holds so far to `chunks`; what is written next goes on in the same block. */
  private cut(): void {
    if (this.used > this.start) this.chunks.push(this.block.subarray(this.start, this.used));
    this.start = this.used;
  }

  private room(bytes: number): void {
    if (this.used + bytes <= this.block.length) return;
    this.cut();
    this.block = new Uint8Array(Math.max(bytes, BLOCK_SIZE));
    this.used = 0;
    this.start = 0;
  }
}
