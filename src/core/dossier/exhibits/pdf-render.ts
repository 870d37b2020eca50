/*
 * The last resort for a PDF exhibit whose pages cannot be copied (its cross-reference table broken beyond what
 * raw-pdf and pdf-lib can repair) but which a reader can still show: pdf.js renders each page with
 * @napi-rs/canvas, and the pages go into the dossier as images, with a warning that their text is not
 * selectable. A file no reader can open keeps its placeholder.
 *
 * pdf.js runs in a worker thread with a heap cap and a time limit, as for text extraction (pdf-worker.ts):
 * a hostile file cannot hang or exhaust the export. Each page comes back as deflated RGB rows, ready to be a
 * PDF image stream (FlateDecode, DeviceRGB) without decoding or compressing again in this thread.
 */
import { Worker } from 'node:worker_threads';
import { PDFRawStream, type PDFContext, type PDFRef } from 'pdf-lib';
import { RENDER_INFLATION_LIMITS, findPdfInflationBomb } from '../../evidence/inflate-limits';
import { pdfjsLocations } from '../../evidence/pdf-worker';

export interface RenderedPage {
  /** The page's size in points, as a reader shows it. */
  width: number;
  height: number;
  pixelWidth: number;
  pixelHeight: number;
  /** RGB rows, 8 bits a sample, zlib-compressed. */
  data: Uint8Array;
}

export type RenderResult = { ok: true; pages: RenderedPage[] } | { ok: false; reason: string };

export interface RenderLimits {
  timeoutMs: number;
  maxHeapMb: number;
  maxPages: number;
  /** Pixels a page is rendered from: 2 a point (144 dpi), less for a page so large it would pass `maxPagePixels`. */
  scale: number;
  maxPagePixels: number;
  /** The rendered pages together, compressed: past this the file is not rendered. */
  maxTotalBytes: number;
}

export const RENDER_LIMITS: RenderLimits = {
  timeoutMs: 120_000,
  maxHeapMb: 512,
  maxPages: 500,
  scale: 2,
  maxPagePixels: 16_000_000,
  maxTotalBytes: 256 * 1024 * 1024,
};

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
(async () => {
  const { bytes, pdfjsUrl, cMapUrl, standardFontDataUrl, maxPages, scale, maxPagePixels, only, cover } = workerData;
  const pdfjs = await import(pdfjsUrl);
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    useWorkerFetch: false,
    verbosity: 0,
    maxImageSize: maxPagePixels,
    cMapUrl,
    cMapPacked: true,
    standardFontDataUrl,
  }).promise;
  if (doc.numPages > maxPages) {
    parentPort.postMessage({ type: 'error', reason: 'it has ' + doc.numPages + ' pages, and at most ' + maxPages + ' are rendered' });
    return;
  }
  for (let i = 1; i <= doc.numPages; i++) {
    if (only && !only.includes(i)) continue;
    const page = await doc.getPage(i);
    const base = page.getViewport({ scale: 1 });
    const fit = Math.min(scale, Math.sqrt(maxPagePixels / (base.width * base.height)));
    const viewport = page.getViewport({ scale: fit });
    const w = Math.max(1, Math.ceil(viewport.width));
    const h = Math.max(1, Math.ceil(viewport.height));
    const { canvas, context } = doc.canvasFactory.create(w, h);
    // Paper is white: pdf.js paints only what the page draws.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, w, h);
    await page.render({ canvas, canvasContext: context, viewport }).promise;
    context.fillStyle = '#000000';
    for (const box of (cover && cover[i]) || []) context.fillRect(box.x * fit, box.y * fit, box.width * fit, box.height * fit);
    const rgba = context.getImageData(0, 0, w, h).data;
    const rgb = new Uint8Array(w * h * 3);
    for (let p = 0, q = 0; p < rgba.length; p += 4, q += 3) {
      rgb[q] = rgba[p];
      rgb[q + 1] = rgba[p + 1];
      rgb[q + 2] = rgba[p + 2];
    }
    const data = deflateSync(rgb, { level: 6 });
    doc.canvasFactory.destroy({ canvas, context });
    page.cleanup();
    const copy = new Uint8Array(data);
    parentPort.postMessage({ type: 'page', page: { width: base.width, height: base.height, pixelWidth: w, pixelHeight: h, data: copy } }, [copy.buffer]);
  }
  await doc.destroy();
  parentPort.postMessage({ type: 'done' });
})().catch((error) => {
  parentPort.postMessage({ type: 'error', reason: String((error && error.message) || error) });
});
`;

type WorkerMessage = { type: 'page'; page: RenderedPage } | { type: 'done' } | { type: 'error'; reason: string };

/** A rectangle in a page's top-down space, in points: painted opaque black over the rendered page. */
export interface CoverBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Which pages to render (1-based; default all) and boxes to paint over them once rendered (a redacted
 * dossier's exhibit pages: core/dossier/redaction).
 */
export interface RenderSelection {
  only?: number[];
  cover?: Record<number, CoverBox[]>;
}

/** Renders every page of a PDF (or those selected), or says why it cannot; never throws, never outlives `limits.timeoutMs`. */
export async function renderPdfPages(bytes: Uint8Array, limits: RenderLimits = RENDER_LIMITS, selection: RenderSelection = {}): Promise<RenderResult> {
  // pdf.js inflates and decodes without a cap: a file whose streams would expand past ours is not handed to it.
  const bomb = await findPdfInflationBomb(bytes, RENDER_INFLATION_LIMITS);
  if (bomb) return { ok: false, reason: bomb };
  return new Promise((resolve) => {
    const pages: RenderedPage[] = [];
    let total = 0;
    let settled = false;
    let worker: Worker | undefined;
    const finish = (result: RenderResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker?.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: `rendering it took over ${limits.timeoutMs / 1000} s` }), limits.timeoutMs);
    const copy = new Uint8Array(bytes);
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { bytes: copy.buffer, ...pdfjsLocations(), maxPages: limits.maxPages, scale: limits.scale, maxPagePixels: limits.maxPagePixels, ...selection },
        transferList: [copy.buffer],
        resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, stackSizeMb: 4 },
        stdout: true,
        stderr: true,
      });
    } catch (error) {
      finish({ ok: false, reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    // pdf.js warns about damaged files on stdout/stderr: expected here, and not ours to print.
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'error') finish({ ok: false, reason: message.reason });
      else if (message.type === 'done') finish(pages.length ? { ok: true, pages } : { ok: false, reason: 'it has no pages' });
      else {
        total += message.page.data.byteLength;
        if (total > limits.maxTotalBytes) finish({ ok: false, reason: `its pages as images would take over ${limits.maxTotalBytes / 2 ** 20} MiB` });
        else pages.push(message.page);
      }
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish({ ok: false, reason: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `rendering it needed over ${limits.maxHeapMb} MB` : error.message }),
    );
    worker.on('exit', (code) => finish({ ok: false, reason: `the renderer stopped with code ${code}` }));
  });
}

/** A rendered page as an image XObject whose stream is the worker's deflated RGB, as it is. */
export function embedRenderedPage(page: RenderedPage, context: PDFContext): PDFRef {
  const dict = context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: page.pixelWidth,
    Height: page.pixelHeight,
    BitsPerComponent: 8,
    ColorSpace: 'DeviceRGB',
    Filter: 'FlateDecode',
    Length: page.data.byteLength,
  });
  return context.register(PDFRawStream.of(dict, page.data));
}
