/*
 * Lays timeline events out for drawing, given a time scale: one band per case, and within it lanes packed so that
 * no marker, span or label overlaps another. Used by the window (pixels) and by the dossier's figure (points),
 * with y growing downwards in both; the PDF flips it when it writes.
 */
import { packLanes, type TimelineEvent } from './timeline';

export interface LayoutOptions {
  laneHeight: number;
  /** Room above a band's lanes for the case's title; 0 for none. */
  bandHeader: number;
  /** Beyond this many lanes in a band, labels are cut or left out rather than more lanes opened. */
  maxLanes: number;
  /** Beyond this many, events overlap rather than open more lanes (on paper, where the figure must fit a page). */
  lanesLimit?: number;
  markerRadius: number;
  /** Average width of one character of a label, to estimate how long a label is. */
  charWidth: number;
  /** The longest label, in plot units. */
  maxLabel: number;
  /** The plot's right edge, when labels must stay within it (on paper): a label that would cross it goes left of its marker. */
  right?: number;
}

export interface PlacedEvent {
  event: TimelineEvent;
  band: number;
  /** Centre line of its lane. */
  y: number;
  /** The marker's centre. */
  x: number;
  /** The span's ends (equal for a point), and the fuzzy margin's, in plot units. */
  spanFrom: number;
  spanTo: number;
  fuzzyFrom?: number;
  fuzzyTo?: number;
  /** Where its label starts and the text that fits, when it has room for one. */
  label?: { x: number; text: string };
}

export interface PlacedBand {
  caseId: string;
  title: string;
  top: number;
  height: number;
  events: PlacedEvent[];
}

export function layoutBands(bands: readonly { caseId: string; title: string; events: readonly TimelineEvent[] }[], x: (t: number) => number, o: LayoutOptions): { bands: PlacedBand[]; height: number } {
  let top = 0;
  const placedBands = bands.map((band, index): PlacedBand => {
    const geometry = band.events.map((event) => {
      const spanFrom = x(event.span.start);
      const spanTo = event.point ? spanFrom : Math.max(x(event.span.end), spanFrom + 2);
      const markerX = event.point ? x((event.span.start + event.span.end) / 2) : spanFrom;
      const fuzzyFrom = event.fuzzy ? x(event.fuzzy.start) : undefined;
      const fuzzyTo = event.fuzzy ? x(event.fuzzy.end) : undefined;
      let labelX = markerX + o.markerRadius + 5;
      let labelWidth = Math.min(event.title.length * o.charWidth, o.maxLabel);
      if (o.right !== undefined && labelX + labelWidth > o.right) {
        const leftOfMarker = markerX - o.markerRadius - 5 - labelWidth;
        if (leftOfMarker >= 0) labelX = leftOfMarker;
        else labelWidth = Math.max(o.right - labelX, 0);
      }
      const from = Math.min(fuzzyFrom ?? spanFrom, markerX - o.markerRadius, labelX);
      const to = Math.max(fuzzyTo ?? spanTo, markerX + o.markerRadius);
      const labelTo = labelX + labelWidth;
      return { event, spanFrom, spanTo, markerX, fuzzyFrom, fuzzyTo, labelX, from, to, labelTo };
    });
    // Packing needs them in order of where they start to be drawn, which a fuzzy margin can change.
    const order = geometry.map((_, i) => i).sort((a, b) => geometry[a].from - geometry[b].from);
    const { placements, lanes } = packLanes(
      order.map((i) => geometry[i]),
      o.maxLanes,
      o.lanesLimit,
    );
    const events: PlacedEvent[] = order.map((i, k) => {
      const g = geometry[i];
      const { lane, labelEnd } = placements[k];
      const text = labelEnd === undefined ? '' : fitTitle(g.event.title, labelEnd - g.labelX, o.charWidth);
      return {
        event: g.event,
        band: index,
        y: top + o.bandHeader + lane * o.laneHeight + o.laneHeight / 2,
        x: g.markerX,
        spanFrom: g.spanFrom,
        spanTo: g.spanTo,
        ...(g.fuzzyFrom !== undefined ? { fuzzyFrom: g.fuzzyFrom, fuzzyTo: g.fuzzyTo } : {}),
        ...(text ? { label: { x: g.labelX, text } } : {}),
      };
    });
    const height = o.bandHeader + Math.max(lanes, 1) * o.laneHeight;
    const placed = { caseId: band.caseId, title: band.title, top, height, events };
    top += height;
    return placed;
  });
  return { bands: placedBands, height: top };
}

/** A title cut to about `width` units at `charWidth` a character, with an ellipsis when cut; '' when nothing useful fits. */
export function fitTitle(text: string, width: number, charWidth: number): string {
  const max = Math.floor(width / charWidth + 1e-6);
  if (text.length <= max) return text;
  return max < 4 ? '' : `${text.slice(0, max - 1).trimEnd()}…`;
}
