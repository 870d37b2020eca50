/*
 * Serialises the finished document the way pdf-lib's PDFStreamWriter does — small objects packed 50 to an
 * object stream, a cross-reference stream — but compresses the object streams with Node's zlib instead of
 * pdf-lib's pure-JS deflate, which was the largest single cost of saving a dossier with hundreds of merged pages.
 * Written against pdf-lib 1.17.1's writer (its protected computeBufferSize); same structure, same determinism.
 */
import { deflateSync } from 'node:zlib';
import {
  PDFCrossRefStream,
  PDFHeader,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFObjectStream,
  PDFRef,
  PDFStream,
  PDFTrailer,
  PDFWriter,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';

const OBJECTS_PER_STREAM = 50;

class DossierWriter extends PDFWriter {
  constructor(context: PDFContext) {
    super(context, Number.POSITIVE_INFINITY);
  }

  protected override async computeBufferSize() {
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
      const alone = ref === context.trailerInfo.Encrypt || object instanceof PDFStream || object instanceof PDFInvalidObject || ref.generationNumber !== 0;
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
      const stream = context.stream(deflateSync(plain.getUnencodedContents(), { level: 6 }), {
        Type: 'ObjStm',
        N: chunk.length,
        First: plain.dict.lookup(PDFName.of('First'), PDFNumber).asNumber(),
        Filter: 'FlateDecode',
      });
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
    return { size, header, indirectObjects: written, trailer };
  }
}

/** Embeds what pdf-lib still holds back (images, copied pages) and serialises the document. */
export async function saveDocument(doc: PDFDocument): Promise<Uint8Array> {
  await doc.flush();
  return new DossierWriter(doc.context).serializeToBuffer();
}
