/*
 * Serialises the finished document the way pdf-lib's PDFStreamWriter does — small objects packed 50 to an
 * object stream, a cross-reference stream — but compresses with Node's zlib instead of pdf-lib's pure-JS
 * deflate, which was the largest single cost of saving a dossier with hundreds of merged pages. One pass: each
 * object is written as it comes and its offset taken from the bytes written so far (pdf-lib measured every
 * object once to lay out the file, then again to write it). Deterministic: the same document, the same bytes.
 *
 * The bytes come out as a list of chunks, not one buffer (output-chunks.ts): pdf-lib's serializeToBuffer copies
 * the whole document into one more buffer of its final size, which doubled the peak memory of a dossier of scans.
 *
 * A PDF/A-1 dossier is written as PDF 1.4 requires: every object on its own and a classic cross-reference
 * table, since object streams and cross-reference streams came with PDF 1.5 and PDF/A-1 forbids them.
 */
import { deflateSync } from 'node:zlib';
import {
  PDFCrossRefSection,
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
import { CrossReferenceStream } from './cross-reference-stream';
import { ascii, OutputChunks } from './output-chunks';
import { RawStream } from './raw-pdf/objects';

const OBJECTS_PER_STREAM = 50;

/** deflateSync at level 1, in an array of its own length (a short result is a view into a 16 KB block). */
function deflateFast(data: Uint8Array): Uint8Array {
  const out = deflateSync(data, { level: 1 });
  return out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out);
}

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

  /**
   * The objects in order, each written where the running size says, small ones packed 50 to an object stream
   * (compressed at zlib's level 1: their dictionaries repeat so much that level 6 was slower by several times and
   * no smaller), then the object streams and the cross-reference stream.
   */
  serializeToChunks(): { chunks: Uint8Array[]; size: number } {
    if (this.classic) return this.serializeClassic();
    const context = this.context;
    const out = new OutputChunks();
    out.putObject(PDFHeader.forVersion(1, 7));
    out.putText('\n\n');
    const xref = new CrossReferenceStream();
    let objectNumber = context.largestObjectNumber + 1;
    const packs: { ref: PDFRef; objects: [PDFRef, PDFObject][] }[] = [];

    const objects: ([PDFRef, PDFObject] | undefined)[] = context.enumerateIndirectObjects();
    for (let i = 0; i < objects.length; i++) {
      const entry = objects[i] as [PDFRef, PDFObject];
      const [ref, object] = entry;
      if (this.release) this.letGo(objects, i);
      const alone =
        ref === context.trailerInfo.Encrypt || object instanceof PDFStream || object instanceof RawStream || object instanceof PDFInvalidObject || ref.generationNumber !== 0;
      if (alone) {
        xref.written(ref.objectNumber, ref.generationNumber, out.size);
        out.putIndirect(ref, object);
        continue;
      }
      let pack = packs[packs.length - 1];
      if (!pack || pack.objects.length === OBJECTS_PER_STREAM) {
        pack = { ref: PDFRef.of(objectNumber++), objects: [] };
        packs.push(pack);
      }
      xref.packed(ref.objectNumber, pack.ref.objectNumber, pack.objects.length);
      pack.objects.push(entry);
    }

    for (const pack of packs) {
      // Laid out by pdf-lib (offsets, /N, /First), compressed here.
      const plain = PDFObjectStream.withContextAndObjects(context, pack.objects, false);
      const data = deflateFast(plain.getUnencodedContents());
      const first = plain.dict.lookup(PDFName.of('First'), PDFNumber).asNumber();
      const dict = ascii(`<<\n/Type /ObjStm\n/N ${pack.objects.length}\n/First ${first}\n/Filter /FlateDecode\n/Length ${data.length}\n>>`);
      xref.written(pack.ref.objectNumber, 0, out.size);
      out.putIndirect(pack.ref, new RawStream(dict, data));
      if (this.release) pack.objects = [];
    }

    const xrefRef = PDFRef.of(objectNumber++);
    const xrefOffset = out.size;
    xref.written(xrefRef.objectNumber, 0, xrefOffset);
    out.putIndirect(xrefRef, xref.toStream(context, this.createTrailerDict(), objectNumber));
    out.putObject(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset));
    return out.finish();
  }

  /** Every object on its own, then an xref table and a trailer dictionary, as pdf-lib's own writer lays them out. */
  private serializeClassic(): { chunks: Uint8Array[]; size: number } {
    const out = new OutputChunks();
    out.putObject(PDFHeader.forVersion(1, 4));
    out.putText('\n\n');
    const xref = PDFCrossRefSection.create();
    const objects: ([PDFRef, PDFObject] | undefined)[] = this.context.enumerateIndirectObjects();
    for (let i = 0; i < objects.length; i++) {
      const [ref, object] = objects[i] as [PDFRef, PDFObject];
      if (this.release) this.letGo(objects, i);
      xref.addEntry(ref, out.size);
      out.putIndirect(ref, object);
    }
    const xrefOffset = out.size;
    out.putObject(xref);
    out.putText('\n');
    out.putObject(PDFTrailerDict.of(this.createTrailerDict()));
    out.putText('\n\n');
    out.putObject(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset));
    return out.finish();
  }

  /** The object at `i` is about to be written (or packed): neither the document nor the list holds it after that. */
  private letGo(objects: ([PDFRef, PDFObject] | undefined)[], i: number): void {
    this.context.delete((objects[i] as [PDFRef, PDFObject])[0]);
    objects[i] = undefined;
  }
}

/** Embeds what pdf-lib still holds back (images, copied pages) and serialises the document as chunks, in order. */
export async function saveDocument(doc: PDFDocument, options: WriteOptions = {}): Promise<{ chunks: Uint8Array[]; size: number }> {
  await doc.flush();
  return new DossierWriter(doc.context, options.classic ?? false, options.release ?? false).serializeToChunks();
}
