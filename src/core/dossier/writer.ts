/*
 * Serialises the finished document the way pdf-lib's PDFStreamWriter does — small objects packed 50 to an
 * object stream, a cross-reference stream — but compresses the object streams with Node's zlib instead of
 * pdf-lib's pure-JS deflate, which was the largest single cost of saving a dossier with hundreds of merged pages.
 * Written against pdf-lib 1.17.1's writer (its protected computeBufferSize); same structure, same determinism.
 *
 * The bytes come out as a list of chunks, not one buffer: a stream's contents (an exhibit's scanned page, a
 * font) are handed on as the very array the document holds, and everything between them is packed into
 * 64 KB blocks. pdf-lib's serializeToBuffer copies the whole document into one more buffer of its final size
 * (byte by byte for streams), which doubled the peak memory of a dossier of scans.
 *
 * A PDF/A-1 dossier is written as PDF 1.4 requires: every object on its own and a classic cross-reference
 * table, since object streams and cross-reference streams came with PDF 1.5 and PDF/A-1 forbids them.
 */
import {
  PDFCrossRefSection,
  PDFCrossRefStream,
  PDFHeader,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFObjectStream,
  PDFRef,
  PDFStream,
  PDFTrailer,
  PDFTrailerDict,
  PDFWriter,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import { RawStream } from './raw-pdf/objects';
import { deflateExact } from './typesetting/render';

const OBJECTS_PER_STREAM = 50;
const BLOCK_SIZE = 64 * 1024;
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const STREAM_START = ascii('\nstream\n');
const STREAM_END = ascii('\nendstream');
const OBJECT_END = ascii('\nendobj\n\n');

export interface WriteOptions {
  /** PDF 1.4 structure: no object streams, a cross-reference table (for PDF/A-1). */
  classic?: boolean;
  /**
   * The document is not used again: each object leaves it once its bytes are in the output, so the output's chunks
   * take the place of the model as they fill instead of adding to it (a 3,000-page dossier's 10 MB of content
   * streams were held twice at the peak).
   */
  release?: boolean;
}

class DossierWriter extends PDFWriter {
  constructor(
    context: PDFContext,
    private readonly classic: boolean,
    private readonly release: boolean,
  ) {
    super(context, Number.POSITIVE_INFINITY);
  }

  protected override async computeBufferSize() {
    if (this.classic) return this.computeClassicLayout();
    const context = this.context;
    let objectNumber = context.largestObjectNumber + 1;
    const header = PDFHeader.forVersion(1, 7);
    let size = header.sizeInBytes() + 2;
    const xrefStream = PDFCrossRefStream.create(this.createTrailerDict(), true);
    const written: [PDFRef, PDFObject][] = [];
    const chunks: [PDFRef, PDFObject][][] = [];
    const chunkRefs: PDFRef[] = [];

    for (const entry of context.enumerateIndirectObjects()) {
      const [ref, object] = entry;
      const alone =
        ref === context.trailerInfo.Encrypt || object instanceof PDFStream || object instanceof RawStream || object instanceof PDFInvalidObject || ref.generationNumber !== 0;
      if (alone) {
        written.push(entry);
        xrefStream.addUncompressedEntry(ref, size);
        size += this.computeIndirectObjectSize(entry);
        continue;
      }
      let chunk = chunks[chunks.length - 1];
      if (!chunk || chunk.length === OBJECTS_PER_STREAM) {
        chunk = [];
        chunks.push(chunk);
        chunkRefs.push(PDFRef.of(objectNumber++));
      }
      xrefStream.addCompressedEntry(ref, chunkRefs[chunkRefs.length - 1], chunk.length);
      chunk.push(entry);
    }

    chunks.forEach((chunk, i) => {
      // Laid out by pdf-lib (offsets, /N, /First), compressed here.
      const plain = PDFObjectStream.withContextAndObjects(context, chunk, false);
      const stream = context.stream(deflateExact(plain.getUnencodedContents()), {
        Type: 'ObjStm',
        N: chunk.length,
        First: plain.dict.lookup(PDFName.of('First'), PDFNumber).asNumber(),
        Filter: 'FlateDecode',
      });
      if (this.release) for (const [ref] of chunk) context.delete(ref);
      xrefStream.addUncompressedEntry(chunkRefs[i], size);
      size += this.computeIndirectObjectSize([chunkRefs[i], stream]);
      written.push([chunkRefs[i], stream]);
    });

    const xrefRef = PDFRef.of(objectNumber++);
    xrefStream.dict.set(PDFName.of('Size'), PDFNumber.of(objectNumber));
    xrefStream.addUncompressedEntry(xrefRef, size);
    const xrefOffset = size;
    size += this.computeIndirectObjectSize([xrefRef, xrefStream]);
    written.push([xrefRef, xrefStream]);
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    size += trailer.sizeInBytes();
    return { size, header, indirectObjects: written, xref: undefined, trailerDict: undefined, trailer };
  }

  /** Every object on its own, then an xref table and a trailer dictionary, as pdf-lib's own writer lays them out. */
  private computeClassicLayout() {
    const header = PDFHeader.forVersion(1, 4);
    let size = header.sizeInBytes() + 2;
    const xref = PDFCrossRefSection.create();
    const indirectObjects = this.context.enumerateIndirectObjects();
    for (const entry of indirectObjects) {
      xref.addEntry(entry[0], size);
      size += this.computeIndirectObjectSize(entry);
    }
    const xrefOffset = size;
    size += xref.sizeInBytes() + 1;
    const trailerDict = PDFTrailerDict.of(this.createTrailerDict());
    size += trailerDict.sizeInBytes() + 2;
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    size += trailer.sizeInBytes();
    return { size, header, indirectObjects, xref, trailerDict, trailer };
  }

  /** The same bytes serializeToBuffer writes, in order, without joining them. */
  async serializeToChunks(): Promise<{ chunks: Uint8Array[]; size: number }> {
    const { size, header, indirectObjects, xref, trailerDict, trailer } = await this.computeBufferSize();
    const chunks: Uint8Array[] = [];
    let block = new Uint8Array(BLOCK_SIZE);
    let used = 0;
    const flush = () => {
      if (used) chunks.push(block.subarray(0, used));
      block = new Uint8Array(BLOCK_SIZE);
      used = 0;
    };
    const room = (bytes: number) => {
      if (used + bytes <= block.length) return;
      flush();
      if (bytes > block.length) block = new Uint8Array(bytes);
    };
    const put = (bytes: Uint8Array) => {
      room(bytes.length);
      block.set(bytes, used);
      used += bytes.length;
    };
    const putObject = (object: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number }) => {
      room(object.sizeInBytes());
      used += object.copyBytesInto(block, used);
    };

    putObject(header);
    put(ascii('\n\n'));
    for (let i = 0; i < indirectObjects.length; i++) {
      const [ref, object] = indirectObjects[i];
      if (this.release) {
        // Written below, then no longer held by the document or by this list.
        this.context.delete(ref);
        (indirectObjects as unknown[])[i] = undefined;
      }
      put(ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
      if (object instanceof PDFStream || object instanceof RawStream) {
        if (object instanceof PDFStream) {
          object.updateDict();
          putObject(object.dict);
        } else put(object.dict);
        put(STREAM_START);
        const contents = object instanceof PDFStream ? object.getContents() : object.contents;
        if (contents.length <= BLOCK_SIZE / 4) put(contents);
        else {
          flush();
          chunks.push(contents);
        }
        put(STREAM_END);
      } else putObject(object);
      put(OBJECT_END);
    }
    if (xref) {
      putObject(xref);
      put(ascii('\n'));
    }
    if (trailerDict) {
      putObject(trailerDict);
      put(ascii('\n\n'));
    }
    putObject(trailer);
    flush();
    const written = chunks.reduce((n, c) => n + c.length, 0);
    if (written !== size) throw new Error(`PDF writer: ${written} bytes written where the cross-reference table counted ${size}`);
    return { chunks, size };
  }
}

/** Embeds what pdf-lib still holds back (images, copied pages) and serialises the document as chunks, in order. */
export async function saveDocument(doc: PDFDocument, options: WriteOptions = {}): Promise<{ chunks: Uint8Array[]; size: number }> {
  await doc.flush();
  return new DossierWriter(doc.context, options.classic ?? false, options.release ?? false).serializeToChunks();
}
