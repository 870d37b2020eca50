import { describe, expect, it } from 'vitest';
import { comparePartialDates, formatPartialDate, parsePartialDate, PartialDate } from '../src/shared/partial-date';

const d = (value: string, certainty: PartialDate['certainty'] = 'exact'): PartialDate => ({ value, certainty });

describe('partial dates', () => {
  it('reads dates the way people type them', () => {
    expect(parsePartialDate('2022')).toEqual(d('2022'));
    expect(parsePartialDate('June 2022')).toEqual(d('2022-06'));
    expect(parsePartialDate('28/06/2022')).toEqual(d('2022-06-28'));
    expect(parsePartialDate('28th June 2022')).toEqual(d('2022-06-28'));
    expect(parsePartialDate('June 28, 2022')).toEqual(d('2022-06-28'));
    expect(parsePartialDate('c. 2021')).toEqual(d('2021', 'approximate'));
    expect(parsePartialDate('28 June [2022]')).toEqual(d('2022-06-28', 'inferred'));
  });

  it('rejects text that is not a date, and days that do not exist', () => {
    expect(parsePartialDate('soon')).toBeUndefined();
    expect(parsePartialDate('31/02/2022')).toBeUndefined();
    expect(parsePartialDate('2022-13')).toBeUndefined();
    expect(PartialDate.safeParse({ value: '2021-02-29' }).success).toBe(false);
    expect(PartialDate.safeParse({ value: '2024-02-29' }).success).toBe(true);
  });

  it('orders mixed precisions: a year before its months, a month before its days, undated last', () => {
    const dates = [d('2022-06-28'), undefined, d('2021'), d('2022-06'), d('2022'), d('2022-07-05'), d('2021-03')];
    const sorted = [...dates].sort(comparePartialDates).map((x) => x?.value ?? 'undated');
    expect(sorted).toEqual(['2021', '2021-03', '2022', '2022-06', '2022-06-28', '2022-07-05', 'undated']);
  });

  it('displays precision and certainty', () => {
    expect(formatPartialDate(d('2022-06-28'))).toBe('28 June 2022');
    expect(formatPartialDate(d('2022-06'))).toBe('June 2022');
    expect(formatPartialDate(d('2022-06-28', 'inferred'))).toBe('28 June [2022]');
    expect(formatPartialDate(d('2021', 'approximate'))).toBe('c. 2021');
    expect(formatPartialDate(undefined)).toBe('undated');
  });
});
