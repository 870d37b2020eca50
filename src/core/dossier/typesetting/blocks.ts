/*
 * The document model between content and typesetting: section builders produce blocks, the typesetter turns
 * blocks into pages of display items. Nothing here knows about PDF objects.
 */
import type { LinkTarget, PageRef, Span } from './text';
import { STYLES, type Rgb, type TextStyle } from './theme';
import type { Orientation } from '../exhibits/jpeg';
import type { FontSet } from './fonts';
import type { DeflatedHead } from './sealed-content';

export interface ParagraphBlock {
  kind: 'paragraph';
  spans: Span[];
  spaceBefore?: number;
  spaceAfter?: number;
  align?: 'left' | 'center' | 'right';
  /** Extra left indent in points. */
  indent?: number;
  /** Keep on the same page as the start of the following block (labels, kickers). */
  keepWithNext?: boolean;
  anchor?: string;
}

export interface HeadingBlock {
  kind: 'heading';
  level: 1 | 2 | 3 | 4;
  spans: Span[];
  anchor?: string;
  align?: 'left' | 'center';
}

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  start: number;
  items: Block[][];
}

export interface QuoteBlock {
  kind: 'quote';
  blocks: Block[];
}

/** A shaded, ruled panel: warnings on placeholder pages, the exhibit details on separator sheets. */
export interface PanelBlock {
  kind: 'panel';
  blocks: Block[];
  fill: Rgb;
  rule: Rgb;
}

export interface TableColumn {
  header: string;
  /** Relative width; columns share the available width in proportion. */
  weight: number;
  align?: 'left' | 'right';
}

export interface TableCell {
  paragraphs: Span[][];
}

export interface TableRow {
  cells: TableCell[];
  anchor?: string;
}

export interface TableBlock {
  kind: 'table';
  columns: TableColumn[];
  rows: TableRow[];
  /** grid: header band, rules and stripes; plain: label–value pairs without lines. */
  variant: 'grid' | 'plain';
  headerStyle?: TextStyle;
  /** Space between rows of a plain table. */
  rowGap?: number;
  /** Rows may break across pages like paragraphs, rather than move whole to the next page. */
  splitRows?: boolean;
}

export interface TocEntryBlock {
  kind: 'toc-entry';
  spans: Span[];
  indent: number;
  /** The anchor the entry links to and whose page number it shows. */
  target: string;
  page?: PageRef;
  spaceBefore?: number;
}

/**
 * A vector figure (the chronology's timeline) drawn for the width it is given: items in figure coordinates,
 * origin at its top left and y downwards; the typesetter keeps it whole on one page.
 */
export interface FigureBlock {
  kind: 'figure';
  draw: (width: number, fonts: FontSet) => { height: number; items: DisplayItem[] };
  anchor?: string;
}

export type Block =
  | ParagraphBlock
  | FigureBlock
  | HeadingBlock
  | ListBlock
  | QuoteBlock
  | PanelBlock
  | TableBlock
  | TocEntryBlock
  | { kind: 'rule'; spaceBefore?: number; spaceAfter?: number; color?: Rgb; weight?: number }
  | { kind: 'space'; height: number }
  | { kind: 'page-break' }
  | { kind: 'anchor'; id: string };

export type DisplayItem =
  | { kind: 'text'; x: number; y: number; text: string; style: TextStyle }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color: Rgb; dash?: readonly number[] }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: Rgb; stroke?: Rgb; lineWidth?: number; dash?: readonly number[] }
  /** A closed polygon (a timeline marker), filled and/or outlined. */
  | { kind: 'polygon'; points: readonly (readonly [number, number])[]; fill?: Rgb; stroke?: Rgb; lineWidth?: number; dash?: readonly number[] }
  /** An image shown upright in the box (x, y, w, h), turned as its `orientation` (Exif's, for a photo) says. */
  | { kind: 'image'; name: string; x: number; y: number; w: number; h: number; orientation?: Orientation };

export interface LinkArea {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  target: LinkTarget;
}

/** One page of our own making, in PDF user space (origin bottom left). */
export interface DisplayPage {
  width: number;
  height: number;
  items: DisplayItem[];
  links: LinkArea[];
  /** Once its flow is final: the items, already written and compressed (render.ts's sealPage); `items` is then empty. */
  sealed?: DeflatedHead;
}

export const paragraph = (spans: Span[], options: Omit<ParagraphBlock, 'kind' | 'spans'> = {}): ParagraphBlock => ({
  kind: 'paragraph',
  spans,
  ...options,
});

export const span = (text: string, style: TextStyle, link?: LinkTarget): Span => (link ? { text, style, link } : { text, style });

const HEADING_STYLES = { 1: STYLES.h1, 2: STYLES.h2, 3: STYLES.h3, 4: STYLES.h4 } as const;

/** A heading set in its level's style; `spans` may add links or emphasis on top of it. */
export const heading = (level: HeadingBlock['level'], text: string, anchor?: string): HeadingBlock => ({
  kind: 'heading',
  level,
  spans: [{ text, style: HEADING_STYLES[level] }],
  anchor,
});

/** A grid table (header band, rules, stripes) from its columns as [header, relative width] pairs. */
export function gridTable(columns: readonly (readonly [string, number])[], rows: TableRow[]): TableBlock {
  return { kind: 'table', variant: 'grid', columns: columns.map(([header, weight]) => ({ header, weight })), rows };
}

/**
 * A plain label–value table (a case's particulars, the integrity appendix's build details): each label in small
 * capitals, its value in `valueStyle`; `labelWeight` is the label column's share of the width, in percent.
 */
export function labelValueTable(rows: readonly (readonly [string, string])[], labelWeight: number, valueStyle: (label: string) => TextStyle = () => STYLES.small): TableBlock {
  return {
    kind: 'table',
    variant: 'plain',
    columns: [
      { header: '', weight: labelWeight },
      { header: '', weight: 100 - labelWeight },
    ],
    rows: rows.map(([label, value]) => ({ cells: [{ paragraphs: [[{ text: label.toUpperCase(), style: STYLES.label }]] }, { paragraphs: [[{ text: value, style: valueStyle(label) }]] }] })),
  };
}
