/*
 * pdf.js in the window, for the dossier preview and viewer. Its worker is a file of the bundle (worker-src
 * 'self'), eval is off (script-src has no 'unsafe-eval'), and fonts are loaded from the PDF's bytes through the
 * FontFace API, which the CSP does not restrict; nothing is fetched from anywhere.
 */
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export type PdfDocument = PDFDocumentProxy;

export interface OutlineItem {
  title: string;
  /** 1-based; undefined when the bookmark points nowhere this document holds. */
  page?: number;
  items: OutlineItem[];
}

export function openPdf(base64: string): Promise<PdfDocument> {
  const binary = atob(base64);
  const data = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
  return getDocument({ data, isEvalSupported: false, enableXfa: false, useSystemFonts: false, verbosity: 0 }).promise;
}

/** Draws a page into the canvas at `width` CSS pixels (sharp on high-density screens). */
export async function renderPage(doc: PdfDocument, pageNumber: number, canvas: HTMLCanvasElement, width: number): Promise<void> {
  const page = await doc.getPage(pageNumber);
  const unscaled = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (width / unscaled.width) * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  await page.render({ canvas, viewport }).promise;
}

/** The document's bookmarks with the page each opens. */
export async function readOutline(doc: PdfDocument): Promise<OutlineItem[]> {
  const pageOf = async (dest: unknown): Promise<number | undefined> => {
    try {
      const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[] | null);
      const ref = explicit?.[0];
      if (ref === undefined || ref === null) return undefined;
      return typeof ref === 'number' ? ref + 1 : (await doc.getPageIndex(ref as Parameters<PdfDocument['getPageIndex']>[0])) + 1;
    } catch {
      return undefined;
    }
  };
  const walk = async (items: Awaited<ReturnType<PdfDocument['getOutline']>> | null): Promise<OutlineItem[]> =>
    Promise.all((items ?? []).map(async (i) => ({ title: i.title, page: await pageOf(i.dest), items: await walk(i.items) })));
  return walk(await doc.getOutline());
}
