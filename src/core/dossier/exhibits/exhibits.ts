/*
 * Reading, checking and importing exhibit files. Whatever is wrong with a file — missing, altered since it was
 * added, encrypted, damaged, not what its type claims, or a type a PDF cannot hold — the exhibit becomes a
 * placeholder with a warning; the export itself never fails because of an exhibit.
 *
 * PDF pages are copied into the output document as soon as a file passes its checks, and the parsed source is
 * dropped, so at most one source document is held in memory at a time.
 */
import { createHash } from 'node:crypto';
import { jpegOrientation } from './jpeg';
import { TiffError, TiffUnsupported, embedTiffPage, readTiff } from './tiff';
import { PngError, checkImageData, embedPngData, needsDecoding, readPng, type PngInfo } from './png';
import { decodePlainText, decodeText, htmlToText, isHtml } from '../../evidence/html-text';
import type { ExhibitSlot } from '../model';
import type { PDFDocument } from 'pdf-lib';
import { importPdf } from './exhibit-pdf';
import { damaged, lowerFirst, type Problem } from './exhibit-problem';
import type { DossierInput, DossierWarning } from '../types';

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'text';

export type { EmbeddedImage, ExhibitContent, ImagePage } from './exhibit-content';
import type { ExhibitContent, ExhibitRedactor } from './exhibit-content';

export interface LoadedExhibit {
  slot: ExhibitSlot;
  content: ExhibitContent;
  /** Size of the stored file in bytes, when it was found. */
  storedSize?: number;
  /** In a redacted dossier, what redaction changed in it ("page 2 rebuilt…"), when it changed anything. */
  redacted?: string;
}

const KIND_NAMES: Record<FileKind | 'gif' | 'webp' | 'tiff' | 'zip' | 'binary', string> = {
  pdf: 'a PDF document',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  text: 'a plain-text file',
  gif: 'a GIF image',
  webp: 'a WebP image',
  tiff: 'a TIFF image',
  zip: 'a ZIP archive or office document',
  binary: 'a binary file of unknown type',
};
type DetectedKind = keyof typeof KIND_NAMES;

export function detectKind(bytes: Uint8Array): DetectedKind {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x89 && head.startsWith('\x89PNG\r\n\x1a\n')) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (head.startsWith('GIF8')) return 'gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'tiff';
  if (head.startsWith('PK\x03\x04')) return 'zip';
  return decodePlainText(bytes) === undefined ? 'binary' : 'text';
}

/** What the attachment record claims the file is: by media type, or by extension when the type is generic. */
export function claimedKind(mediaType: string, fileName: string): FileKind | undefined {
  const byType: Record<string, FileKind> = {
    'application/pdf': 'pdf',
    'image/png': 'png',
    'image/jpeg': 'jpeg',
    'image/jpg': 'jpeg',
    'image/tiff': 'tiff',
    'text/plain': 'text',
    'text/markdown': 'text',
  };
  if (byType[mediaType]) return byType[mediaType];
  if (mediaType !== 'application/octet-stream') return undefined;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ({ pdf: 'pdf', png: 'png', jpg: 'jpeg', jpeg: 'jpeg', tif: 'tiff', tiff: 'tiff', txt: 'text', md: 'text' } as Record<string, FileKind>)[ext ?? ''];
}

/** "EV-3 (“scan.pdf”, source S2 of “Child Q”)": enough for a user to find the attachment. */
export function describeExhibit(slot: ExhibitSlot): string {
  const first = slot.citedBy[0];
  return `${slot.number} (“${slot.attachment.fileName}”, source ${first.source.label} of “${first.caseModel.record.title}”)`;
}

/**
 * Imports one exhibit into `out`. `file` is its file as `findExhibitFile` reads it, when the caller started that read
 * earlier (the build reads the next exhibit's file while it imports this one); otherwise it is read here. `redactor`
 * rebuilds what names a protected person (redacted dossiers only).
 */
export async function loadExhibit(
  slot: ExhibitSlot,
  input: DossierInput,
  out: PDFDocument,
  { file, redactor }: { file?: Promise<ExhibitFile | undefined>; redactor?: ExhibitRedactor } = {},
): Promise<{ exhibit: LoadedExhibit; warning?: DossierWarning }> {
  const found = await (file ?? findExhibitFile(slot, input));
  let result: ExhibitContent | Problem;
  if (!found) {
    result = {
      code: 'EXHIBIT_MISSING',
      reason: 'The file is not in the library: it may have been moved or deleted outside Casefolio.',
      remedy: 'Restore the file from a backup, or attach it to the source again.',
    };
  } else if (found.sha256 !== slot.sha256) {
    result = {
      code: 'EXHIBIT_HASH_MISMATCH',
      reason: 'The stored file no longer matches the SHA-256 fingerprint recorded when it was added, so it may have been altered or corrupted.',
      remedy: 'Restore the original file from a backup, or attach the original again.',
    };
  } else {
    const file = redactor ? await redactor.file(slot, found.bytes) : found.bytes;
    result = file instanceof Uint8Array ? await importFile(file, slot, out) : file;
    if (redactor && 'kind' in result) result = redactor.content(slot, result);
  }
  const slotRef = { exhibit: slot.number, caseId: slot.citedBy[0].caseModel.record.id, sourceId: slot.citedBy[0].source.record.id, attachmentId: slot.attachment.id };
  if ('kind' in result && result.kind === 'image' && result.format === 'pdf') {
    return { exhibit: { slot, content: result, storedSize: found?.size }, warning: { code: 'EXHIBIT_RENDERED', message: renderedNotice(slot, result.renderedBecause), ...slotRef } };
  }
  if ('kind' in result) {
    const redacted = redactor?.changed(slot);
    return { exhibit: { slot, content: result, storedSize: found?.size, ...(redacted ? { redacted } : {}) } };
  }
  return {
    exhibit: { slot, content: { kind: 'placeholder', ...result }, storedSize: found?.size },
    warning: { code: result.code, message: `${describeExhibit(slot)} was not included: ${lowerFirst(result.reason)} ${result.remedy}`, ...slotRef },
  };
}

/** Listed on its separator sheet, never printed: a recording, or a type a PDF cannot hold. Its content is not needed, only its fingerprint. */
function listedOnly(attachment: ExhibitSlot['attachment']): boolean {
  const { mediaType, fileName } = attachment;
  return /^(audio|video)\//.test(mediaType) || (claimedKind(mediaType, fileName) === undefined && mediaType !== 'message/rfc822' && !isHtml(mediaType));
}

/**
 * The exhibit's file in any case that cites it: its fingerprint, its size, and its bytes (only the first few for
 * a file that is listed rather than printed, read as a stream, so a 500 MB recording is not held in memory).
 */
export interface ExhibitFile {
  sha256: string;
  size: number;
  bytes: Uint8Array;
}

export async function findExhibitFile(slot: ExhibitSlot, input: DossierInput): Promise<ExhibitFile | undefined> {
  const streamed = input.fingerprintAttachment && listedOnly(slot.attachment);
  for (const caseId of new Set(slot.citedBy.map((c) => c.caseModel.record.id))) {
    if (streamed) {
      const print = await input.fingerprintAttachment!(caseId, slot.sha256).catch(() => undefined);
      if (!print) continue;
      input.attachmentHashed?.(caseId, slot.sha256, print.sha256);
      return { sha256: print.sha256, size: print.size, bytes: print.head };
    }
    const raw = await input.readAttachment(caseId, slot.sha256).catch(() => undefined);
    if (!raw) continue;
    // pdf-lib's JPEG reader views `bytes.buffer` from offset 0, which breaks on Node's pooled Buffers: copy those.
    const bytes = raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength ? raw : new Uint8Array(raw);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    input.attachmentHashed?.(caseId, slot.sha256, sha256);
    return { sha256, size: bytes.length, bytes };
  }
  return undefined;
}

function renderedNotice(slot: ExhibitSlot, because: string): string {
  return (
    `${describeExhibit(slot)} went in as pictures of its pages: ${because}, so its pages could not be copied as they are, but a reader can still show them. ` +
    'Their text cannot be selected or searched in the dossier. To include the document itself, attach a repaired copy (for example printed to PDF from a reader that opens it).'
  );
}

async function importFile(bytes: Uint8Array, slot: ExhibitSlot, out: PDFDocument): Promise<ExhibitContent | Problem> {
  const { mediaType, fileName } = slot.attachment;
  // A recording is listed, never read: no need to look through its bytes.
  const media = /^(audio|video)\//.exec(mediaType)?.[1] as 'audio' | 'video' | undefined;
  if (media) return { kind: 'media', what: media };
  const detected = detectKind(bytes);
  if (mediaType === 'message/rfc822' && detected === 'text') return importEmail(bytes);
  if (isHtml(mediaType) && detected === 'text') {
    if (slot.renderedAs) return { kind: 'rendered', rendering: slot.renderedAs };
    return { kind: 'text', text: htmlToText(decodeText(bytes, true)).trim(), webPage: true };
  }
  const claimed = claimedKind(mediaType, fileName);
  if (!claimed) {
    const convertible = detected === 'pdf' || detected === 'png' || detected === 'jpeg' || detected === 'tiff' || detected === 'text';
    return {
      code: 'EXHIBIT_UNSUPPORTED',
      reason: `The file is recorded as ${mediaType}, which cannot be bundled into a PDF; PDF documents, PNG, JPEG and TIFF images, plain text, web pages and emails can.`,
      remedy: convertible
        ? `Its content looks like ${KIND_NAMES[detected]}: correct the attachment's type, or attach it again.`
        : 'Convert it to PDF (for example by printing it to PDF) and attach the PDF to the source.',
    };
  }
  if (detected !== claimed) {
    return {
      code: 'EXHIBIT_TYPE_MISMATCH',
      reason: `The file is recorded as ${KIND_NAMES[claimed]} (${mediaType}) but its content is ${KIND_NAMES[detected]}.`,
      remedy: 'Check that the right file was attached, then attach it again with its correct type.',
    };
  }
  switch (claimed) {
    case 'pdf':
      return importPdf(bytes, out);
    case 'png':
    case 'jpeg':
      return importImage(bytes, claimed, out);
    case 'tiff':
      return importTiff(bytes, out);
    case 'text':
      return { kind: 'text', ...decodePlainText(bytes)! };
  }
}

async function importEmail(bytes: Uint8Array): Promise<ExhibitContent | Problem> {
  // Loaded for the first email exhibit only: postal-mime costs a fresh `casefolio dossier` 10–25 ms of CPU to load.
  const { readEmail } = await import('../../evidence/email');
  const email = await readEmail(bytes);
  return email ? { kind: 'email', ...email } : damaged('the message cannot be read: it has no message headers, or its structure is broken');
}

function importTiff(bytes: Uint8Array, out: PDFDocument): ExhibitContent | Problem {
  try {
    const pages = readTiff(bytes).map((page) => ({ image: { ref: embedTiffPage(bytes, page, out.context), width: page.width, height: page.height }, orientation: page.orientation }));
    return { kind: 'image', format: 'tiff', pages };
  } catch (error) {
    if (error instanceof TiffError) return damaged(error.message);
    if (error instanceof TiffUnsupported) {
      return {
        code: 'EXHIBIT_UNSUPPORTED',
        reason: `The TIFF image cannot be bundled as it is: ${error.message}.`,
        remedy: 'Convert it to PDF (for example by printing it to PDF, or with a scanner program’s “save as PDF”) and attach the PDF to the source.',
      };
    }
    throw error;
  }
}

async function importImage(bytes: Uint8Array, format: 'png' | 'jpeg', out: PDFDocument): Promise<ExhibitContent | Problem> {
  if (format === 'png') return importPng(bytes, out);
  // Cameras may append data after the end marker, so look for it in the file's last 256 KB, not its last bytes.
  const tail = bytes.subarray(Math.max(0, bytes.length - 256 * 1024));
  const hasEnd = tail.some((b, i) => b === 0xff && tail[i + 1] === 0xd9);
  if (!hasEnd) return damaged('the image data stops before its end marker');
  try {
    // pdf-lib reads a JPEG's size from its header and embeds the file as it is, without decoding it.
    const image = await out.embedJpg(bytes);
    if (!(image.width > 0 && image.height > 0)) return damaged('the image has no size');
    return { kind: 'image', format, pages: [{ image, orientation: jpegOrientation(bytes) }] };
  } catch {
    return damaged('the image data cannot be decoded');
  }
}

/** Decoding a PNG takes about ten bytes a pixel: past this, an image that must be decoded is refused. */
const MAX_DECODED_PIXELS = 40_000_000;

async function importPng(bytes: Uint8Array, out: PDFDocument): Promise<ExhibitContent | Problem> {
  let png: PngInfo;
  try {
    png = readPng(bytes);
    if (!needsDecoding(png)) {
      await checkImageData(png);
      return { kind: 'image', format: 'png', pages: [{ image: { ref: embedPngData(png, out.context), width: png.width, height: png.height }, orientation: 1 }] };
    }
  } catch (error) {
    if (error instanceof PngError) return damaged(error.message);
    throw error;
  }
  const pixels = png.width * png.height;
  if (pixels > MAX_DECODED_PIXELS) {
    const size = `${png.width.toLocaleString('en-GB')} × ${png.height.toLocaleString('en-GB')} pixels (${Math.round(pixels / 1e6)} megapixels)`;
    return {
      code: 'EXHIBIT_TOO_LARGE',
      reason: `The image is ${size} and has ${png.interlaced ? 'interlacing' : 'transparency'}, so it would have to be decoded to go into a PDF, which would take about ${Math.ceil((pixels * 10) / 1e9)} GB of memory. Such images are limited to ${MAX_DECODED_PIXELS / 1e6} megapixels.`,
      remedy: 'Save a copy without transparency or interlacing (or as a JPEG or a PDF) and attach it to the source; those go in at any size.',
    };
  }
  try {
    // pdf-lib inflates the whole image data, however far it expands: check first that it stops where the header says.
    await checkImageData(png);
  } catch (error) {
    if (error instanceof PngError) return damaged(error.message);
    throw error;
  }
  try {
    const image = await out.embedPng(bytes);
    return { kind: 'image', format: 'png', pages: [{ image, orientation: 1 }] };
  } catch {
    return damaged('the image data cannot be decoded');
  }
}
