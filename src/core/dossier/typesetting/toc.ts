/*
 * Contents-style entries: the title wraps in the width left of a fixed page-number column, so an entry's height
 * never depends on its number; the number sits at the right margin on the entry's last line, joined to the title
 * by a dotted leader; the whole entry is one link.
 */
import type { DisplayPage, TocEntryBlock } from './blocks';
import { baselineOffset, type FlowSurface } from './flow-surface';
import { wrap, type LinkTarget } from './text';
import { COLOURS, STYLES } from './theme';

const NUMBER_COLUMN = 34;
const GAP = 12;

export function layoutTocEntry(ts: FlowSurface, b: TocEntryBlock, x: number, width: number): void {
  const lines = wrap(ts.spans(b.spans), width - b.indent - NUMBER_COLUMN - GAP, ts.fonts);
  if (!lines.length) return;
  const target: LinkTarget = { kind: 'dest', anchor: b.target };
  const page = b.page ? ts.spans([{ text: '', style: lines[0].fragments[0]?.style ?? STYLES.toc2, ref: b.page }])[0].text : '';
  ts.addSpace(b.spaceBefore ?? 2);
  ts.ensure(Math.min(2, lines.length) * lines[0].height);
  // One link per entry (per page, if a very long entry crosses a page break).
  let segment: { page: DisplayPage; top: number; bottom: number } | undefined;
  const closeSegment = () => {
    if (segment) segment.page.links.push({ x1: x + b.indent, y1: ts.pdfY(segment.bottom), x2: x + width, y2: ts.pdfY(segment.top), target });
    segment = undefined;
  };
  lines.forEach((line, i) => {
    ts.ensure(line.height);
    const top = ts.claim();
    if (segment && segment.page !== ts.currentPage) closeSegment();
    segment ??= { page: ts.currentPage, top, bottom: top };
    segment.bottom = top + line.height;
    ts.drawLine(line, x + b.indent, top);
    const baseline = ts.pdfY(top + baselineOffset(line));
    if (i === lines.length - 1 && page) {
      const style = line.fragments[line.fragments.length - 1]?.style ?? STYLES.toc2;
      const numberWidth = ts.fonts.measure(page, style);
      ts.draw({ kind: 'text', x: x + width - numberWidth, y: baseline, text: page, style });
      const from = x + b.indent + line.width + 6;
      const to = x + width - numberWidth - 5;
      if (to - from > 6) ts.draw({ kind: 'line', x1: from, y1: baseline + 1, x2: to, y2: baseline + 1, width: 0.7, color: COLOURS.rule, dash: [0.1, 3] });
    }
    ts.advanceTo(top + line.height);
  });
  closeSegment();
}
