/*
 * What "keep with next" must leave room for: the start of the following block — two lines of a paragraph, a
 * table's header and first row, the first line of a list or quotation.
 */
import type { Block } from './blocks';
import { PANEL_PADDING, type FlowSurface } from './flow-surface';
import { tableLead } from './table';
import { wrap } from './text';
import { SPACING } from './theme';

/** Room a heading needs below it when what follows is another heading. */
const HEADING_LEAD = 42;

export function leadHeight(ts: FlowSurface, b: Block | undefined, width: number): number {
  if (!b) return 0;
  switch (b.kind) {
    case 'paragraph': {
      const lines = wrap(ts.spans(b.spans), width - (b.indent ?? 0), ts.fonts).slice(0, 2);
      return (b.spaceBefore ?? 0) + lines.reduce((h, l) => h + l.height, 0);
    }
    case 'table':
      return tableLead(ts, b, width);
    case 'list':
      return leadHeight(ts, b.items[0]?.[0], width - SPACING.listIndent);
    case 'quote':
    case 'panel':
      return 2 * PANEL_PADDING + leadHeight(ts, b.blocks[0], width - 2 * PANEL_PADDING);
    case 'heading':
      return HEADING_LEAD;
    case 'toc-entry':
      return 30;
    default:
      return 0;
  }
}
