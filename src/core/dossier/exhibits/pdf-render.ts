/*
 * The last resort for a PDF exhibit whose pages cannot be copied (its cross-reference table broken beyond what
 * raw-pdf and pdf-lib can repair) but which a reader can still show: pdf.js renders each page with
 * @napi-rs/canvas, and the pages go into the dossier as images, with a warning that their text is not
 * selectable. A file no reader can open keeps its placeholder.
 *
 * pdf.js runs in a worker thread with a heap cap and a time limit, after a check for decompression bombs
 * (evidence/pdf-worker-host.ts): a hostile file cannot hang or exhaust the export. Each page comes back as deflated RGB rows, ready to be a
 * PDF image stream (FlateDecode, DeviceRGB) without decoding or compressing again in this thread.
 */
import { PDFRawStream, type PDFContext, type PDFRef } from 'pdf-lib';
import { RENDER_INFLATION_LIMITS } from '../../evidence/inflate-limits';
import { runPdfWorker, type PdfTask, type PdfWorker } from '../../evidence/pdf-worker-host';

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

/** The task run in the pdf.js worker (evidence/pdf-worker-host.ts): each page sent as it is made, the result is the count. */
const RENDER_TASK: PdfTask = {
  name: 'render',
  doing: 'rendering',
  source: String.raw`async (pdfjs, data, { maxPages, scale, maxPagePixels, only, cover }, send, { cMapUrl, standardFontDataUrl, require }) => {
  const { deflateSync } = require('node:zlib');
  const doc = await pdfjs.getDocument({
    data,
    isEvalSupported: false,
    useSystemFonts: false,
    useWorkerFetch: false,
    verbosity: 0,
    maxImageSize: maxPagePixels,
    cMapUrl,
    cMapPacked: true,
    standardFontDataUrl,
  }).promise;
  try {
    if (doc.numPages > maxPages) throw new Error('it has ' + doc.numPages + ' pages, and at most ' + maxPages + ' are rendered');
    let count = 0;
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
      const compressed = deflateSync(rgb, { level: 6 });
      doc.canvasFactory.destroy({ canvas, context });
      page.cleanup();
      const copy = new Uint8Array(compressed);
      send({ width: base.width, height: base.height, pixelWidth: w, pixelHeight: h, data: copy }, [copy.buffer]);
      count++;
    }
    return count;
  } finally {
    await doc.destroy();
  }
}`,
};

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

/**
 * Renders every page of a PDF (or those selected), or says why it cannot; never throws, never outlives
 * `limits.timeoutMs`. In `worker` when given (a redacted export renders many files in one), else in a worker of its own.
 */
export async function renderPdfPages(bytes: Uint8Array, limits: RenderLimits = RENDER_LIMITS, selection: RenderSelection = {}, worker?: PdfWorker): Promise<RenderResult> {
  const pages: RenderedPage[] = [];
  let total = 0;
  const onPage = (page: RenderedPage) => {
    total += page.data.byteLength;
    if (total > limits.maxTotalBytes) return `its pages as images would take over ${limits.maxTotalBytes / 2 ** 20} MiB`;
    pages.push(page);
    return undefined;
  };
  const params = { maxPages: limits.maxPages, scale: limits.scale, maxPagePixels: limits.maxPagePixels, ...selection };
  const jobLimits = { timeoutMs: limits.timeoutMs, inflation: RENDER_INFLATION_LIMITS };
  const result = worker
    ? await worker.run<number, RenderedPage>(RENDER_TASK, bytes, params, jobLimits, onPage)
    : await runPdfWorker<number, RenderedPage>(RENDER_TASK, bytes, params, { ...jobLimits, maxHeapMb: limits.maxHeapMb }, onPage);
  if (!result.ok) return result;
  return pages.length ? { ok: true, pages } : { ok: false, reason: 'it has no pages' };
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
