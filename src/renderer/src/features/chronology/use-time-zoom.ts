/*
 * Horizontal zoom and pan of the timeline with d3-zoom: drag to pan, Ctrl+wheel (or a pinch) to zoom about the
 * pointer, a sideways wheel to pan; a plain wheel is left to scroll the lanes. The zoom's transform rescales a
 * d3 UTC scale whose base domain is the whole chronology, from "everything" down to a few days across.
 */
import { scaleUtc, type ScaleTime } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { TimeSpan } from '../../../../shared/timeline';

const DAY = 86_400_000;
/** At the closest zoom a day is this wide, so single days are told apart. */
const DAY_WIDTH_AT_MAX = 80;
/**
 * How long the zoom level must rest before the events are laid out again. Until then they are the drawn layer
 * stretched to the axis (`catchUp`): laying out and redrawing a thousand events on every wheel notch or key press
 * would hold up the frames that show the zoom itself.
 */
const ZOOM_REST_MS = 150;

export interface TimeZoom {
  x: ScaleTime<number, number>;
  /**
   * The same scale before panning (x(t) = xUnpanned(t) + panX): what the events are laid out with, so that a pan
   * moves one group instead of laying out and redrawing every event.
   */
  xUnpanned: ScaleTime<number, number>;
  panX: number;
  /** Whether the events are drawn at the axis's current zoom (false while a new layout is under way). */
  settled: boolean;
  /** A CSS transform that carries events drawn at the deferred zoom and pan to the axis's current ones. */
  catchUp: string;
  /** Shows `ms` of time across the plot, centred where the view is centred now (or on `centre`). */
  showSpan(ms: number, centre?: number): void;
  zoomBy(factor: number): void;
  panBy(pixels: number): void;
  reset(): void;
  /** Pans so that the time `t` is in view, if it is not. */
  reveal(t: number): void;
  atMax: boolean;
  atMin: boolean;
}

export function useTimeZoom(target: RefObject<HTMLElement | null>, domain: TimeSpan, width: number, height: number): TimeZoom {
  const [view, setView] = useState<{ transform: ZoomTransform; jump: boolean }>({ transform: zoomIdentity, jump: false });
  const transform = view.transform;
  /** Set while the view is moved by a jump rather than step by step (read when d3 reports the change). */
  const jumping = useRef(false);
  const behaviour = useRef<ZoomBehavior<HTMLElement, unknown>>(null);
  const base = useMemo(() => scaleUtc().domain([domain.start, domain.end]).range([0, Math.max(width, 1)]), [domain.start, domain.end, width]);
  const maxScale = Math.max(1, ((domain.end - domain.start) / Math.max(width, 1)) * (DAY_WIDTH_AT_MAX / DAY));

  useEffect(() => {
    const element = target.current;
    if (!element || width <= 0) return;
    const z = zoom<HTMLElement, unknown>()
      .scaleExtent([1, maxScale])
      .extent([
        [0, 0],
        [width, height],
      ])
      .translateExtent([
        [0, -Infinity],
        [width, Infinity],
      ])
      .filter((event: Event) => {
        if (event.type === 'wheel') return (event as WheelEvent).ctrlKey;
        return !(event as MouseEvent).ctrlKey && !(event as MouseEvent).button;
      })
      .on('zoom', (event: D3ZoomEvent<HTMLElement, unknown>) => setView({ transform: event.transform, jump: jumping.current }));
    behaviour.current = z;
    const selection = select(element);
    selection.call(z).on('dblclick.zoom', null);
    // Keep the view when the plot is resized or the chronology changes; d3 clamps it to the new extents.
    z.transform(selection, select(element).property('__zoom') as ZoomTransform);
    const sideways = (event: WheelEvent) => {
      if (event.ctrlKey || Math.abs(event.deltaX) <= Math.abs(event.deltaY)) return;
      event.preventDefault();
      z.translateBy(selection, -event.deltaX / (selection.property('__zoom') as ZoomTransform).k, 0);
    };
    element.addEventListener('wheel', sideways, { passive: false });
    return () => {
      element.removeEventListener('wheel', sideways);
      selection.on('.zoom', null);
    };
  }, [target, width, height, maxScale]);

  const x = useMemo(() => transform.rescaleX(base), [transform, base]);
  // The zoom level the events are laid out at: the current one once it has rested, or at once for a jump (a
  // preset, showing everything, revealing an event). A pan keeps the zoom level, so it never waits.
  const [rested, setRested] = useState<ZoomTransform>(zoomIdentity);
  const layoutAt = transform.k === rested.k || view.jump ? transform : rested;
  useEffect(() => {
    if (transform.k === rested.k) return;
    const timer = setTimeout(() => setRested(transform), view.jump ? 0 : ZOOM_REST_MS);
    return () => clearTimeout(timer);
  }, [transform, rested, view.jump]);
  // Then through a deferred value: React lays a thousand events out in the background and drops stale layouts,
  // so the axis, the keys and the pointer never wait for them.
  const lagging = useDeferredValue(layoutAt);
  const k = lagging.k;
  const xUnpanned = useMemo(() => base.copy().range([0, Math.max(width, 1) * k]), [base, width, k]);

  const apply = useCallback(
    (next: ZoomTransform) => {
      const element = target.current;
      if (!element || !behaviour.current) return;
      jumping.current = true;
      behaviour.current.transform(select(element), next);
      jumping.current = false;
    },
    [target],
  );

  const showSpan = useCallback(
    (ms: number, centre?: number) => {
      const k = Math.min(maxScale, Math.max(1, (domain.end - domain.start) / ms));
      const middle = centre ?? x.invert(width / 2).getTime();
      apply(zoomIdentity.translate(width / 2 - k * base(middle), 0).scale(k));
    },
    [apply, base, domain.end, domain.start, maxScale, width, x],
  );

  return {
    x,
    xUnpanned,
    panX: lagging.x,
    settled: lagging === transform,
    // Until the layout catches up, the drawn events are stretched to where the axis already is.
    catchUp: `translateX(${(transform.x - lagging.x * (transform.k / lagging.k)).toFixed(1)}px) scaleX(${(transform.k / lagging.k).toFixed(4)})`,
    showSpan,
    zoomBy: (factor) => {
      const element = target.current;
      if (element && behaviour.current) behaviour.current.scaleBy(select(element), factor, [width / 2, 0]);
    },
    panBy: (pixels) => {
      const element = target.current;
      if (element && behaviour.current) behaviour.current.translateBy(select(element), pixels / transform.k, 0);
    },
    reset: () => apply(zoomIdentity),
    reveal: (t) => {
      const at = x(t);
      if (at < 40 || at > width - 40) showSpan(x.domain()[1].getTime() - x.domain()[0].getTime(), t);
    },
    atMax: transform.k >= maxScale - 1e-6,
    atMin: transform.k <= 1 + 1e-6,
  };
}
