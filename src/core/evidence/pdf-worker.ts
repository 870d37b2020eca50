/*
 * Reads the text of a PDF in a worker thread, so a hostile or huge file cannot hang or exhaust the app:
 * the worker runs with a heap cap (resourceLimits) and is terminated when it overruns its time. pdf.js
 * (the legacy build, which runs on Node 20) is loaded inside the worker with eval turned off.
 *
 * The worker's code is a string run with `eval: true` rather than a file beside this one: a file path
 * would break once the main process is bundled, while the pdf.js module itself is resolved here, in the
 * parent, and handed to the worker as an absolute URL.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

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
  | { ok: false; code: ExtractionFailureCode; message: string };

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { bytes, pdfjsUrl, cMapUrl, standardFontDataUrl, maxPages, maxChars } = workerData;
  const pdfjs = await import(pdfjsUrl);
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    verbosity: 0,
    cMapUrl,
    cMapPacked: true,
    standardFontDataUrl,
  });
  const doc = await task.promise;
  if (doc.numPages > maxPages) {
    parentPort.postMessage({ ok: false, code: 'TOO_MANY_PAGES', message: 'it has ' + doc.numPages + ' pages; at most ' + maxPages + ' are read' });
    return;
  }
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
  await doc.destroy();
  parentPort.postMessage({ ok: true, pages, truncated });
})().catch((error) => {
  const name = error && error.name;
  const code = name === 'PasswordException' ? 'ENCRYPTED' : name === 'InvalidPDFException' ? 'NOT_A_PDF' : 'FAILED';
  parentPort.postMessage({ ok: false, code, message: String((error && error.message) || error) });
});
`;

export interface PdfjsLocations {
  pdfjsUrl: string;
  cMapUrl: string;
  standardFontDataUrl: string;
}

let locations: PdfjsLocations | undefined;

/** Where pdf.js, its cMaps and its standard fonts are, for a worker to load them. */
export function pdfjsLocations(): PdfjsLocations {
  if (!locations) {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
    const root = path.resolve(path.dirname(entry), '..', '..');
    // In Node, pdf.js reads cMaps and standard fonts with fs: it wants folder paths ending in a separator.
    locations = {
      pdfjsUrl: pathToFileURL(entry).href,
      cMapUrl: path.join(root, 'cmaps') + path.sep,
      standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    };
  }
  return locations;
}

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
export function extractPdfText(bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_LIMITS): Promise<PdfTextResult> {
  return new Promise((resolve) => {
    // One copy, transferred: the caller keeps its bytes, and the worker gets its own without a second copy.
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    let settled = false;
    let worker: Worker | undefined;
    const finish = (result: PdfTextResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker?.terminate();
      resolve(result);
    };
    const fail = (code: ExtractionFailureCode, detail?: string) => finish({ ok: false, code, message: detail ? `${FAILURE_TEXT[code]} (${detail})` : FAILURE_TEXT[code] });
    const timer = setTimeout(() => fail('TIMEOUT', `over ${formatMs(limits.timeoutMs)}`), limits.timeoutMs);
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { bytes: copy.buffer, ...pdfjsLocations(), maxPages: limits.maxPages, maxChars: limits.maxChars },
        transferList: [copy.buffer],
        resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(4, limits.maxHeapMb / 8)), stackSizeMb: 4 },
        stdout: true,
        stderr: true,
      });
    } catch (error) {
      fail('FAILED', error instanceof Error ? error.message : String(error));
      return;
    }
    // pdf.js warns on stdout/stderr about damaged files; those are not ours to print.
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on('message', (message: PdfTextResult) => {
      if (message.ok) finish(message);
      else finish({ ok: false, code: message.code, message: `${FAILURE_TEXT[message.code]} (${message.message})` });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') fail('OUT_OF_MEMORY', `over ${limits.maxHeapMb} MB`);
      else fail('FAILED', error.message);
    });
    worker.on('exit', (code) => fail('FAILED', `the reader stopped with code ${code}`));
  });
}
