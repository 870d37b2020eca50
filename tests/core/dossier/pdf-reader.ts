/*
 * Reads a built dossier back with pdfjs-dist (legacy build, as in Node), for tests: text per page with positions,
 * link annotations with their resolved destinations, the outline, metadata.
 */
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Direction of the text's baseline in the page's own space, rounded: [1, 0] runs left to right. */
  dir: [number, number];
  /** The font's PostScript name without its subset tag, e.g. "DejaVuSerif-Italic". */
  font: string;
}

export interface LinkInfo {
  rect: [number, number, number, number];
  /** 1-based page of an internal link's destination. */
  destPage?: number;
  url?: string;
}

export interface OutlineNode {
  title: string;
  page?: number;
  /** How the destination shows the page: "XYZ", "Fit", "FitH"…, with its numbers. */
  view?: string;
  /** pdf.js's count: positive when the entry is open, negative when closed, absent without children. */
  count?: number;
  items: OutlineNode[];
}

export class PdfReader {
  private constructor(readonly doc: PDFDocumentProxy) {}

  static async open(bytes: Uint8Array): Promise<PdfReader> {
    const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
    return new PdfReader(doc);
  }

  get pageCount(): number {
    return this.doc.numPages;
  }

  async items(page: number): Promise<TextItem[]> {
    const p = await this.doc.getPage(page);
    const content = await p.getTextContent();
    // Fonts are loaded into commonObjs by the operator list; text content only names them ("g_d0_f4").
    await p.getOperatorList();
    const fontName = (id: string) => {
      const font = p.commonObjs.has(id) ? (p.commonObjs.get(id) as { name?: string }) : undefined;
      return (font?.name ?? id).replace(/^[A-Z]{6}\+/, '');
    };
    return content.items
      .filter((i): i is Extract<typeof i, { str: string }> => 'str' in i)
      .filter((i) => i.str.length > 0)
      .map((i) => {
        const [a, b] = i.transform as number[];
        const len = Math.hypot(a, b) || 1;
        return {
          str: i.str,
          x: i.transform[4],
          y: i.transform[5],
          width: i.width,
          height: i.height,
          dir: [Math.round(a / len), Math.round(b / len)] as [number, number],
          font: fontName(i.fontName),
        };
      });
  }

  /** The page's text with lines joined by newlines (items on one baseline joined by spaces). */
  async text(page: number): Promise<string> {
    const items = await this.items(page);
    const lines = new Map<number, TextItem[]>();
    for (const item of items) {
      const key = Math.round(item.y);
      lines.set(key, [...(lines.get(key) ?? []), item]);
    }
    return [...lines.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, line]) => line.sort((a, b) => a.x - b.x).map((i) => i.str).join(' '))
      .join('\n');
  }

  async destPage(dest: unknown): Promise<number | undefined> {
    const explicit = typeof dest === 'string' ? await this.doc.getDestination(dest) : (dest as unknown[] | null);
    if (!explicit || !explicit[0]) return undefined;
    return (await this.doc.getPageIndex(explicit[0] as { num: number; gen: number })) + 1;
  }

  /** A destination's view as text: "XYZ 72 200 0", "Fit". */
  async view(dest: unknown): Promise<string | undefined> {
    const explicit = typeof dest === 'string' ? await this.doc.getDestination(dest) : (dest as unknown[] | null);
    if (!explicit) return undefined;
    return explicit
      .slice(1)
      .map((v) => (v && typeof v === 'object' && 'name' in v ? (v as { name: string }).name : String(v)))
      .join(' ');
  }

  async links(page: number): Promise<LinkInfo[]> {
    const p = await this.doc.getPage(page);
    const annotations = await p.getAnnotations();
    const out: LinkInfo[] = [];
    for (const a of annotations) {
      if (a.subtype !== 'Link') continue;
      out.push({ rect: a.rect, url: a.url ?? undefined, destPage: a.dest ? await this.destPage(a.dest) : undefined });
    }
    return out;
  }

  async outline(): Promise<OutlineNode[]> {
    const walk = async (items: Awaited<ReturnType<PDFDocumentProxy['getOutline']>>): Promise<OutlineNode[]> =>
      Promise.all(
        (items ?? []).map(async (i) => ({ title: i.title, page: await this.destPage(i.dest), view: await this.view(i.dest), count: i.count, items: await walk(i.items) })),
      );
    return walk(await this.doc.getOutline());
  }

  async metadata(): Promise<Record<string, unknown>> {
    const { info } = await this.doc.getMetadata();
    return info as Record<string, unknown>;
  }

  async close(): Promise<void> {
    await this.doc.destroy();
  }
}
