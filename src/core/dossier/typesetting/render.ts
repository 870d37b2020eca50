/*
 * Display items → PDF content-stream operators, written as text directly rather than through pdf-lib's
 * operator objects: one BT…ET block per run of text items, font and colour set only when they change, glyphs
 * encoded from the FontSet's caches. This is where most of the speed comes from (see bench/README.md).
 */
import { deflateSync } from 'node:zlib';
import type { PDFContext, PDFRawStream } from 'pdf-lib';
import type { DisplayItem, RenderState } from './blocks';
import type { FontSet } from './fonts';
import type { FaceName, Rgb } from './theme';
import { orientationMatrix } from '../exhibits/jpeg';

export const num = (n: number): string => {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};
const colour = (c: Rgb) => `${num(c[0])} ${num(c[1])} ${num(c[2])}`;

/** Writes display items as content-stream operators; `fontName` gives each face's resource name. */
export function renderItems(items: readonly DisplayItem[], fonts: FontSet, fontName: (face: FaceName) => string): string {
  const writer = new ContentWriter(fonts, fontName);
  writer.write(items);
  return writer.finish();
}

/**
 * Content-stream operators written item by item, with the text state carried along. A page's body can be written
 * early and its furniture later, resuming from the state the body left (`state`): the operators come out exactly as
 * if both had been written in one go.
 */
export class ContentWriter {
  private out: string[] = [];
  private inText: boolean;
  private font: string;
  private size: number;
  private fill: string;

  constructor(
    private readonly fonts: FontSet,
    private readonly fontName: (face: FaceName) => string,
    from: RenderState = { inText: false, font: '', size: -1, fill: '' },
  ) {
    ({ inText: this.inText, font: this.font, size: this.size, fill: this.fill } = from);
  }

  get state(): RenderState {
    return { inText: this.inText, font: this.font, size: this.size, fill: this.fill };
  }

  /** The operators written so far (a text object may still be open), handed over and forgotten. */
  take(): string {
    const text = this.out.join('\n');
    this.out = [];
    return text;
  }

  /** Closes an open text object and returns the operators written since the last `take`. */
  finish(): string {
    if (this.inText) this.out.push('ET');
    this.inText = false;
    return this.take();
  }

  write(items: readonly DisplayItem[]): void {
    const out = this.out;
    for (const item of items) {
      if (item.kind === 'text') {
        if (!this.inText) {
          out.push('BT');
          this.inText = true;
          this.font = '';
        }
        this.setFill(item.style.color);
        out.push(`1 0 0 1 ${num(item.x)} ${num(item.y)} Tm`);
        for (const run of this.fonts.encode(item.text, item.style.face)) {
          const name = this.fontName(run.face);
          if (name !== this.font || item.style.size !== this.size) {
            out.push(`/${name} ${num(item.style.size)} Tf`);
            this.font = name;
            this.size = item.style.size;
          }
          out.push(`<${run.hex}> Tj`);
        }
        continue;
      }
      if (this.inText) {
        out.push('ET');
        this.inText = false;
      }
      const operators = graphicOperators(item);
      if (operators !== undefined) out.push(operators);
    }
  }

  private setFill(c: Rgb): void {
    const s = colour(c);
    if (s !== this.fill) {
      this.out.push(`${s} rg`);
      this.fill = s;
    }
  }
}

/** A line, shape or image as operators in their own graphics state; undefined for a polygon without points. */
function graphicOperators(item: Exclude<DisplayItem, { kind: 'text' }>): string | undefined {
  switch (item.kind) {
    case 'line': {
      const dash = item.dash ? `[${item.dash.map(num).join(' ')}] 0 d 1 J ` : '';
      return `q ${num(item.width)} w ${colour(item.color)} RG ${dash}${num(item.x1)} ${num(item.y1)} m ${num(item.x2)} ${num(item.y2)} l S Q`;
    }
    case 'rect':
      return paintPath(`${num(item.x)} ${num(item.y)} ${num(item.w)} ${num(item.h)} re`, item);
    case 'polygon': {
      const [first, ...rest] = item.points;
      return first ? paintPath(`${num(first[0])} ${num(first[1])} m ${rest.map(([x, y]) => `${num(x)} ${num(y)} l`).join(' ')} h`, item) : undefined;
    }
    case 'image':
      return `q ${orientationMatrix(item.orientation ?? 1, item.x, item.y, item.w, item.h).map(num).join(' ')} cm /${item.name} Do Q`;
  }
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
