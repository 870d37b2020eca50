/*
 * The text of stored attachments, for search and for quoting with a page number: extracted here and kept in
 * the text cache (storage/text-cache.ts: <library>/.cache/text/<sha256>.json, with `truncated` or `error` when
 * the text is partial or could not be read). Safe to delete: `deriveText` derives it again from the stored file.
 *
 * PDFs are read in a capped worker (pdf-worker.ts), keeping the printed page labels so a quotation can cite
 * "p. iv" rather than the PDF's page index; plain text and HTML (reduced to text) are one page labelled "1".
 */
import { readCachedText, writeCachedText, type CachedText } from '../storage/text-cache';
import { emailAsText, readEmail } from './email';
import { decodeText, htmlToText, isHtml } from './html-text';
import { DEFAULT_LIMITS, extractPdfText, type ExtractedPage, type ExtractionLimits } from './pdf-worker';

export type { ExtractedPage, ExtractionLimits } from './pdf-worker';
// The cache's format is storage's (storage/text-cache.ts); these names are what the evidence side calls it.
export { textCachePath, readCachedText as readExtractedText, writeCachedText as writeExtractedText } from '../storage/text-cache';
export type ExtractedText = CachedText;

/** Media types whose text is extracted. Images, audio and video have none without OCR or transcription. */
export function hasExtractableText(mediaType: string): boolean {
  return mediaType === 'application/pdf' || mediaType === 'message/rfc822' || isHtml(mediaType) || /^text\/(plain|markdown|csv|x-markdown)$/.test(mediaType);
}

/** Reads the text of a file from its bytes. Never throws for a bad file: the failure is in `error`. */
export async function extractText(sha256: string, bytes: Uint8Array, mediaType: string, limits: ExtractionLimits = DEFAULT_LIMITS): Promise<ExtractedText> {
  if (mediaType === 'application/pdf') {
    const result = await extractPdfText(bytes, limits);
    if (!result.ok) return { sha256, pages: [], error: { code: result.code, message: `The PDF’s text could not be extracted: ${result.message}.` } };
    return result.truncated ? { sha256, pages: result.pages, truncated: true } : { sha256, pages: result.pages };
  }
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
  return text.length > limits.maxChars ? { sha256, pages: [page], truncated: true } : { sha256, pages: [page] };
}

/**
 * The text of one stored file, extracted and cached if it is not cached yet. Returns undefined for media
 * types with no text. `force` extracts again even when cached (after a pdf.js upgrade, say).
 */
export async function deriveText(
  libraryDir: string,
  sha256: string,
  bytes: Uint8Array,
  mediaType: string,
  options: { limits?: ExtractionLimits; force?: boolean } = {},
): Promise<ExtractedText | undefined> {
  if (!hasExtractableText(mediaType)) return undefined;
  if (!options.force) {
    const cached = await readCachedText(libraryDir, sha256);
    if (cached) return cached;
  }
  const text = await extractText(sha256, bytes, mediaType, options.limits ?? DEFAULT_LIMITS);
  await writeCachedText(libraryDir, text);
  return text;
}
