/* One event on the timeline, drawn as the shared model says: fuzzy margin, span, claim-status marker and label. */
import { memo } from 'react';
import { CLAIM_SHAPES, markerOutline, type MarkerShape } from '../../../../shared/timeline';
import type { PlacedEvent } from '../../../../shared/timeline-layout';
import { CLAIM_LABELS } from './claims';

export const MARKER_RADIUS = 6;

const outlines = new Map<string, Array<[number, number]>>();
/**
 * The marker's outline as SVG polygon points around (cx, cy). Drawn in place rather than moved there by a transform:
 * a transform per marker gives the browser a thousand separate pieces to composite on every frame of a zoom.
 */
export function markerPoints(shape: MarkerShape, r: number, cx = 0, cy = 0): string {
  const key = `${shape}:${r}`;
  let outline = outlines.get(key);
  if (!outline) {
    outline = markerOutline(shape, r);
    outlines.set(key, outline);
  }
  return outline.map(([x, y]) => `${(x + cx).toFixed(2)},${(y + cy).toFixed(2)}`).join(' ');
}

/** What a screen reader says for an event, and what its tooltip shows. */
export function eventDescription(p: PlacedEvent, caseTitle?: string): string {
  const e = p.event;
  return [`${e.dateText}: ${e.title}`, CLAIM_LABELS[e.claimStatus], e.inferred ? 'year inferred' : '', caseTitle ?? ''].filter(Boolean).join('. ');
}

interface Props {
  placed: PlacedEvent;
  caseTitle?: string;
  selected: boolean;
  tabbable: boolean;
  onOpen: (p: PlacedEvent) => void;
  onFocusEvent: (p: PlacedEvent) => void;
}

export const TimelineMark = memo(function TimelineMark({ placed: p, caseTitle, selected, tabbable, onOpen, onFocusEvent }: Props) {
  const e = p.event;
  const status = `tl-claim-${e.claimStatus}`;
  const description = eventDescription(p, caseTitle);
  // The accessible name contains the visible label (WCAG 2.5.3), which may be the title cut short.
  const name = p.label && !description.includes(p.label.text) ? `${p.label.text} (${description})` : description;
  // Behind the marker, the span and the label, whichever side of the marker the label is on.
  const labelEnd = p.label ? p.label.x + p.label.text.length * 6.4 : p.x;
  const highlight = { from: Math.min(p.x, p.label?.x ?? p.x) - MARKER_RADIUS - 3, to: Math.max(labelEnd, p.spanTo, p.x) + MARKER_RADIUS + 3 };
  return (
    <g
      className="timeline-item"
      role="button"
      tabIndex={tabbable ? 0 : -1}
      aria-label={name}
      aria-pressed={selected}
      data-event-id={e.id}
      data-case-id={e.caseId}
      data-selected={selected || undefined}
      data-span={e.point ? 'point' : e.fuzzy ? 'fuzzy' : 'span'}
      onClick={() => onOpen(p)}
      onFocus={() => onFocusEvent(p)}
    >
      <title>{description}</title>
      {selected && <rect className="tl-selected" x={highlight.from} y={p.y - 10} width={highlight.to - highlight.from} height={20} rx={3} />}
      {p.fuzzyFrom !== undefined && p.fuzzyTo !== undefined && (
        <rect className={`tl-fuzzy ${status}`} x={p.fuzzyFrom} y={p.y - 5} width={Math.max(p.fuzzyTo - p.fuzzyFrom, 1)} height={10} rx={5} />
      )}
      {!e.point && <rect className={`tl-span ${status}`} x={p.spanFrom} y={p.y - 3.5} width={Math.max(p.spanTo - p.spanFrom, 2)} height={7} rx={3.5} />}
      <polygon
        className={`tl-marker ${status}${e.inferred ? ' tl-inferred' : ''}`}
        points={markerPoints(CLAIM_SHAPES[e.claimStatus], MARKER_RADIUS, p.x, p.y)}
      />
      {p.label && (
        <text className="tl-label" x={p.label.x} y={p.y + 4}>
          {p.label.text}
        </text>
      )}
    </g>
  );
});
