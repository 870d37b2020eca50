/*
 * Display items → PDF content-stream operators, written as text directly rather than through pdf-lib's
 * operator objects: one BT…ET block per run of text items, font and colour set only when they change, glyphs
 * encoded from the FontSet's caches. This is where most of the speed comes from (see bench/README.md).
 */
import { deflateSync } from 'node:zlib';
import type { PDFContext, PDFRawStream } from 'pdf-lib';
import type { DisplayItem, DisplayPage } from './blocks';
import type { FontSet } from './fonts';
import type { FaceName, Rgb } from './theme';
import { orientationMatrix } from '../exhibits/jpeg';
import { deflateHead, finishStream } from './sealed-content';

export const num = (n: number): string => {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};
const colour = (c: Rgb) => `${num(c[0])} ${num(c[1])} ${num(c[2])}`;

/** Writes display items as content-stream operators; `fontName` gives each face's resource name. */
export function renderItems(items: readonly DisplayItem[], fonts: FontSet, fontName: (face: FaceName) => string): string {
  const out: string[] = [];
  let inText = false;
  let font = '';
  let size = -1;
  let fill = '';
  const setFill = (c: Rgb) => {
    const s = colour(c);
    if (s !== fill) {
      out.push(`${s} rg`);
      fill = s;
    }
  };
  for (const item of items) {
    if (item.kind === 'text') {
      if (!inText) {
        out.push('BT');
        inText = true;
        font = '';
      }
      setFill(item.style.color);
      out.push(`1 0 0 1 ${num(item.x)} ${num(item.y)} Tm`);
      for (const run of fonts.encode(item.text, item.style.face)) {
        const name = fontName(run.face);
        if (name !== font || item.style.size !== size) {
          out.push(`/${name} ${num(item.style.size)} Tf`);
          font = name;
          size = item.style.size;
        }
        out.push(`<${run.hex}> Tj`);
      }
      continue;
    }
    if (inText) {
      out.push('ET');
      inText = false;
    }
    switch (item.kind) {
      case 'line': {
        const dash = item.dash ? `[${item.dash.map(num).join(' ')}] 0 d 1 J ` : '';
        out.push(`q ${num(item.width)} w ${colour(item.color)} RG ${dash}${num(item.x1)} ${num(item.y1)} m ${num(item.x2)} ${num(item.y2)} l S Q`);
        break;
      }
      case 'rect':
        out.push(paintPath(`${num(item.x)} ${num(item.y)} ${num(item.w)} ${num(item.h)} re`, item));
        break;
      case 'polygon': {
        const [first, ...rest] = item.points;
        if (first) out.push(paintPath(`${num(first[0])} ${num(first[1])} m ${rest.map(([x, y]) => `${num(x)} ${num(y)} l`).join(' ')} h`, item));
        break;
      }
      case 'image':
        out.push(`q ${orientationMatrix(item.orientation ?? 1, item.x, item.y, item.w, item.h).map(num).join(' ')} cm /${item.name} Do Q`);
        break;
    }
  }
  if (inText) out.push('ET');
  return out.join('\n');
}

/**
 * Writes a page's items as the compressed head of its content stream and lets the items go, once the flow the page
 * belongs to is final: the page then holds a few KB of bytes instead of its display list (sealed-content.ts).
 */
export function sealPage(page: DisplayPage, fonts: FontSet, fontName: (face: FaceName) => string): void {
  const text = renderItems(page.items, fonts, fontName);
  page.sealed = deflateHead(text ? `${text}\n` : '');
  page.items = [];
}

/**
 * The content stream of one of our own pages: its items (or its sealed head) followed by `more` (the furniture),
 * in one FlateDecode stream. The page's items and head are let go: the stream now holds them.
 */
export function pageContentStream(context: PDFContext, page: DisplayPage, more: readonly DisplayItem[], fonts: FontSet, fontName: (face: FaceName) => string): PDFRawStream {
  const { sealed, items } = page;
  page.items = [];
  page.sealed = undefined;
  if (!sealed) return flateStream(context, renderItems([...items, ...more], fonts, fontName));
  return context.stream(finishStream(sealed, renderItems(more, fonts, fontName)), { Filter: 'FlateDecode' });
}

/** Fills and/or strokes a path, in its own graphics state; a dash applies to the outline. */
function paintPath(path: string, paint: { fill?: Rgb; stroke?: Rgb; lineWidth?: number; dash?: readonly number[] }): string {
  const dash = paint.dash ? `[${paint.dash.map(num).join(' ')}] 0 d ` : '';
  const width = `${num(paint.lineWidth ?? 0.5)} w ${dash}`;
  if (paint.fill && paint.stroke) return `q ${colour(paint.fill)} rg ${colour(paint.stroke)} RG ${width}${path} B Q`;
  if (paint.fill) return `q ${colour(paint.fill)} rg ${path} f Q`;
  if (paint.stroke) return `q ${colour(paint.stroke)} RG ${width}${path} S Q`;
  return '';
}

/**
 * A FlateDecode stream compressed with Node's zlib: several times faster than pdf-lib's pure-JS deflate, and as
 * deterministic (same input, same zlib, same bytes).
 */
export function flateStream(context: PDFContext, contents: string | Uint8Array, dict: Record<string, number | string> = {}): PDFRawStream {
  const data = typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents;
  return context.stream(deflateExact(data), { ...dict, Filter: 'FlateDecode' });
}

/**
 * deflateSync at level 6, in an array of exactly its length. Node hands a short result back as a view into zlib's
 * 16 KB output block, so every page's content stream (2–4 KB compressed) kept 16 KB alive until the PDF was
 * written: about 50 MB of a 3,000-page dossier's peak memory. The copy costs microseconds; the bytes are the same.
 */
export function deflateExact(data: Uint8Array): Uint8Array {
  const out = deflateSync(data, { level: 6 });
  return out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out);
}
