/*
 * Puts the parts in order and settles page numbers.
 *
 * Page references (the contents, "dossier p. 61", the integrity appendix's page ranges) are typeset as text, and
 * the width of that text can move what follows — so layout runs to a fixed point: the first pass measures a
 * placeholder, each later pass uses the numbers the previous pass produced, until a pass reproduces the numbers
 * it was given (two passes in practice). Flows without page references are typeset once and reused.
 */
import type { PDFPage } from 'pdf-lib';
import type { Block, DisplayPage } from './typesetting/blocks';
import type { FontSet } from './typesetting/fonts';
import type { Frame } from './typesetting/flow-surface';
import { typeset, type FlowResult } from './typesetting/layout';
import { anchors as anchorNames } from './model';
import type { PaperSize } from '../../shared/dossier';
import { MARGINS, PAPER } from './typesetting/theme';

export type Part =
  | { kind: 'flow'; key: string; blocks: Block[]; endAnchor?: string; exhibitLabel?: string }
  /** Pages laid out by hand (an image exhibit), with the anchors they carry by page index. */
  | { kind: 'fixed'; key: string; pages: { page: DisplayPage; images: Map<string, unknown> }[]; anchors: [string, number][]; endAnchor?: string; exhibitLabel?: string }
  | { kind: 'imported'; key: string; exhibit: string; pages: PDFPage[]; endAnchor?: string };

export type PlacedPage =
  | { kind: 'own'; page: DisplayPage; images?: Map<string, unknown>; exhibitLabel?: string }
  | { kind: 'imported'; page: PDFPage; exhibitLabel: string };

export interface Position {
  /** 0-based index in the dossier. */
  page: number;
  /** PDF y coordinate of the top of what the anchor marks. */
  y: number;
}

export interface Assembly {
  pages: PlacedPage[];
  anchors: Map<string, Position>;
  /** First and last page index of each part, by part key. */
  ranges: Map<string, { first: number; last: number }>;
  passes: number;
}

/** The frame of the dossier's own pages on a paper size. */
export function frameFor(paper: PaperSize): Frame {
  const { width, height } = PAPER[paper];
  return { pageWidth: width, pageHeight: height, left: MARGINS.left, width: width - MARGINS.left - MARGINS.right, top: MARGINS.top, bottom: height - MARGINS.bottom };
}

const MAX_PASSES = 5;

function hasRefs(blocks: Block[]): boolean {
  return blocks.some((b) => {
    switch (b.kind) {
      case 'paragraph':
      case 'heading':
        return b.spans.some((s) => s.ref);
      case 'toc-entry':
        return Boolean(b.page) || b.spans.some((s) => s.ref);
      case 'list':
        return b.items.some(hasRefs);
      case 'quote':
      case 'panel':
        return hasRefs(b.blocks);
      case 'table':
        return b.rows.some((r) => r.cells.some((c) => c.paragraphs.some((p) => p.some((s) => s.ref))));
      default:
        return false;
    }
  });
}

/**
 * `seal`, when given, is called on each page of a flow typeset once for all (one without page references) as soon as
 * the page is full: its content can be written then, so the display lists are not all held until the pages are.
 */
export function assemble(parts: Part[], fonts: FontSet, frame: Frame, onPass?: (pass: number) => void, seal?: (page: DisplayPage) => void): Assembly {
  const staticFlows = new Map<Part, FlowResult>();
  const pageTops = new Map<Part, number[]>();
  let numbers: Map<string, number> | undefined;
  let assembly: Assembly | undefined;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    onPass?.(pass);
    const given = numbers;
    // Only the numbers carry over to the next pass: let the previous pass's pages go before laying out again.
    assembly = undefined;
    assembly = layoutOnce(parts, fonts, frame, (anchor) => given?.get(anchor), { staticFlows, pageTops, seal }, pass);
    const produced = new Map([...assembly.anchors].map(([k, v]) => [k, v.page + 1]));
    if (given && sameNumbers(given, produced)) break;
    numbers = produced;
  }
  return assembly!;
}

function sameNumbers(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function layoutOnce(
  parts: Part[],
  fonts: FontSet,
  frame: Frame,
  resolve: (anchor: string) => number | undefined,
  { staticFlows, pageTops, seal }: { staticFlows: Map<Part, FlowResult>; pageTops: Map<Part, number[]>; seal?: (page: DisplayPage) => void },
  passes: number,
): Assembly {
  const pages: PlacedPage[] = [];
  const positions = new Map<string, Position>();
  const ranges = new Map<string, { first: number; last: number }>();
  for (const part of parts) {
    const first = pages.length;
    if (part.kind === 'flow') {
      let flow = staticFlows.get(part);
      if (!flow) {
        // A flow without page references is typeset once for all: each of its pages is sealed as soon as it is full.
        const once = !hasRefs(part.blocks);
        flow = typeset(part.blocks, fonts, frame, resolve, once ? seal : undefined);
        if (once) {
          staticFlows.set(part, flow);
          // Never typeset again: its blocks (the text as spans, tables' wrapped cells) may go before the next part's.
          part.blocks = [];
        }
      }
      for (const page of flow.pages) pages.push({ kind: 'own', page, exhibitLabel: part.exhibitLabel });
      for (const [id, at] of flow.anchors) if (!positions.has(id)) positions.set(id, { page: first + at.page, y: at.y });
    } else if (part.kind === 'fixed') {
      for (const p of part.pages) pages.push({ kind: 'own', page: p.page, images: p.images, exhibitLabel: part.exhibitLabel });
      for (const [id, index] of part.anchors) positions.set(id, { page: first + index, y: part.pages[index].page.height });
    } else {
      // Read once, not on every pass: pdf-lib builds a rectangle from the page's /MediaBox on each call.
      let tops = pageTops.get(part);
      if (!tops) {
        tops = part.pages.map((page) => page.getHeight() + page.getY());
        pageTops.set(part, tops);
      }
      part.pages.forEach((page, i) => {
        pages.push({ kind: 'imported', page, exhibitLabel: `${part.exhibit} · ${i + 1}/${part.pages.length}` });
        positions.set(anchorNames.exhibitPage(part.exhibit, i + 1), { page: first + i, y: tops[i] });
      });
    }
    const last = Math.max(first, pages.length - 1);
    ranges.set(part.key, { first, last });
    if (part.endAnchor) positions.set(part.endAnchor, { page: last, y: 0 });
  }
  positions.set(anchorNames.lastPage, { page: pages.length - 1, y: 0 });
  return { pages, anchors: positions, ranges, passes };
}
