/*
 * PDF exhibits: pages copied byte for byte by raw-pdf where it can follow the file; else through pdf-lib's
 * tolerant parser (and, once repaired, raw-pdf again, to keep bookmarks and page labels); else, when pdf.js can
 * still show the pages, as pictures of them (pdf-render.ts); else a placeholder. Decompression is capped at
 * every step (evidence/inflate-limits.ts), so a decompression bomb becomes a placeholder, not gigabytes.
 */
import { EncryptedPDFError, ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import { InflateLimitError, findPdfInflationBomb, inflateCapped } from '../../evidence/inflate-limits';
import { damaged, lowerFirst, type Problem } from './exhibit-problem';
import type { ExhibitContent } from './exhibit-content';
import { embedRenderedPage, renderPdfPages } from './pdf-render';
import { readOutline } from '../raw-pdf/outline';
import { pageLabels } from '../raw-pdf/page-labels';
import { RawPdfError, SourcePdf, transplantPages } from '../raw-pdf/transplant';

/** A file whose compressed data expands past the caps: refused before anything decodes it whole. */
const inflationBomb = (detail: string): Problem => ({
  code: 'EXHIBIT_TOO_LARGE',
  reason: `The PDF was not bundled: ${detail}, far more than its pages need, so it may be a decompression bomb (a small file built to exhaust memory).`,
  remedy: 'If the file is genuine, print it to a new PDF from a reader that opens it, and attach that copy to the source.',
});

const ENCRYPTED: Problem = {
  code: 'EXHIBIT_ENCRYPTED',
  reason:
    'The PDF is encrypted: either it needs a password to open, or its author restricted copying and printing (such a file opens without a password). Either way its pages cannot be copied into the dossier.',
  remedy: 'Save an unprotected copy (for example by printing it to PDF from a reader that opens it) and attach that copy to the source.',
};

export async function importPdf(bytes: Uint8Array, out: PDFDocument): Promise<ExhibitContent | Problem> {
  // A PDF ends with %%EOF; readers look for it in the last kilobyte. Without it the file was cut short.
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!tail.includes('%%EOF')) return damaged('it has no end-of-file marker, so it was probably cut short');
  // The fast path: pages copied as bytes. Only a file it cannot follow exactly goes through pdf-lib's parser.
  const transplanted = transplant(bytes, out);
  if (transplanted) return transplanted;
  // pdf-lib inflates object streams as it parses, without a cap: a file it would choke on is not handed to it.
  const bomb = await findPdfInflationBomb(bytes);
  if (bomb) return inflationBomb(bomb);
  const copied = await copyWithPdfLib(bytes, out);
  if ('kind' in copied || copied.code !== 'EXHIBIT_DAMAGED') return copied;
  return renderedInstead(bytes, out, copied);
}

/** pdf-lib's tolerant parser, for a file raw-pdf cannot follow exactly. */
async function copyWithPdfLib(bytes: Uint8Array, out: PDFDocument): Promise<ExhibitContent | Problem> {
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (error) {
    // An encrypted file may fail to parse before pdf-lib reaches its encryption check: look for /Encrypt too.
    if (error instanceof EncryptedPDFError || Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/Encrypt')) return ENCRYPTED;
    return damaged('its structure cannot be read');
  }
  let problem: string | undefined;
  try {
    problem = source.getPageCount() === 0 ? 'it has no pages' : checkPages(source);
  } catch {
    // pdf-lib loads some files whose page tree it then cannot walk (a /Kids that is not an array, say).
    problem = 'its list of pages cannot be read';
  }
  if (problem) return damaged(problem);
  // The file as pdf-lib repaired it, written again with a sound cross-reference, can go through raw-pdf like any
  // other, and so keep its bookmarks, its links to named destinations and its page labels.
  const rewritten = await source.save({ useObjectStreams: false, updateFieldAppearances: false }).catch(() => undefined);
  const repaired = rewritten && transplant(rewritten, out);
  if (repaired && 'kind' in repaired && repaired.kind === 'pdf') return repaired;
  try {
    return { kind: 'pdf', pages: await out.copyPages(source, source.getPageIndices()) };
  } catch {
    return damaged('its pages cannot be copied');
  }
}

/** A PDF that cannot be copied but that pdf.js can show: its pages as images. Else the placeholder stands. */
async function renderedInstead(bytes: Uint8Array, out: PDFDocument, problem: Problem): Promise<ExhibitContent | Problem> {
  const rendered = await renderPdfPages(bytes);
  if (!rendered.ok) return problem;
  const pages = rendered.pages.map((page) => ({ image: { ref: embedRenderedPage(page, out.context), width: page.pixelWidth, height: page.pixelHeight }, orientation: 1 as const }));
  return { kind: 'image', format: 'pdf', pages, renderedBecause: lowerFirst(problem.reason.replace(/\.$/, '')) };
}

/** The exhibit's pages copied by raw-pdf, or undefined when the file needs pdf-lib's tolerant parser. */
function transplant(bytes: Uint8Array, out: PDFDocument): ExhibitContent | Problem | undefined {
  // Objects are numbered as they are copied: a failed attempt must leave no trace in the output.
  const mark = out.context.largestObjectNumber;
  try {
    const source = new SourcePdf(bytes);
    if (source.encrypted) return ENCRYPTED;
    const pages = transplantPages(source, out);
    return pages.length ? { kind: 'pdf', pages, labels: pageLabels(source, pages.length), bookmarks: readOutline(source) } : undefined;
  } catch (error) {
    if (!(error instanceof RawPdfError || error instanceof InflateLimitError)) throw error;
    for (const [ref] of out.context.enumerateIndirectObjects()) if (ref.objectNumber > mark) out.context.delete(ref);
    out.context.largestObjectNumber = mark;
    return error instanceof InflateLimitError ? inflationBomb(error.message) : undefined;
  }
}

/** Every object a page needs must exist, and its content streams must decompress: otherwise the output would be broken too. */
function checkPages(doc: PDFDocument): string | undefined {
  const { context } = doc;
  const seen = new Set<PDFRef>();
  let missing = false;
  const visit = (obj: unknown): void => {
    if (missing) return;
    if (obj instanceof PDFRef) {
      if (seen.has(obj)) return;
      seen.add(obj);
      const target = context.lookup(obj);
      if (target === undefined) missing = true;
      else visit(target);
    } else if (obj instanceof PDFDict) {
      for (const [key, value] of obj.entries()) if (key !== PDFName.of('Parent')) visit(value);
    } else if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) visit(obj.get(i));
    } else if (obj instanceof PDFStream) {
      visit(obj.dict);
    }
  };
  for (const page of doc.getPages()) {
    visit(page.node);
    if (missing) return 'objects its pages refer to are missing';
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => context.lookup(r)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      if (stream.dict.get(PDFName.of('Filter')) !== PDFName.of('FlateDecode')) continue;
      try {
        inflateCapped(stream.contents);
      } catch (error) {
        if (error instanceof InflateLimitError) return error.message;
        return 'a page’s content cannot be decompressed';
      }
    }
  }
  return undefined;
}
