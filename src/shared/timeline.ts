/*
 * Where an event sits on a time axis, shared by the window's timeline and the dossier's timeline figure so that
 * both draw the same picture. A partial date is the whole period it names (a month is a month-long span, a year a
 * year-long one), an approximate date ("c. 2021") carries a fuzzy margin of one unit of its precision on each
 * approximate end, an inferred year is marked, and each claim status has its own marker shape as well as its
 * colour, so the status never depends on colour alone. Times are UTC milliseconds; spans are half-open.
 */
import type { ClaimStatus, EventRecord } from './domain';
import { datePrecision, formatPartialDate, PARTIAL_DATE_PATTERN, type PartialDate } from './partial-date';

export interface TimeSpan {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface TimelineEvent {
  id: string;
  caseId: string;
  title: string;
  claimStatus: ClaimStatus;
  /** As people read it: "June 2022 – c. 2023". */
  dateText: string;
  /** The period the dates name. */
  span: TimeSpan;
  /** The wider period an approximate date may mean; absent for dates that are not approximate. */
  fuzzy?: TimeSpan;
  /** A single, exact day: drawn as a point, not a span. */
  point: boolean;
  inferred: boolean;
  tags: string[];
}

const DAY = 86_400_000;

/** The period a partial date names: its whole year, month or day. */
export function partialDateSpan(date: PartialDate): TimeSpan {
  const m = PARTIAL_DATE_PATTERN.exec(date.value);
  if (!m) throw new Error(`Not a partial date: ${date.value}`);
  const year = Number(m[1]);
  if (!m[2]) return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
  const month = Number(m[2]) - 1;
  if (!m[3]) return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
  const start = Date.UTC(year, month, Number(m[3]));
  return { start, end: start + DAY };
}

/** How far an approximate date may stray: one unit of what it states (a year for "c. 2021"). */
function fuzzMargin(date: PartialDate): number {
  const precision = datePrecision(date.value);
  return precision === 'year' ? 365 * DAY : precision === 'month' ? 30 * DAY : 3 * DAY;
}

export function timelineEvent(caseId: string, e: EventRecord): TimelineEvent {
  const first = partialDateSpan(e.date);
  const last = e.endDate ? partialDateSpan(e.endDate) : first;
  // A range typed the wrong way round is drawn over what it covers rather than as a negative span.
  const span = { start: Math.min(first.start, last.start), end: Math.max(first.end, last.end) };
  const startFuzzy = e.date.certainty === 'approximate';
  const endFuzzy = (e.endDate ?? e.date).certainty === 'approximate';
  const fuzzy =
    startFuzzy || endFuzzy
      ? { start: span.start - (startFuzzy ? fuzzMargin(e.date) : 0), end: span.end + (endFuzzy ? fuzzMargin(e.endDate ?? e.date) : 0) }
      : undefined;
  return {
    id: e.id,
    caseId,
    title: e.title,
    claimStatus: e.claimStatus,
    dateText: formatPartialDate(e.date) + (e.endDate ? ` – ${formatPartialDate(e.endDate)}` : ''),
    span,
    ...(fuzzy ? { fuzzy } : {}),
    point: span.end - span.start <= DAY && !fuzzy,
    inferred: e.date.certainty === 'inferred' || e.endDate?.certainty === 'inferred',
    tags: e.tags,
  };
}

/** Events in time order (earliest start first, then the longer span), ready to draw. */
export function timelineEvents(caseId: string, events: readonly EventRecord[]): TimelineEvent[] {
  return events.map((e) => timelineEvent(caseId, e)).sort(byTime);
}

export function byTime(a: TimelineEvent, b: TimelineEvent): number {
  return a.span.start - b.span.start || b.span.end - a.span.end || a.title.localeCompare(b.title);
}

/** The period every event (with its fuzzy margin) falls in; undefined without events. */
export function timelineExtent(events: readonly TimelineEvent[]): TimeSpan | undefined {
  if (!events.length) return undefined;
  let start = Infinity;
  let end = -Infinity;
  for (const e of events) {
    start = Math.min(start, (e.fuzzy ?? e.span).start);
    end = Math.max(end, (e.fuzzy ?? e.span).end);
  }
  return { start, end };
}

/** The extent with a margin either side (and at least a month shown), so nothing sits on the plot's edge. */
export function paddedExtent(extent: TimeSpan): TimeSpan {
  const width = Math.max(extent.end - extent.start, 30 * DAY);
  const centre = (extent.start + extent.end) / 2;
  return { start: centre - width * 0.55, end: centre + width * 0.55 };
}

/** Each claim status as printed, wherever the core names it (the dossier's table and figure). */
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  alleged: 'Alleged',
  admitted: 'Admitted',
  disputed: 'Disputed',
  found: 'Found',
  established: 'Established',
};

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'star';

export const CLAIM_SHAPES: Record<ClaimStatus, MarkerShape> = {
  alleged: 'circle',
  admitted: 'square',
  disputed: 'triangle',
  found: 'diamond',
  established: 'star',
};

/**
 * A marker's outline as points around (0, 0) with y pointing down (the window's convention; the PDF figure
 * flips it), sized so every shape looks about as big as a circle of radius r.
 */
export function markerOutline(shape: MarkerShape, r: number): [number, number][] {
  const ring = (n: number, radius: (i: number) => number, turn = -Math.PI / 2): [number, number][] =>
    Array.from({ length: n }, (_, i) => {
      const a = turn + (2 * Math.PI * i) / n;
      return [radius(i) * Math.cos(a), radius(i) * Math.sin(a)];
    });
  switch (shape) {
    case 'circle':
      return ring(24, () => r);
    case 'square':
      return ring(4, () => r * 1.2, -Math.PI / 4);
    case 'triangle':
      return ring(3, () => r * 1.35).map(([x, y]) => [x, y + r * 0.2]);
    case 'diamond':
      return ring(4, () => r * 1.35);
    case 'star':
      return ring(10, (i) => (i % 2 ? r * 0.6 : r * 1.45));
  }
}

export interface LaneRequest {
  /** Where the event's drawing starts and ends, in the plot's units (pixels or points). */
  from: number;
  to: number;
  /** Where its label would end if it had one. */
  labelTo: number;
}

export interface LanePlacement {
  lane: number;
  /** Where the label must end (it may be cut short by the next event in its lane); undefined for no label. */
  labelEnd?: number;
}

/**
 * Packs events into lanes so that nothing overlaps: each takes the first lane where it fits with the label of
 * the one before it whole, else (once `maxLanes` are in use) a lane where it fits if that label is cut short,
 * else a new lane (up to `lanesLimit`), else the lane that frees soonest. A label cut below `minLabel` is left
 * out (the event keeps its marker and its accessible name). Requests must be in order of `from`.
 */
export function packLanes(requests: readonly LaneRequest[], maxLanes: number, lanesLimit = Infinity, gap = 4, minLabel = 24): { placements: LanePlacement[]; lanes: number } {
  const markEnds: number[] = [];
  const labelEnds: number[] = [];
  const lastInLane: number[] = [];
  const placements: LanePlacement[] = [];
  const earliest = (ends: number[]) => ends.indexOf(Math.min(...ends));
  requests.forEach((r, index) => {
    let lane = labelEnds.findIndex((end) => end + gap <= r.from);
    if (lane < 0 && labelEnds.length < maxLanes) lane = labelEnds.length;
    if (lane < 0) lane = markEnds.findIndex((end) => end + gap <= r.from);
    if (lane < 0 && markEnds.length < lanesLimit) lane = markEnds.length;
    if (lane < 0) lane = earliest(markEnds);
    const previous = lastInLane[lane];
    if (previous !== undefined) {
      const cut = placements[previous];
      if (cut.labelEnd !== undefined && cut.labelEnd + gap > r.from) {
        cut.labelEnd = r.from - gap;
        if (cut.labelEnd - requests[previous].to < minLabel) delete cut.labelEnd;
      }
    }
    placements.push({ lane, labelEnd: r.labelTo });
    markEnds[lane] = Math.max(markEnds[lane] ?? -Infinity, r.to);
    labelEnds[lane] = Math.max(labelEnds[lane] ?? -Infinity, r.labelTo, r.to);
    lastInLane[lane] = index;
  });
  return { placements, lanes: labelEnds.length };
}
