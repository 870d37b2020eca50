/*
 * The typesetter: flows blocks into pages of display items.
 *
 * It works top-down with a cursor measured from the top of the page and converts to PDF coordinates only when it
 * emits an item. Vertical space between blocks collapses (the larger of "space after" and "space before" wins) and
 * is dropped at the top of a page. Paragraphs avoid orphans and widows; headings stay with what follows them;
 * quotation bars and panels are drawn per page, so a block quote that crosses a page break is barred on both pages.
 */
import type { Block, DisplayItem, DisplayPage, FigureBlock, HeadingBlock, LinkArea, ParagraphBlock } from './blocks';
import { baselineOffset, PANEL_PADDING, type FlowSurface, type Frame } from './flow-surface';
import type { FontSet } from './fonts';
import { layoutTable } from './table';
import { leadHeight } from './keep';
import { layoutTocEntry } from './toc';
import { resolveSpans, wrap, wrapForPasses, type Line, type RefResolver, type Span } from './text';
import { COLOURS, SPACING, STYLES, type Rgb } from './theme';

/** Where an anchor landed: the page's index within this flow, and the PDF y of the top of what it marks. */
export interface AnchorPosition {
  page: number;
  y: number;
}

export interface FlowResult {
  pages: DisplayPage[];
  anchors: Map<string, AnchorPosition>;
}

interface OpenDecoration {
  kind: 'bar' | 'panel';
  x: number;
  width: number;
  fill?: Rgb;
  rule?: Rgb;
  /** Top of the first content inside it on the current page, or undefined before any. */
  top?: number;
  itemIndex: number;
}

const HEADING_SPACING: Record<HeadingBlock['level'], { before: number; after: number }> = {
  1: { before: 0, after: SPACING.afterH1 },
  2: { before: SPACING.beforeH2, after: SPACING.afterH2 },
  3: { before: SPACING.beforeH3, after: SPACING.afterH3 },
  4: { before: 10, after: 4 },
};
const BULLETS = ['•', '–', '◦'];

export class Typesetter implements FlowSurface {
  readonly pages: DisplayPage[] = [];
  readonly anchors = new Map<string, AnchorPosition>();
  private page!: DisplayPage;
  private y = 0;
  private contentBottom = 0;
  private pendingSpace = 0;
  private placedOnPage = false;
  private readonly decorations: OpenDecoration[] = [];
  private pendingAnchors: string[] = [];
  private marker?: { text: string; right: number };
  private listDepth = 0;
  /** The block after the one being laid out, in the same container. */
  private next: Block | undefined;

  constructor(
    readonly fonts: FontSet,
    readonly frame: Frame,
    private readonly resolveRef: RefResolver,
    /** Called with each page once nothing more will be drawn on it (its links may still be added). */
    private readonly onPageDone?: (page: DisplayPage) => void,
    private readonly placeholderDigits = 3,
  ) {
    this.newPage();
  }

  run(blocks: Block[]): FlowResult {
    this.blocks(blocks, this.frame.left, this.frame.width);
    this.flushAnchors(this.y);
    this.onPageDone?.(this.page);
    return { pages: this.pages, anchors: this.anchors };
  }

  // ——— primitives shared with the table layout ———

  newPage(): void {
    if (this.page) {
      for (const d of this.decorations) this.closeSegment(d);
      this.onPageDone?.(this.page);
    }
    this.page = { width: this.frame.pageWidth, height: this.frame.pageHeight, items: [], links: [] };
    this.pages.push(this.page);
    this.y = this.frame.top;
    this.contentBottom = this.frame.top;
    this.placedOnPage = false;
  }

  addSpace(height: number): void {
    this.pendingSpace = Math.max(this.pendingSpace, height);
  }

  /** Height left on this page, after any pending space. */
  available(): number {
    return this.frame.bottom - (this.placedOnPage ? this.y + this.pendingSpace : this.y);
  }

  get pageIsEmpty(): boolean {
    return !this.placedOnPage;
  }

  /** Starts a new page unless `height` fits on this one (or nothing is on this one yet). */
  ensure(height: number): void {
    if (this.placedOnPage && this.available() < height - 0.01) this.newPage();
  }

  /** Commits pending space and returns the top of the next content. */
  claim(): number {
    if (this.placedOnPage) this.y += this.pendingSpace;
    this.pendingSpace = 0;
    this.placedOnPage = true;
    for (const d of this.decorations) {
      if (d.top === undefined) {
        d.top = this.y;
        d.itemIndex = this.page.items.length;
      }
    }
    this.flushAnchors(this.y);
    return this.y;
  }

  /** Moves the cursor below content that ends at `bottom` (a distance from the page top). */
  advanceTo(bottom: number): void {
    this.y = bottom;
    this.contentBottom = Math.max(this.contentBottom, bottom);
  }

  pdfY(top: number): number {
    return this.frame.pageHeight - top;
  }

  /** The page being filled. */
  get currentPage(): DisplayPage {
    return this.page;
  }

  draw(item: DisplayItem): void {
    this.page.items.push(item);
  }

  link(area: LinkArea): void {
    this.page.links.push(area);
  }

  anchor(id: string): void {
    this.pendingAnchors.push(id);
  }

  private flushAnchors(top: number): void {
    if (!this.pendingAnchors.length) return;
    const position = { page: this.pages.length - 1, y: this.pdfY(top) + 4 };
    for (const id of this.pendingAnchors) if (!this.anchors.has(id)) this.anchors.set(id, position);
    this.pendingAnchors = [];
  }

  spans(spans: Span[]): Span[] {
    return resolveSpans(spans, this.resolveRef, this.placeholderDigits);
  }

  /**
   * A paragraph's or heading's lines. A flow laid out on every pass (one with page references: no `onPageDone`)
   * wraps each of them once (wrapForPasses); a flow typeset once wraps them here and lets them go with its pages.
   */
  private lines(spans: Span[], width: number): Line[] {
    return this.onPageDone ? wrap(this.spans(spans), width, this.fonts) : wrapForPasses(spans, width, this.fonts, (s) => this.spans(s));
  }

  /** Draws a line's fragments with its top at `top`; does not move the cursor. */
  drawLine(line: Line, x: number, top: number, width = 0, align: 'left' | 'center' | 'right' = 'left'): void {
    const baseline = this.pdfY(top + baselineOffset(line));
    const shift = align === 'center' ? (width - line.width) / 2 : align === 'right' ? width - line.width : 0;
    if (this.marker) {
      const style = line.fragments[0]?.style ?? STYLES.body;
      const markerWidth = this.fonts.measure(this.marker.text, style);
      this.draw({ kind: 'text', x: this.marker.right - markerWidth, y: baseline, text: this.marker.text, style });
      this.marker = undefined;
    }
    for (const f of line.fragments) {
      const fx = x + shift + f.x;
      if (f.text.trim()) this.draw({ kind: 'text', x: fx, y: baseline, text: f.text, style: f.style });
      if (f.link) this.link({ x1: fx, y1: baseline - f.style.size * 0.3, x2: fx + f.width, y2: baseline + f.style.size * 0.9, target: f.link });
    }
  }

  /** Places one line at the cursor, starting a new page first if it does not fit. */
  placeLine(line: Line, x: number, width: number, align: 'left' | 'center' | 'right' = 'left'): void {
    this.ensure(line.height);
    const top = this.claim();
    this.drawLine(line, x, top, width, align);
    this.advanceTo(top + line.height);
  }

  // ——— blocks ———

  blocks(blocks: Block[], x: number, width: number): void {
    for (let i = 0; i < blocks.length; i++) {
      this.next = blocks[i + 1];
      this.block(blocks[i], x, width);
    }
  }

  /** Starts a new page unless `height` and the start of the next block fit on this one. */
  private keepWithNext(height: number, width: number): void {
    const next = this.next;
    if (!this.placedOnPage || this.available() >= height + 160) return;
    this.ensure(height + Math.max(leadHeight(this, next, width), 12));
  }

  private block(b: Block, x: number, width: number): void {
    switch (b.kind) {
      case 'paragraph':
        return this.paragraph(b, x, width);
      case 'heading':
        return this.heading(b, x, width);
      case 'list':
        return this.list(b.ordered, b.start, b.items, x, width);
      case 'quote':
        return this.decorated({ kind: 'bar', x: x + 2, width: 0, itemIndex: 0 }, b.blocks, x + SPACING.quoteIndent, width - SPACING.quoteIndent, 6);
      case 'panel':
        return this.decorated(
          { kind: 'panel', x, width, fill: b.fill, rule: b.rule, itemIndex: 0 },
          b.blocks,
          x + PANEL_PADDING + 2,
          width - 2 * PANEL_PADDING - 2,
          PANEL_PADDING + 6,
        );
      case 'table':
        return layoutTable(this, b, x, width);
      case 'toc-entry':
        return layoutTocEntry(this, b, x, width);
      case 'rule': {
        this.addSpace(b.spaceBefore ?? 6);
        this.ensure(1);
        const top = this.claim();
        const y = this.pdfY(top);
        this.draw({ kind: 'line', x1: x, y1: y, x2: x + width, y2: y, width: b.weight ?? 0.6, color: b.color ?? COLOURS.rule });
        this.advanceTo(top + (b.weight ?? 0.6));
        this.addSpace(b.spaceAfter ?? 6);
        return;
      }
      case 'space':
        if (this.placedOnPage) this.addSpace(this.pendingSpace + b.height);
        else this.y += b.height;
        return;
      case 'page-break':
        if (this.placedOnPage) this.newPage();
        this.pendingSpace = 0;
        return;
      case 'anchor':
        this.anchor(b.id);
        return;
      case 'figure':
        return this.figure(b, x, width);
    }
  }

  /** A figure is kept whole: on this page if it fits, else at the top of the next. */
  private figure(b: FigureBlock, x: number, width: number): void {
    const { height, items } = b.draw(width, this.fonts);
    if (b.anchor) this.anchor(b.anchor);
    this.addSpace(6);
    this.ensure(height);
    const top = this.claim();
    const px = (fx: number) => x + fx;
    const py = (fy: number) => this.pdfY(top + fy);
    for (const item of items) {
      switch (item.kind) {
        case 'text':
          this.draw({ ...item, x: px(item.x), y: py(item.y) });
          break;
        case 'line':
          this.draw({ ...item, x1: px(item.x1), y1: py(item.y1), x2: px(item.x2), y2: py(item.y2) });
          break;
        case 'rect':
          // Figure rectangles hang from their top edge; PDF's stand on their bottom one.
          this.draw({ ...item, x: px(item.x), y: py(item.y + item.h) });
          break;
        case 'polygon':
          this.draw({ ...item, points: item.points.map(([fx, fy]) => [px(fx), py(fy)] as const) });
          break;
        case 'image':
          break;
      }
    }
    this.advanceTo(top + height);
    this.addSpace(10);
  }

  private paragraph(b: ParagraphBlock, x: number, width: number): void {
    const indent = b.indent ?? 0;
    const lines = this.lines(b.spans, width - indent);
    if (b.anchor) this.anchor(b.anchor);
    this.addSpace(b.spaceBefore ?? 0);
    if (b.keepWithNext) {
      // Keep a short paragraph (a label, a quotation) on the page where what follows it starts.
      if (lines.length <= 4) this.keepWithNext(lines.reduce((h, l) => h + l.height, 0), width);
    }
    this.flowLines(lines, x + indent, width - indent, b.align);
    this.addSpace(b.spaceAfter ?? SPACING.paragraph);
  }

  /** Places lines, splitting across pages without leaving one line alone at a page's foot or head. */
  flowLines(lines: Line[], x: number, width: number, align: 'left' | 'center' | 'right' = 'left'): void {
    let i = 0;
    while (i < lines.length) {
      let room = this.available();
      let fit = 0;
      while (i + fit < lines.length && room >= lines[i + fit].height - 0.01) room -= lines[i + fit++].height;
      const remaining = lines.length - i;
      if (fit < remaining) {
        if (this.placedOnPage && (fit === 0 || (i === 0 && fit < 2 && remaining >= 2))) {
          this.newPage();
          continue;
        }
        if (fit === 0) fit = 1; // a line taller than an empty page: place it rather than loop
        if (remaining - fit === 1 && fit >= 3) fit -= 1;
      }
      for (let k = 0; k < fit; k++) this.placeLine(lines[i + k], x, width, align);
      i += fit;
      if (i < lines.length) this.newPage();
    }
  }

  private heading(b: HeadingBlock, x: number, width: number): void {
    const { before, after } = HEADING_SPACING[b.level];
    const lines = this.lines(b.spans, width);
    this.addSpace(before);
    this.keepWithNext(lines.reduce((h, l) => h + l.height, 0) + after, width);
    if (b.anchor) this.anchor(b.anchor);
    this.flowLines(lines, x, width, b.align ?? 'left');
    this.addSpace(after);
  }

  private list(ordered: boolean, start: number, items: Block[][], x: number, width: number): void {
    const indent = SPACING.listIndent + (ordered && start + items.length > 9 ? 6 : 0);
    const bullet = BULLETS[Math.min(this.listDepth, BULLETS.length - 1)];
    this.listDepth++;
    items.forEach((item, i) => {
      this.marker = { text: ordered ? `${start + i}.` : bullet, right: x + indent - 6 };
      this.blocks(item, x + indent, width - indent);
      this.marker = undefined;
      if (i < items.length - 1) this.addSpace(3);
    });
    this.listDepth--;
    this.addSpace(SPACING.paragraph);
  }

  private decorated(d: OpenDecoration, blocks: Block[], x: number, width: number, spaceAround: number): void {
    this.addSpace(spaceAround);
    if (d.kind === 'panel') this.ensure(60);
    this.decorations.push(d);
    this.blocks(blocks, x, width);
    this.decorations.pop();
    this.closeSegment(d);
    this.addSpace(spaceAround);
  }

  private closeSegment(d: OpenDecoration): void {
    if (d.top === undefined) return;
    const top = d.top;
    const bottom = this.contentBottom;
    d.top = undefined;
    if (d.kind === 'bar') {
      this.draw({ kind: 'line', x1: d.x, y1: this.pdfY(top + 1), x2: d.x, y2: this.pdfY(bottom - 1), width: 1.6, color: COLOURS.quoteBar });
    } else {
      const rect: DisplayItem = {
        kind: 'rect',
        x: d.x,
        y: this.pdfY(bottom + PANEL_PADDING - 4),
        w: d.width,
        h: bottom - top + 2 * PANEL_PADDING - 4,
        fill: d.fill,
        stroke: d.rule,
        lineWidth: 0.6,
      };
      this.page.items.splice(d.itemIndex, 0, rect);
      this.page.items.splice(d.itemIndex + 1, 0, {
        kind: 'line',
        x1: d.x,
        y1: rect.y,
        x2: d.x,
        y2: rect.y + rect.h,
        width: 2.4,
        color: d.rule ?? COLOURS.rule,
      });
    }
  }
}

/** Typesets a flow of blocks into pages; `onPageDone` sees each page as soon as it is full. */
export function typeset(blocks: Block[], fonts: FontSet, frame: Frame, resolve: RefResolver, onPageDone?: (page: DisplayPage) => void, placeholderDigits = 3): FlowResult {
  return new Typesetter(fonts, frame, resolve, onPageDone, placeholderDigits).run(blocks);
}
