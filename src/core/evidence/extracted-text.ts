/*
 * The text of stored attachments, for search and for quoting with a page number: extracted here and kept in
 * the text cache (storage/text-cache.ts: <library>/.cache/text/<sha256>.json, with `truncated` or `error` when
 * the text is partial or could not be read). Safe to delete: `deriveText` derives it again from the stored file.
 *
 * PDFs are read in the capped pdf.js worker (pdf-worker.ts, a task of pdf-worker-host.ts), keeping the printed page labels so a quotation can cite
 * "p. iv" rather than the PDF's page index; plain text and HTML (reduced to text) are one page labelled "1".
 */
import { promises as fs } from 'node:fs';
import { readCachedText, writeCachedText, type CachedText } from '../storage/text-cache';
import { emailAsText, readEmail } from './email';
import { decodeText, htmlToText, isHtml } from './html-text';
import { DEFAULT_LIMITS, extractPdfText, type ExtractedPage, type ExtractionLimits } from './pdf-worker';

export type { ExtractedPage, ExtractionLimits } from './pdf-worker';
// The cache's format is storage's (storage/text-cache.ts); these names are what the evidence side calls it.
export type ExtractedText = CachedText;

/** Media types whose text is extracted. Images, audio and video have none without OCR or transcription. */
export function hasExtractableText(mediaType: string): boolean {
  return mediaType === 'application/pdf' || mediaType === 'message/rfc822' || isHtml(mediaType) || /^text\/(plain|markdown|csv|x-markdown)$/.test(mediaType);
}

const mib = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MiB`;

/** Reads the text of a file from its bytes. Never throws for a bad file: the failure is in `error`. */
export async function extractText(sha256: string, bytes: Uint8Array, mediaType: string, limits: ExtractionLimits = DEFAULT_LIMITS): Promise<ExtractedText> {
  if (mediaType === 'application/pdf') {
    if (bytes.byteLength > limits.maxPdfBytes) return pdfTooLarge(sha256, bytes.byteLength, limits);
    const result = await extractPdfText(bytes, limits);
    if (!result.ok && result.refused) {
      return { sha256, pages: [], error: { code: result.code, message: `The PDF’s text was not extracted: ${result.message}, which is more than a page’s text needs (it may be a decompression bomb).` } };
    }
    if (!result.ok) return { sha256, pages: [], error: { code: result.code, message: `The PDF’s text could not be extracted: ${result.message}.` } };
    return result.truncated ? { sha256, pages: result.pages, truncated: true } : { sha256, pages: result.pages };
  }
  const cut = bytes.byteLength > limits.maxTextBytes;
  if (cut) bytes = cutAtCharacter(bytes, limits.maxTextBytes);
  let text: string;
  if (mediaType === 'message/rfc822') {
    const email = await readEmail(bytes);
    if (!email) return { sha256, pages: [], error: { code: 'NOT_AN_EMAIL', message: 'The email could not be read: it has no message headers, or its structure is broken.' } };
    text = emailAsText(email);
  } else {
    text = decodeText(bytes, isHtml(mediaType));
    if (isHtml(mediaType)) text = htmlToText(text);
  }
  const page: ExtractedPage = { index: 0, label: '1', text: text.slice(0, limits.maxChars) };
  return cut || text.length > limits.maxChars ? { sha256, pages: [page], truncated: true } : { sha256, pages: [page] };
}

function pdfTooLarge(sha256: string, size: number, limits: ExtractionLimits): ExtractedText {
  return { sha256, pages: [], error: { code: 'TOO_LARGE', message: `The PDF’s text was not extracted: it is ${mib(size)}, and text is read from PDFs of up to ${mib(limits.maxPdfBytes)}.` } };
}

/**
 * The first `max` bytes, ending on a whole character: a UTF-8 sequence cut in half would make the strict
 * UTF-8 decoder give up and read the whole text as Windows-1252. UTF-16 is cut at an even length.
 */
function cutAtCharacter(bytes: Uint8Array, max: number): Uint8Array {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  let end = utf16 ? max - (max % 2) : max;
  if (!utf16) while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/**
 * The text of a stored file, read from disk no more than extraction needs: a PDF whole (up to the limit, past
 * which it is not read at all), any other file only its first `maxTextBytes`.
 */
export async function extractTextFromFile(sha256: string, filePath: string, mediaType: string, limits: ExtractionLimits = DEFAULT_LIMITS): Promise<ExtractedText> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    if (mediaType === 'application/pdf' && size > limits.maxPdfBytes) return pdfTooLarge(sha256, size, limits);
    // One byte past the text limit, so that extractText sees the file is longer and marks the text truncated.
    const length = mediaType === 'application/pdf' ? size : Math.min(size, limits.maxTextBytes + 1);
    const bytes = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(bytes, read, length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return extractText(sha256, bytes.subarray(0, read), mediaType, limits);
  } finally {
    await handle.close();
  }
}

/**
 * The text of one stored file, extracted and cached if it is not cached yet. Returns undefined for media
 * types with no text. `force` extracts again even when cached (after a pdf.js upgrade, say). The file is
 * given by its path, so a huge one is never read whole into memory.
 */
export async function deriveText(
  libraryDir: string,
  sha256: string,
  filePath: string,
  mediaType: string,
  options: { limits?: ExtractionLimits; force?: boolean } = {},
): Promise<ExtractedText | undefined> {
  if (!hasExtractableText(mediaType)) return undefined;
  if (!options.force) {
    const cached = await readCachedText(libraryDir, sha256);
    if (cached) return cached;
  }
  const text = await extractTextFromFile(sha256, filePath, mediaType, options.limits ?? DEFAULT_LIMITS);
  await writeCachedText(libraryDir, text);
  return text;
}
