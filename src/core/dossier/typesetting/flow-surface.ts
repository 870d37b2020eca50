/*
 * What the pieces of layout that place their own content (tables, contents entries, keep-with-next) may ask of
 * the typesetter: the page primitives, and nothing of the block flow itself. layout.ts implements it and calls
 * those pieces; they depend on this interface, not on layout.ts, so the dossier engine has no import cycle.
 */
import type { DisplayItem, DisplayPage } from './blocks';
import type { FontSet } from './fonts';
import type { Line, Span } from './text';

export interface Frame {
  pageWidth: number;
  pageHeight: number;
  left: number;
  width: number;
  /** Distances from the top edge of the page. */
  top: number;
  bottom: number;
}

/** Padding inside a shaded panel (a quotation, a summary box). */
export const PANEL_PADDING = 10;

/** The distance from a line's top to its baseline. */
export const baselineOffset = (line: Pick<Line, 'height' | 'size'>) => (line.height + line.size * 0.62) / 2;

export interface FlowSurface {
  readonly fonts: FontSet;
  readonly frame: Frame;
  readonly currentPage: DisplayPage;
  newPage(): void;
  addSpace(height: number): void;
  /** Height left on this page, after any pending space. */
  available(): number;
  /** Starts a new page unless `height` fits on this one (or nothing is on this one yet). */
  ensure(height: number): void;
  /** Commits pending space and returns the top of the next content. */
  claim(): number;
  advanceTo(bottom: number): void;
  pdfY(top: number): number;
  draw(item: DisplayItem): void;
  anchor(id: string): void;
  /** Resolves references (page numbers) in spans. */
  spans(spans: Span[]): Span[];
  drawLine(line: Line, x: number, top: number, width?: number, align?: 'left' | 'center' | 'right'): void;
}
