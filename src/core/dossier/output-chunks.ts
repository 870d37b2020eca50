/*
 * The bytes of a PDF as it is written: a list of chunks rather than one buffer. A large stream's contents (an
 * exhibit's scanned page, a font) are handed on as the very array the document holds; everything between them is
 * packed into 64 KB blocks. The running size is each object's offset, so the cross-reference is built as the
 * objects are written, in one pass.
 */
import { PDFStream, type PDFObject, type PDFRef } from 'pdf-lib';
import { RawStream } from './raw-pdf/objects';

const BLOCK_SIZE = 64 * 1024;
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
      if (contents.length <= BLOCK_SIZE / 4) this.put(contents);
      else {
        this.flush();
        this.chunks.push(contents);
        this.size += contents.length;
      }
      this.put(STREAM_END);
    } else this.putObject(object);
    this.put(OBJECT_END);
  }

  /** The chunks, in order; nothing may be written after. */
  finish(): { chunks: Uint8Array[]; size: number } {
    this.flush();
    return { chunks: this.chunks, size: this.size };
  }

  private flush(): void {
    if (this.used) this.chunks.push(this.block.subarray(0, this.used));
    this.block = new Uint8Array(BLOCK_SIZE);
    this.used = 0;
  }

  private room(bytes: number): void {
    if (this.used + bytes <= this.block.length) return;
    this.flush();
    if (bytes > this.block.length) this.block = new Uint8Array(bytes);
  }
}
