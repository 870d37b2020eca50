/* Where events sit on the time axis, shared by the window's timeline and the dossier's figure. */
import { describe, expect, it } from 'vitest';
import { EventRecord } from '../../src/shared/domain';
import { packLanes, partialDateSpan, timelineEvent } from '../../src/shared/timeline';
import { layoutBands } from '../../src/shared/timeline-layout';

const DAY = 86_400_000;
const T = '2025-11-20T10:00:00.000Z';
const event = (date: object, endDate?: object) =>
  EventRecord.parse({ id: 'event-1', createdAt: T, updatedAt: T, title: 'An event', date, ...(endDate ? { endDate } : {}) });

describe('timeline positions', () => {
  it('gives a partial date the whole period it names', () => {
    expect(partialDateSpan({ value: '2021', certainty: 'exact' })).toEqual({ start: Date.UTC(2021, 0, 1), end: Date.UTC(2022, 0, 1) });
    expect(partialDateSpan({ value: '2024-02', certainty: 'exact' })).toEqual({ start: Date.UTC(2024, 1, 1), end: Date.UTC(2024, 2, 1) });
    expect(partialDateSpan({ value: '2021-06-15', certainty: 'exact' })).toEqual({ start: Date.UTC(2021, 5, 15), end: Date.UTC(2021, 5, 16) });
  });

  it('draws an exact day as a point, a month as a span, and "c." with a fuzzy margin on its approximate ends only', () => {
    expect(timelineEvent('c', event({ value: '2021-06-15' })).point).toBe(true);
    const month = timelineEvent('c', event({ value: '2021-03' }));
    expect(month.point).toBe(false);
    expect(month.fuzzy).toBeUndefined();
    const circa = timelineEvent('c', event({ value: '2019', certainty: 'approximate' }, { value: '2021-05' }));
    expect(circa.span).toEqual({ start: Date.UTC(2019, 0, 1), end: Date.UTC(2021, 5, 1) });
    expect(circa.fuzzy).toEqual({ start: Date.UTC(2019, 0, 1) - 365 * DAY, end: Date.UTC(2021, 5, 1) });
    expect(circa.dateText).toBe('c. 2019 – May 2021');
    expect(timelineEvent('c', event({ value: '2022-06-28', certainty: 'inferred' })).inferred).toBe(true);
  });

  it('draws a range typed the wrong way round over what it covers', () => {
    const backwards = timelineEvent('c', event({ value: '2021-03-15' }, { value: '2019', certainty: 'approximate' }));
    expect(backwards.span).toEqual({ start: Date.UTC(2019, 0, 1), end: Date.UTC(2021, 2, 16) });
  });
});

describe('lanes', () => {
  it('never lets two events overlap in a lane, cuts a label that would run into the next event, and overlaps only past the limit', () => {
    const same = Array.from({ length: 12 }, () => ({ from: 0, to: 10, labelTo: 100 }));
    const { placements, lanes } = packLanes(same, 3);
    expect(lanes).toBe(12);
    expect(new Set(placements.map((p) => p.lane)).size).toBe(12);
    expect(packLanes(same, 3, 5).lanes).toBe(5);

    const row = packLanes(
      [
        { from: 0, to: 10, labelTo: 200 },
        { from: 60, to: 70, labelTo: 200 },
      ],
      1,
    );
    expect(row.placements.map((p) => p.lane)).toEqual([0, 0]);
    expect(row.placements[0].labelEnd).toBe(56);
  });

  it('lays bands out one under another, labels within the right edge when asked', () => {
    const events = [timelineEvent('a', event({ value: '2021-11-15' }))];
    const x = (t: number) => ((t - Date.UTC(2021, 0, 1)) / (365 * DAY)) * 100;
    const { bands, height } = layoutBands(
      [
        { caseId: 'a', title: 'A', events },
        { caseId: 'b', title: 'B', events: [] },
      ],
      x,
      { laneHeight: 10, bandHeader: 5, maxLanes: 4, markerRadius: 2, charWidth: 5, maxLabel: 100, right: 100 },
    );
    expect(bands.map((b) => b.top)).toEqual([0, 15]);
    expect(height).toBe(30);
    const label = bands[0].events[0].label!;
    // "An event" is 40 units long: beyond the edge at 100 on the right, so it goes on the marker's left.
    expect(label.x + 40).toBeLessThanOrEqual(bands[0].events[0].x);
  });
});
