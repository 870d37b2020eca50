/*
 * Reads the text of a PDF, a task in the one pdf.js harness (pdf-worker-host.ts): in a worker thread with a heap
 * cap and a time limit, after the file was checked for streams that would inflate past the caps for text, so a
 * hostile or huge file cannot hang or exhaust the app. Each page keeps its printed label ("iv"), so a quotation
 * can cite the page a reader sees.
 */
import { TEXT_INFLATION_LIMITS } from './inflate-limits';
import { attemptPdfWorker, type PdfTask } from './pdf-worker-host';

export interface ExtractedPage {
  /** 0-based position in the file. */
  index: number;
  /** The printed page number ("iv", "12", "A-3"), from the PDF's page labels; else index + 1. */
  label: string;
  text: string;
}

export interface ExtractionLimits {
  /** Wall-clock time for the whole file, worker start-up included. */
  timeoutMs: number;
  /** Heap cap of the worker (V8 old generation). */
  maxHeapMb: number;
  /** A file claiming more pages than this is refused rather than read. */
  maxPages: number;
  /** Text beyond this many characters (the whole file) is not kept. */
  maxChars: number;
  /** pdf.js needs a whole PDF in memory: a larger PDF's text is not extracted. */
  maxPdfBytes: number;
  /** Of a plain-text, HTML or email file, only this many leading bytes are read. */
  maxTextBytes: number;
}

export const DEFAULT_LIMITS: ExtractionLimits = {
  timeoutMs: 60_000,
  maxHeapMb: 512,
  maxPages: 10_000,
  maxChars: 20_000_000,
  maxPdfBytes: 128 * 1024 * 1024,
  maxTextBytes: 32 * 1024 * 1024,
};

export type ExtractionFailureCode = 'TIMEOUT' | 'OUT_OF_MEMORY' | 'NOT_A_PDF' | 'ENCRYPTED' | 'TOO_MANY_PAGES' | 'TOO_LARGE' | 'FAILED';

export type PdfTextResult =
  | { ok: true; pages: ExtractedPage[]; truncated: boolean }
  /** `refused`: not given to pdf.js at all (a stream would inflate past the caps), rather than failed while read. */
  | { ok: false; code: ExtractionFailureCode; message: string; refused?: true };

/** The task run in the pdf.js worker; a failure it can name (a password, not a PDF, too many pages) is returned as a value, keeping its code. */
const TEXT_TASK: PdfTask = {
  name: 'text',
  doing: 'reading',
  source: String.raw`async (pdfjs, data, { maxPages, maxChars }, send, { cMapUrl, standardFontDataUrl }) => {
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
      useWorkerFetch: false, verbosity: 0, cMapUrl, cMapPacked: true, standardFontDataUrl,
    }).promise;
  } catch (error) {
    const name = error && error.name;
    const code = name === 'PasswordException' ? 'ENCRYPTED' : name === 'InvalidPDFException' ? 'NOT_A_PDF' : 'FAILED';
    return { ok: false, code, message: String((error && error.message) || error) };
  }
  try {
    if (doc.numPages > maxPages) return { ok: false, code: 'TOO_MANY_PAGES', message: 'it has ' + doc.numPages + ' pages; at most ' + maxPages + ' are read' };
    let labels = null;
    try { labels = await doc.getPageLabels(); } catch { labels = null; }
    const pages = [];
    let total = 0;
    let truncated = false;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (typeof item.str !== 'string') continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      text = text.replace(/[ \t]+\n/g, '\n').trimEnd();
      if (total + text.length > maxChars) { text = text.slice(0, Math.max(0, maxChars - total)); truncated = true; }
      total += text.length;
      const label = labels && typeof labels[i - 1] === 'string' && labels[i - 1].trim() ? labels[i - 1].trim() : String(i);
      pages.push({ index: i - 1, label, text });
      page.cleanup();
      if (truncated) break;
    }
    return { ok: true, pages, truncated };
  } finally {
    await doc.destroy();
  }
}`,
};

const FAILURE_TEXT: Record<ExtractionFailureCode, string> = {
  TIMEOUT: 'reading it took too long',
  OUT_OF_MEMORY: 'reading it needed too much memory',
  NOT_A_PDF: 'it is not a readable PDF',
  ENCRYPTED: 'it is password-protected',
  TOO_MANY_PAGES: 'it has too many pages',
  TOO_LARGE: 'it is too large to read',
  FAILED: 'it could not be read',
};

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** Reads every page's text and printed page label; never throws, never outlives `limits.timeoutMs`. */
export async function extractPdfText(bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_LIMITS): Promise<PdfTextResult> {
  const params = { maxPages: limits.maxPages, maxChars: limits.maxChars };
  const outcome = await attemptPdfWorker<PdfTextResult>(TEXT_TASK, bytes, params, { timeoutMs: limits.timeoutMs, maxHeapMb: limits.maxHeapMb, inflation: TEXT_INFLATION_LIMITS });
  const failed = (code: ExtractionFailureCode, detail: string): PdfTextResult => ({ ok: false, code, message: `${FAILURE_TEXT[code]} (${detail})` });
  if (outcome.ok) return outcome.value.ok ? outcome.value : failed(outcome.value.code, outcome.value.message);
  if (outcome.kind === 'inflation') return { ok: false, code: 'TOO_LARGE', message: outcome.reason, refused: true };
  if (outcome.kind === 'timeout') return failed('TIMEOUT', `over ${formatMs(limits.timeoutMs)}`);
  if (outcome.kind === 'memory') return failed('OUT_OF_MEMORY', `over ${limits.maxHeapMb} MB`);
  return failed('FAILED', outcome.reason);
}
