/*
 * The chronology as a figure, drawn in vector before a case's chronology table: the same picture as the window's
 * timeline (src/shared/timeline*.ts decide where everything goes; d3's UTC scale gives the axis and its ticks),
 * on paper: a month as a month-long bar, "c." dates with a dashed fuzzy margin, inferred years as dashed outlined
 * markers, claim status by colour and by shape, and a key beneath.
 */
import { scaleUtc } from 'd3-scale';
import type { ClaimStatus, EventRecord } from '../../../shared/domain';
import { CLAIM_SHAPES, CLAIM_STATUS_LABELS, markerOutline, paddedExtent, timelineEvents, timelineExtent, type MarkerShape } from '../../../shared/timeline';
import { layoutBands } from '../../../shared/timeline-layout';
import type { DisplayItem, FigureBlock } from '../typesetting/blocks';
import type { FontSet } from '../typesetting/fonts';
import { COLOURS, type Rgb, type TextStyle } from '../typesetting/theme';

/** The window's claim colours (Mantine's yellow 6, teal 6, red 6, the app's blue 6, green 7). */
export const CLAIM_RGB: Record<ClaimStatus, Rgb> = {
  alleged: [0.98, 0.69, 0.02],
  admitted: [0.07, 0.72, 0.53],
  disputed: [0.98, 0.32, 0.32],
  found: [0.24, 0.44, 0.78],
  established: [0.22, 0.7, 0.3],
};

/** The colour as it looks at `alpha` over white paper (PDF transparency would need a graphics state per page). */
const tint = (c: Rgb, alpha: number): Rgb => [1 - alpha * (1 - c[0]), 1 - alpha * (1 - c[1]), 1 - alpha * (1 - c[2])];

const LABEL: TextStyle = { face: 'sans', size: 6.8, leading: 8, color: COLOURS.text };
const TICK: TextStyle = { face: 'sans', size: 6.5, leading: 8, color: COLOURS.muted };
const AXIS = 16;
const LANE = 12.5;
const R = 3.2;
const LEGEND = 24;

export function timelineFigure(caseId: string, events: readonly EventRecord[]): FigureBlock {
  return { kind: 'figure', draw: (width, fonts) => drawTimeline(caseId, events, width, fonts) };
}

function drawTimeline(caseId: string, records: readonly EventRecord[], width: number, fonts: FontSet): { height: number; items: DisplayItem[] } {
  const events = timelineEvents(caseId, records);
  const extent = paddedExtent(timelineExtent(events)!);
  const x = scaleUtc().domain([extent.start, extent.end]).range([0, width]);
  const sample = 'Etaoin shrdlu cmfwyp vbgkqj xz 1234567890';
  const charWidth = fonts.measure(sample, LABEL) / sample.length;
  const layout = layoutBands([{ caseId, title: '', events }], x, { laneHeight: LANE, bandHeader: 3, maxLanes: 16, lanesLimit: 36, markerRadius: R, charWidth, maxLabel: width * 0.45, right: width - 2 });
  const plotBottom = AXIS + layout.height + 3;
  const items: DisplayItem[] = [{ kind: 'rect', x: 0, y: 0, w: width, h: plotBottom, stroke: COLOURS.hairline, lineWidth: 0.5 }];

  const ticks = x.ticks(Math.max(2, Math.floor(width / 70)));
  const format = x.tickFormat();
  for (const t of ticks) {
    const at = x(t);
    const text = format(t);
    items.push({ kind: 'line', x1: at, y1: AXIS, x2: at, y2: plotBottom, width: 0.3, color: COLOURS.hairline, dash: [1, 2] });
    items.push({ kind: 'line', x1: at, y1: AXIS - 3, x2: at, y2: AXIS, width: 0.5, color: COLOURS.rule });
    items.push({ kind: 'text', x: Math.min(Math.max(at - fonts.measure(text, TICK) / 2, 2), width - fonts.measure(text, TICK) - 2), y: AXIS - 5, text, style: TICK });
  }
  items.push({ kind: 'line', x1: 0, y1: AXIS, x2: width, y2: AXIS, width: 0.5, color: COLOURS.rule });

  for (const placed of layout.bands[0].events) {
    const p = { ...placed, y: placed.y + AXIS };
    const colour = CLAIM_RGB[p.event.claimStatus];
    if (p.fuzzyFrom !== undefined && p.fuzzyTo !== undefined) {
      items.push({ kind: 'rect', x: p.fuzzyFrom, y: p.y - 3.5, w: Math.max(p.fuzzyTo - p.fuzzyFrom, 0.5), h: 7, fill: tint(colour, 0.14), stroke: colour, lineWidth: 0.4, dash: [1.5, 1.5] });
    }
    if (!p.event.point) items.push({ kind: 'rect', x: p.spanFrom, y: p.y - 2.2, w: Math.max(p.spanTo - p.spanFrom, 1), h: 4.4, fill: tint(colour, 0.38) });
    items.push(marker(CLAIM_SHAPES[p.event.claimStatus], p.x, p.y, colour, p.event.inferred));
    if (p.label) items.push({ kind: 'text', x: p.label.x, y: p.y + 2.3, text: p.label.text, style: LABEL });
  }

  // The key: each status by shape and colour, then how uncertain dates are drawn.
  const keys: { draw: (x: number, y: number) => DisplayItem[]; text: string }[] = [
    ...(Object.keys(CLAIM_STATUS_LABELS) as ClaimStatus[]).map((s) => ({ draw: (kx: number, ky: number) => [marker(CLAIM_SHAPES[s], kx + 5, ky, CLAIM_RGB[s], false)], text: CLAIM_STATUS_LABELS[s] })),
    { draw: (kx: number, ky: number) => [{ kind: 'rect', x: kx, y: ky - 2.2, w: 12, h: 4.4, fill: tint(CLAIM_RGB.found, 0.38) } as DisplayItem], text: 'month or year: the whole period' },
    { draw: (kx: number, ky: number) => [{ kind: 'rect', x: kx, y: ky - 3.5, w: 12, h: 7, fill: tint(CLAIM_RGB.found, 0.14), stroke: CLAIM_RGB.found, lineWidth: 0.4, dash: [1.5, 1.5] } as DisplayItem], text: '“c.”: approximate' },
    { draw: (kx: number, ky: number) => [marker('circle', kx + 5, ky, CLAIM_RGB.found, true)], text: '[year] inferred' },
  ];
  let kx = 0;
  let ky = plotBottom + 9;
  for (const key of keys) {
    const w = 15 + fonts.measure(key.text, TICK) + 10;
    if (kx + w > width) {
      kx = 0;
      ky += 10;
    }
    items.push(...key.draw(kx, ky), { kind: 'text', x: kx + 15, y: ky + 2.2, text: key.text, style: TICK });
    kx += w;
  }
  return { height: ky + LEGEND - 14, items };
}

function marker(shape: MarkerShape, cx: number, cy: number, colour: Rgb, inferred: boolean): DisplayItem {
  const points = markerOutline(shape, R).map(([dx, dy]) => [cx + dx, cy + dy] as const);
  return inferred
    ? { kind: 'polygon', points, fill: COLOURS.white, stroke: colour, lineWidth: 0.8, dash: [1, 0.8] }
    : { kind: 'polygon', points, fill: colour, stroke: COLOURS.white, lineWidth: 0.4 };
}
