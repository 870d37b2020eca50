/*
 * Tables: a header band repeated on every page the table reaches, hairline rules between rows, light stripes.
 * A row that does not fit moves to the next page; a row taller than a whole page (a long event description)
 * is split between lines, so nothing is ever clipped.
 */
import type { TableBlock, TableRow } from './blocks';
import type { FlowSurface } from './flow-surface';
import { wrap, wrapForPasses, type Line, type Span } from './text';
import { COLOURS, SPACING, STYLES } from './theme';

interface CellLine {
  line: Line;
  /** Offset of the line's top from the top of the cell's content. */
  offset: number;
}

const PARAGRAPH_GAP = 3;

interface Measured {
  grid: boolean;
  padX: number;
  padY: number;
  lefts: number[];
  inner: number[];
  headerCells: Line[][];
  headerHeight: number;
}

function measure(ts: FlowSurface, table: TableBlock, x: number, width: number): Measured {
  const grid = table.variant === 'grid';
  const padX = grid ? SPACING.tableCellX : 0;
  const padY = grid ? SPACING.tableCellY : (table.rowGap ?? 4) / 2;
  const gutter = grid ? 0 : 10;
  const totalWeight = table.columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = table.columns.map((c) => (c.weight / totalWeight) * width);
  const lefts = widths.map((_, i) => x + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const inner = widths.map((w, i) => w - 2 * padX - (i < widths.length - 1 ? gutter : 0));
  const headerStyle = table.headerStyle ?? STYLES.tableHeader;
  const headerCells = grid ? table.columns.map((c, i) => wrap([{ text: c.header.toUpperCase(), style: headerStyle }], inner[i], ts.fonts)) : [];
  const headerHeight = grid ? Math.max(...headerCells.map((ls) => ls.reduce((h, l) => h + l.height, 0))) + 2 * padY : 0;
  return { grid, padX, padY, lefts, inner, headerCells, headerHeight };
}

/**
 * A cell paragraph's lines at a width: the dossier is laid out again until its page numbers settle, and a table's
 * first row is measured before it is laid out, so the exhibits index, the integrity appendix (a SHA-256 per row)
 * and the custody rows would otherwise be wrapped two to four times each, to the same lines.
 */
const paragraphLines = (ts: FlowSurface, paragraph: Span[], width: number): Line[] => wrapForPasses(paragraph, width, ts.fonts, (spans) => ts.spans(spans));

function cellLines(ts: FlowSurface, row: TableRow, inner: number[]): CellLine[][] {
  return row.cells.map((cell, i) => {
    const lines: CellLine[] = [];
    let offset = 0;
    cell.paragraphs.forEach((p, pi) => {
      if (pi > 0) offset += PARAGRAPH_GAP;
      for (const line of paragraphLines(ts, p, inner[i])) {
        lines.push({ line, offset });
        offset += line.height;
      }
    });
    return lines;
  });
}

/** Height the table needs at the foot of a page to start there: its header and first row (when a row fits a page). */
export function tableLead(ts: FlowSurface, table: TableBlock, width: number): number {
  if (!table.rows.length) return 0;
  const m = measure(ts, table, 0, width);
  const lines = cellLines(ts, table.rows[0], m.inner);
  const first = rowHeight(table.splitRows ? lines.map((cell) => cell.slice(0, 2)) : lines, m.padY);
  const pageBody = ts.frame.bottom - ts.frame.top;
  return m.headerHeight + (first <= pageBody - m.headerHeight ? first : 40) + (m.grid ? 8 : 4);
}

export function layoutTable(ts: FlowSurface, table: TableBlock, x: number, width: number): void {
  const { grid, padX, padY, lefts, inner, headerCells, headerHeight } = measure(ts, table, x, width);

  const drawHeader = () => {
    if (!grid) return;
    const top = ts.claim();
    ts.draw({ kind: 'rect', x, y: ts.pdfY(top + headerHeight), w: width, h: headerHeight, fill: COLOURS.tableHeader });
    headerCells.forEach((lines, i) => {
      let y = top + padY;
      for (const line of lines) {
        ts.drawLine(line, lefts[i] + padX, y, inner[i], table.columns[i].align ?? 'left');
        y += line.height;
      }
    });
    ts.draw({ kind: 'line', x1: x, y1: ts.pdfY(top + headerHeight), x2: x + width, y2: ts.pdfY(top + headerHeight), width: 0.8, color: COLOURS.heading });
    ts.advanceTo(top + headerHeight);
  };

  ts.addSpace(grid ? 8 : 4);
  const rows = table.rows.map((row) => cellLines(ts, row, inner));
  const firstRowHeight = rows.length ? rowHeight(rows[0], padY) : 0;
  ts.ensure(headerHeight + Math.min(firstRowHeight, 80));
  drawHeader();

  const pageBody = ts.frame.bottom - ts.frame.top;
  rows.forEach((cells, r) => {
    const anchor = table.rows[r].anchor;
    let remaining = cells.map((lines) => lines.slice());
    let first = true;
    let freshPage = false;
    while (remaining.some((lines) => lines.length)) {
      const needed = rowHeight(remaining, padY);
      const room = ts.available();
      const parts = remaining.map((lines) => {
        let n = 0;
        const base = lines.length ? lines[0].offset : 0;
        while (n < lines.length && lines[n].offset - base + lines[n].line.height <= room - 2 * padY + 0.01) n++;
        return { take: lines.slice(0, n), rest: lines.slice(n), base };
      });
      if (needed > room + 0.01 && !freshPage) {
        // A grid row that would fit whole on the next page moves there; only rows too tall for any page split.
        // A row of a splittable table (the sources list) splits like a paragraph: two lines at least each side.
        const taken = Math.max(...parts.map((p) => p.take.length));
        const left = Math.max(...parts.map((p) => p.rest.length));
        const split = table.splitRows ? taken >= 2 && left >= 2 : !(first && needed <= pageBody - headerHeight) && room >= 2 * padY + 24;
        if (!split) {
          ts.newPage();
          drawHeader();
          freshPage = true;
          continue;
        }
      }
      freshPage = false;
      if (first && anchor) ts.anchor(anchor);
      first = false;
      const height =
        Math.max(0, ...parts.map((p) => (p.take.length ? p.take[p.take.length - 1].offset - p.base + p.take[p.take.length - 1].line.height : 0))) +
        2 * padY;
      const top = ts.claim();
      if (grid && r % 2 === 1) ts.draw({ kind: 'rect', x, y: ts.pdfY(top + height), w: width, h: height, fill: COLOURS.tableStripe });
      parts.forEach((p, i) => {
        for (const cl of p.take) ts.drawLine(cl.line, lefts[i] + padX, top + padY + cl.offset - p.base, inner[i], table.columns[i].align ?? 'left');
      });
      if (grid) ts.draw({ kind: 'line', x1: x, y1: ts.pdfY(top + height), x2: x + width, y2: ts.pdfY(top + height), width: 0.4, color: COLOURS.hairline });
      ts.advanceTo(top + height);
      remaining = parts.map((p) => p.rest);
      if (remaining.some((lines) => lines.length)) {
        ts.newPage();
        drawHeader();
      }
    }
  });
  ts.addSpace(grid ? 10 : 6);
}

function rowHeight(cells: CellLine[][], padY: number): number {
  return (
    Math.max(
      0,
      ...cells.map((lines) => (lines.length ? lines[lines.length - 1].offset - lines[0].offset + lines[lines.length - 1].line.height : 0)),
    ) +
    2 * padY
  );
}
