/*
 * What a PDF says in words, with where each word stands: every page's text items (in the page's top-down space
 * at 72 dpi), whether it paints pictures, its annotations' texts and addresses, and the document's information
 * dictionary, XMP packet and bookmark titles. The redaction of exhibits reads pages from it (where to put the
 * boxes, which pages are scans); the export's own check reads all of it from the finished dossier.
 *
 * pdf.js runs in a worker thread with a heap cap and a time limit, after a check for decompression bombs
 * (evidence/pdf-worker-host.ts).
 */
import { RENDER_INFLATION_LIMITS, TEXT_INFLATION_LIMITS } from '../../evidence/inflate-limits';
import { runPdfWorker, type PdfTask, type PdfWorker } from '../../evidence/pdf-worker-host';

export interface InspectedItem {
  str: string;
  /** Left end of the baseline, top-down page space (points). */
  x: number;
  baseline: number;
  /** Font size and advance width, in points; `horizontal` false for rotated or vertical text. */
  size: number;
  width: number;
  horizontal: boolean;
  hasEOL: boolean;
  /**
   * Each character's advance in points, from its font's glyph widths, scaled to `width` (which also holds the
   * spacing between characters and words); undefined when the font's widths are not known.
   */
  advances?: number[];
}

export interface InspectedPage {
  width: number;
  height: number;
  items: InspectedItem[];
  /** The page paints at least one picture: with no text, it is a scan (read only with `layout`). */
  hasImages: boolean;
  /** URIs, contents and titles of its annotations. */
  annotationTexts: string[];
}

export interface InspectedPdf {
  pages: InspectedPage[];
  /** The information dictionary's text entries, by key. */
  info: Record<string, string>;
  xmp?: string;
  bookmarks: string[];
}

export type InspectResult = { ok: true; pdf: InspectedPdf } | { ok: false; reason: string };

/** The task run in the pdf.js worker (evidence/pdf-worker-host.ts); its result is an InspectedPdf. */
const INSPECT_TASK: PdfTask = {
  name: 'inspect',
  doing: 'reading',
  source: String.raw`async (pdfjs, data, { maxPages, layout }, send, { cMapUrl, standardFontDataUrl }) => {
  const doc = await pdfjs.getDocument({
    data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
    useWorkerFetch: false, verbosity: 0, cMapUrl, cMapPacked: true, standardFontDataUrl,
    fontExtraProperties: layout,
  }).promise;
  try {
    if (doc.numPages > maxPages) throw new Error('it has ' + doc.numPages + ' pages; at most ' + maxPages + ' are read');
    const IMAGE_OPS = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageMaskXObject,
      pdfjs.OPS.paintImageXObjectRepeat, pdfjs.OPS.paintInlineImageXObjectGroup, pdfjs.OPS.paintImageMaskXObjectGroup]);
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      // Loads the page's fonts into commonObjs, with their glyph widths (fontExtraProperties): only where boxes are placed.
      const ops = layout ? await page.getOperatorList() : null;
      const widthsOf = new Map();
      const fontWidths = (fontName) => {
        if (widthsOf.has(fontName)) return widthsOf.get(fontName);
        let measure = null;
        const font = page.commonObjs.has(fontName) ? page.commonObjs.get(fontName) : null;
        if (font && font.widths && !font.vertical) {
          const codeOf = new Map();
          const map = font.toUnicode && font.toUnicode._map;
          if (map) for (const code of Object.keys(map)) if (typeof map[code] === 'string' && !codeOf.has(map[code])) codeOf.set(map[code], Number(code));
          measure = (ch) => {
            const w = font.widths[codeOf.has(ch) ? codeOf.get(ch) : ch.charCodeAt(0)];
            return typeof w === 'number' && w > 0 ? w : font.defaultWidth > 0 ? font.defaultWidth : 500;
          };
        }
        widthsOf.set(fontName, measure);
        return measure;
      };
      const items = [];
      for (const item of content.items) {
        if (typeof item.str !== 'string') continue;
        const tx = pdfjs.Util.transform(viewport.transform, item.transform);
        const size = Math.hypot(tx[2], tx[3]);
        const measure = layout && item.str.length > 1 ? fontWidths(item.fontName) : null;
        let advances;
        if (measure) {
          const raw = Array.from(item.str, measure);
          const total = raw.reduce((a, b) => a + b, 0);
          // Array.from splits by code point; the matcher's offsets count UTF-16 units: only plain strings are measured.
          if (total > 0 && raw.length === item.str.length) advances = raw.map((w) => (w / total) * item.width);
        }
        items.push({ str: item.str, x: tx[4], baseline: tx[5], size, width: item.width, horizontal: Math.abs(tx[1]) < 0.01 * size && tx[0] > 0, hasEOL: !!item.hasEOL, advances });
      }
      const hasImages = ops ? ops.fnArray.some((fn) => IMAGE_OPS.has(fn)) : false;
      const annotationTexts = [];
      for (const a of await page.getAnnotations()) {
        for (const s of [a.url, a.unsafeUrl, a.contentsObj && a.contentsObj.str, a.titleObj && a.titleObj.str, a.fieldValue]) {
          if (typeof s === 'string' && s) annotationTexts.push(s);
        }
      }
      pages.push({ width: viewport.width, height: viewport.height, items, hasImages, annotationTexts });
      page.cleanup();
    }
    const meta = await doc.getMetadata();
    const info = {};
    for (const [key, value] of Object.entries(meta.info || {})) {
      if (typeof value === 'string') info[key] = value;
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (typeof v === 'string') info[key + '.' + k] = v;
    }
    const xmp = meta.metadata && typeof meta.metadata.getRaw === 'function' ? meta.metadata.getRaw() : undefined;
    const bookmarks = [];
    const walk = (nodes) => { for (const n of nodes || []) { bookmarks.push(n.title); walk(n.items); } };
    walk(await doc.getOutline());
    return { pages, info, xmp: typeof xmp === 'string' ? xmp : undefined, bookmarks };
  } finally {
    await doc.destroy();
  }
}`,
};

export interface InspectOptions {
  /**
   * Glyph widths and pictures too: what placing boxes and finding scans need. The check of a finished dossier
   * needs only the words, and reads several times faster without them.
   */
  layout: boolean;
}

export interface InspectLimits {
  timeoutMs: number;
  maxHeapMb: number;
  maxPages: number;
}

export const INSPECT_LIMITS: InspectLimits = { timeoutMs: 300_000, maxHeapMb: 1024, maxPages: 20_000 };

/**
 * Reads a PDF's words and where they stand; never throws, never outlives `limits.timeoutMs`. In `worker` when given
 * (a redacted export reads many files in one), else in a worker of its own.
 */
export async function inspectPdf(bytes: Uint8Array, options: InspectOptions, limits: InspectLimits = INSPECT_LIMITS, worker?: PdfWorker): Promise<InspectResult> {
  const params = { maxPages: limits.maxPages, layout: options.layout };
  // Placing boxes asks pdf.js for each page's drawing operations, which decodes its pictures: they count then.
  const jobLimits = { timeoutMs: limits.timeoutMs, inflation: options.layout ? RENDER_INFLATION_LIMITS : TEXT_INFLATION_LIMITS };
  const result = worker
    ? await worker.run<InspectedPdf>(INSPECT_TASK, bytes, params, jobLimits)
    : await runPdfWorker<InspectedPdf>(INSPECT_TASK, bytes, params, { ...jobLimits, maxHeapMb: limits.maxHeapMb });
  return result.ok ? { ok: true, pdf: result.value } : result;
}

/** A page's text as one string (a line break after each line), with the item and offset each character came from. */
export function pageText(page: InspectedPage): { text: string; origin: ({ item: number; offset: number } | undefined)[] } {
  let text = '';
  const origin: ({ item: number; offset: number } | undefined)[] = [];
  page.items.forEach((item, i) => {
    for (let k = 0; k < item.str.length; k++) {
      text += item.str[k];
      origin.push({ item: i, offset: k });
    }
    const next = page.items[i + 1];
    // A new line without pdf.js's end-of-line mark still separates words: "Jane" at a line's end, "Doe" below.
    const newLine = item.hasEOL || (next !== undefined && Math.abs(next.baseline - item.baseline) > item.size / 2);
    if (newLine && !/\s$/.test(item.str)) {
      text += '\n';
      origin.push(undefined);
    }
  });
  return { text, origin };
}
