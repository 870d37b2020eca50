/*
 * Page furniture: the running header (dossier title, marking), the footer ("Page X of Y") and the Bates stamp.
 *
 * On our own pages it sits in the margins with hairlines. On merged exhibit pages — any size, possibly rotated —
 * it is drawn in the page's outer 20 points, upright as the page is viewed, each stamp on a small white ground
 * so it stays legible over a scan; the exhibit's own content is wrapped in q/Q so its graphics state cannot leak
 * into the stamp.
 */
import type { DisplayItem } from './typesetting/blocks';
import type { FontSet } from './typesetting/fonts';
import { batesLabel, type ParsedDossierOptions } from './options';
import { truncate } from './typesetting/text';
import { COLOURS, STYLES, type TextStyle } from './typesetting/theme';

export interface FurnitureContext {
  fonts: FontSet;
  options: ParsedDossierOptions;
  totalPages: number;
  /** The running title cut to each width it has been asked for: most pages ask for the same few. */
  titles?: Map<number, string>;
}

export interface PageLabelling {
  /** 0-based position in the dossier. */
  index: number;
  /** For exhibit pages: "EV-2 · 3/10". */
  exhibitLabel?: string;
}

interface Slot {
  text: string;
  style: TextStyle;
  align: 'left' | 'center' | 'right';
  /** For right-aligned slots: distance of the slot's right end from the right edge. */
  inset?: number;
  /** Whether the slot changes from page to page (a page or Bates number), unlike the title and the marking. */
  perPage?: boolean;
}

function slots(ctx: FurnitureContext, page: PageLabelling, width: number): { header: Slot[]; footer: Slot[] } {
  const { fonts, options } = ctx;
  // The marking sits at the top right; an exhibit page's label sits just before it.
  const right: Slot[] = [];
  let inset = 0;
  if (options.marking) {
    // A long marking may take up to half the header; the title gets the rest, and always some.
    const marking = truncate(options.marking.toUpperCase(), STYLES.marking, width * 0.5, fonts);
    right.push({ text: marking, style: STYLES.marking, align: 'right', inset });
    inset += fonts.measure(marking, STYLES.marking) + 14;
  }
  if (page.exhibitLabel) {
    right.push({ text: page.exhibitLabel, style: STYLES.furnitureBold, align: 'right', inset, perPage: true });
    inset += fonts.measure(page.exhibitLabel, STYLES.furnitureBold) + 14;
  }
  const titleWidth = Math.round(Math.max(40, width - inset - 10));
  ctx.titles ??= new Map();
  let title = ctx.titles.get(titleWidth);
  if (title === undefined) {
    title = truncate(options.title, STYLES.furniture, titleWidth, fonts);
    ctx.titles.set(titleWidth, title);
  }
  const header: Slot[] = [{ text: title, style: STYLES.furniture, align: 'left' }, ...right];
  const footer: Slot[] = [{ text: `Page ${page.index + 1} of ${ctx.totalPages}`, style: STYLES.furniture, align: 'center', perPage: true }];
  if (options.bates) footer.push({ text: batesLabel(options.bates, page.index), style: STYLES.bates, align: 'right', perPage: true });
  return { header, footer };
}

function place(slot: Slot, left: number, right: number, y: number, fonts: FontSet): DisplayItem & { kind: 'text' } {
  return placeMeasured(slot, left, right, y, fonts.measure(slot.text, slot.style));
}

function placeMeasured(slot: Slot, left: number, right: number, y: number, w: number): DisplayItem & { kind: 'text' } {
  const x = slot.align === 'left' ? left : slot.align === 'right' ? right - (slot.inset ?? 0) - w : (left + right) / 2 - w / 2;
  return { kind: 'text', x, y, text: slot.text, style: slot.style };
}

/** Furniture for one of our own pages, whose frame is at the standard margins. */
export function ownPageFurniture(ctx: FurnitureContext, page: PageLabelling, width: number, height: number, left: number, right: number): DisplayItem[] {
  const { header, footer } = slots(ctx, page, right - left);
  const items: DisplayItem[] = [];
  for (const s of header) items.push(place(s, left, right, height - 44, ctx.fonts));
  items.push({ kind: 'line', x1: left, y1: height - 51, x2: right, y2: height - 51, width: 0.4, color: COLOURS.hairline });
  items.push({ kind: 'line', x1: left, y1: 52, x2: right, y2: 52, width: 0.4, color: COLOURS.hairline });
  for (const s of footer) items.push(place(s, left, right, 36, ctx.fonts));
  return items;
}

/**
 * Furniture for a merged exhibit page, in the page's viewed orientation, with a white ground under each stamp.
 * Returns items in viewed coordinates; `stampMatrix` maps them onto the page. `repeated` holds what every page of
 * an exhibit usually shares (the running title and the marking), `perPage` what changes from page to page (the
 * exhibit's page label, the page number, the Bates number), so the shared part can be drawn once per exhibit.
 */
export function exhibitPageFurniture(
  ctx: FurnitureContext,
  page: PageLabelling,
  viewedWidth: number,
  viewedHeight: number,
): { repeated: DisplayItem[]; perPage: DisplayItem[] } {
  const inset = 18;
  const left = inset;
  const right = viewedWidth - inset;
  const { header, footer } = slots(ctx, page, right - left);
  const repeated: DisplayItem[] = [];
  const perPage: DisplayItem[] = [];
  // Each text measured once, for its place and its ground: this runs for every exhibit page.
  for (const [slotsAt, y] of [
    [header, viewedHeight - 14],
    [footer, 10],
  ] as const) {
    for (const s of slotsAt) {
      const w = ctx.fonts.measure(s.text, s.style);
      const text = placeMeasured(s, left, right, y, w);
      const into = s.perPage ? perPage : repeated;
      into.push({ kind: 'rect', x: text.x - 3, y: y - text.style.size * 0.32, w: w + 6, h: text.style.size * 1.3, fill: COLOURS.white });
      into.push(text);
    }
  }
  return { repeated, perPage };
}

/** The matrix taking viewed coordinates onto a page box rotated by /Rotate (0, 90, 180 or 270 degrees, clockwise). */
export function stampMatrix(rotation: number, box: { x: number; y: number; width: number; height: number }): [number, number, number, number, number, number] {
  const x0 = box.x;
  const y0 = box.y;
  const x1 = box.x + box.width;
  const y1 = box.y + box.height;
  switch (((rotation % 360) + 360) % 360) {
    case 90:
      return [0, 1, -1, 0, x1, y0];
    case 180:
      return [-1, 0, 0, -1, x1, y1];
    case 270:
      return [0, -1, 1, 0, x0, y1];
    default:
      return [1, 0, 0, 1, x0, y0];
  }
}
