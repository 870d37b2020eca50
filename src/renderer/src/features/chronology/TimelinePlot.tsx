/*
 * The timeline's drawing: a time axis (d3's UTC scale and its ticks) over one band per case, each with its events
 * packed into lanes. Only what is in view is drawn, so a thousand events pan and zoom smoothly. The plot is one
 * tab stop: arrows move between events in time order (panning to each), Enter opens one, + and − zoom, 0 fits.
 */
import { useMergedRef, useElementSize } from '@mantine/hooks';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { layoutBands, type PlacedBand, type PlacedEvent } from '../../../../shared/timeline-layout';
import { byTime, paddedExtent, timelineExtent, type TimeSpan } from '../../../../shared/timeline';
import { MARKER_RADIUS, TimelineMark } from './TimelineMarks';
import type { TimelineBand } from './use-timeline-events';
import { useTimeZoom, type TimeZoom } from './use-time-zoom';

const AXIS_HEIGHT = 30;
const LANE_HEIGHT = 24;
const CHAR_WIDTH = 6.4;
/** Drawn beyond the visible edges, so a label that starts just off screen still shows its end. */
const OVERSCAN = 240;

const LAYOUT = { laneHeight: LANE_HEIGHT, maxLanes: 10, markerRadius: MARKER_RADIUS, charWidth: CHAR_WIDTH, maxLabel: 260 };

interface Props {
  bands: TimelineBand[];
  selection: string[];
  onOpen: (caseId: string, eventId: string) => void;
  /** Controls drawn above the plot, given the zoom they drive. */
  toolbar: (zoom: TimeZoom) => ReactNode;
}

const EMPTY_SPAN: TimeSpan = { start: Date.UTC(2000, 0, 1), end: Date.UTC(2001, 0, 1) };

export function TimelinePlot({ bands, selection, onOpen, toolbar }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const size = useElementSize<HTMLDivElement>();
  const ref = useMergedRef(element, size.ref);
  const all = useMemo(() => bands.flatMap((b) => b.events).sort(byTime), [bands]);
  const domain = useMemo(() => {
    const extent = timelineExtent(all);
    return extent ? paddedExtent(extent) : EMPTY_SPAN;
  }, [all]);
  const width = size.width;
  const zoom = useTimeZoom(element, domain, width, size.height);
  const { x, xUnpanned, panX } = zoom;

  const multi = bands.length > 1;
  // Labels stay within the whole chronology's width: one near its end goes left of its marker.
  const layout = useMemo(
    () =>
      layoutBands(bands, (t) => xUnpanned(t), { ...LAYOUT, bandHeader: multi ? 22 : 4, right: xUnpanned.range()[1] - 4 }),
    [bands, xUnpanned, multi],
  );
  const height = Math.max(layout.height + 8, 40);
  const ticks = useMemo(() => (width > 0 ? x.ticks(Math.max(2, Math.floor(width / 110))) : []), [x, width]);
  const format = useMemo(() => x.tickFormat(), [x]);
  const [focusedId, setFocusedId] = useState<string>();
  const pendingFocus = useRef<string>(undefined);

  const placedById = useMemo(() => new Map(layout.bands.flatMap((b) => b.events.map((p) => [p.event.id, p] as const))), [layout]);

  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const node = element.current?.querySelector<SVGGElement>(`[data-event-id="${CSS.escape(id)}"]`);
    if (node) {
      pendingFocus.current = undefined;
      node.focus();
    }
  });

  const moveFocus = useCallback(
    (index: number) => {
      const target = all[Math.max(0, Math.min(all.length - 1, index))];
      if (!target) return;
      pendingFocus.current = target.id;
      setFocusedId(target.id);
      zoom.reveal(target.point ? (target.span.start + target.span.end) / 2 : target.span.start);
    },
    [all, zoom],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const index = focusedId ? all.findIndex((e) => e.id === focusedId) : -1;
    const keys: Record<string, () => void> = {
      ArrowRight: () => moveFocus(index + 1),
      ArrowDown: () => moveFocus(index + 1),
      ArrowLeft: () => moveFocus(index < 0 ? 0 : index - 1),
      ArrowUp: () => moveFocus(index < 0 ? 0 : index - 1),
      Home: () => moveFocus(0),
      End: () => moveFocus(all.length - 1),
      '+': () => zoom.zoomBy(2),
      '=': () => zoom.zoomBy(2),
      '-': () => zoom.zoomBy(0.5),
      '0': () => zoom.reset(),
      Enter: () => focusedId && open(focusedId),
      ' ': () => focusedId && open(focusedId),
    };
    const action = keys[event.key];
    if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    action();
  };

  const open = (id: string) => {
    const p = placedById.get(id);
    if (p) onOpen(p.event.caseId, p.event.id);
  };
  const openPlaced = useCallback((p: PlacedEvent) => onOpen(p.event.caseId, p.event.id), [onOpen]);
  const focusPlaced = useCallback((p: PlacedEvent) => setFocusedId(p.event.id), []);

  return (
    <div className="tl-root">
      {toolbar(zoom)}
      <div className="tl-plot" ref={ref} onKeyDown={onKeyDown}>
        <svg className="tl-axis" width={width} height={AXIS_HEIGHT} role="img" aria-label={`Time axis from ${format(x.domain()[0])} to ${format(x.domain()[1])}`}>
          <line className="tl-axis-line" x1={0} x2={width} y1={AXIS_HEIGHT - 0.5} y2={AXIS_HEIGHT - 0.5} />
          {ticks.map((t) => (
            <g key={t.getTime()} transform={`translate(${x(t).toFixed(1)} 0)`}>
              <line className="tl-tick" y1={AXIS_HEIGHT - 6} y2={AXIS_HEIGHT} />
              <text className="tl-tick-label" y={AXIS_HEIGHT - 11} textAnchor="middle">
                {format(t)}
              </text>
            </g>
          ))}
        </svg>
        <div className="tl-lanes">
          <div className="tl-stage" style={{ height }}>
            <svg className="tl-grid-layer" width={width} height={height} aria-hidden="true">
              {ticks.map((t) => (
                <line key={t.getTime()} className="tl-grid" x1={x(t)} x2={x(t)} y1={0} y2={height} />
              ))}
              <BandFrames bands={layout.bands} width={width} multi={multi} />
            </svg>
            {/* Its own compositing layer: while the layout catches up, the drawn events are stretched to the axis by the
                compositor instead of being painted again (a thousand labels take longer to paint than a frame lasts). */}
            <div className="tl-events-layer" style={{ transform: zoom.settled ? undefined : zoom.catchUp }}>
              <svg className="tl-canvas" data-settled={zoom.settled} width={width} height={height} role="group" aria-label="Chronology timeline: arrows move between events, Enter opens one, + and − zoom, 0 shows everything">
                <EventLayer
                  bands={layout.bands}
                  width={width}
                  panX={panX}
                  multi={multi}
                  selection={selection}
                  focusedId={focusedId}
                  onOpen={openPlaced}
                  onFocusEvent={focusPlaced}
                />
              </svg>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

const isVisible = (p: PlacedEvent, panX: number, width: number) =>
  Math.max(p.x, p.spanTo, p.fuzzyTo ?? -Infinity, p.label ? p.label.x + OVERSCAN : -Infinity) + panX >= -OVERSCAN && Math.min(p.x, p.fuzzyFrom ?? Infinity) + panX <= width + OVERSCAN;

/** Each band's rule and case title: behind the events, and never stretched with them during a zoom. */
const BandFrames = memo(function BandFrames({ bands, width, multi }: { bands: PlacedBand[]; width: number; multi: boolean }) {
  return (
    <>
      {bands.map((band, i) => (
        <g key={band.caseId}>
          {i > 0 && <line className="tl-band-rule" x1={0} x2={width} y1={band.top + 0.5} y2={band.top + 0.5} />}
          {multi && (
            <text className="tl-band-title" x={8} y={band.top + 15}>
              {band.title}
            </text>
          )}
        </g>
      ))}
    </>
  );
});

interface LayerProps {
  bands: PlacedBand[];
  width: number;
  panX: number;
  multi: boolean;
  selection: string[];
  focusedId?: string;
  onOpen: (p: PlacedEvent) => void;
  onFocusEvent: (p: PlacedEvent) => void;
}

/**
 * The events, drawn only where they are in view (the focused one always, so the keyboard never loses it). Memoised:
 * while the axis follows a zoom at once, this layer is redrawn only when its deferred layout arrives.
 */
const EventLayer = memo(function EventLayer({ bands, width, panX, multi, selection, focusedId, onOpen, onFocusEvent }: LayerProps) {
  const shown = bands.map((band) => band.events.filter((p) => isVisible(p, panX, width) || p.event.id === focusedId));
  // One tab stop: the focused event, or else the earliest one in view.
  const tabbableId = focusedId && bands.some((b) => b.events.some((p) => p.event.id === focusedId)) ? focusedId : shown.flat().sort((a, b) => byTime(a.event, b.event))[0]?.event.id;
  return (
    <>
      {bands.map((band, i) => (
        <g key={band.caseId} className="tl-band" data-case-id={band.caseId}>
          <g transform={`translate(${panX.toFixed(1)} 0)`}>
            {shown[i].map((p) => (
              <TimelineMark
                key={p.event.id}
                placed={p}
                caseTitle={multi ? band.title : undefined}
                selected={selection.includes(p.event.id)}
                tabbable={p.event.id === tabbableId}
                onOpen={onOpen}
                onFocusEvent={onFocusEvent}
              />
            ))}
          </g>
        </g>
      ))}
    </>
  );
});
