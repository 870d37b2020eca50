/*
 * Partial, possibly uncertain dates: "2022", "2022-06", "2022-06-28", each optionally marked
 * approximate ("c. June 2022") or inferred (the source gives no year and we supplied it).
 * Stored as ISO-like strings so files stay readable and sort lexically within one precision;
 * comparePartialDates orders mixed precisions (a year sorts before its months and days).
 */
import { z } from 'zod';

export const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

export const DateCertainty = z.enum(['exact', 'approximate', 'inferred']);
export type DateCertainty = z.infer<typeof DateCertainty>;

export const PartialDate = z
  .object({
    value: z.string().regex(PARTIAL_DATE_PATTERN, 'Use a year, year-month or full date, e.g. 2022, 2022-06 or 2022-06-28.'),
    certainty: DateCertainty.default('exact'),
  })
  .refine((d) => isRealDate(d.value), { message: 'That day does not exist in that month.', path: ['value'] });
export type PartialDate = z.infer<typeof PartialDate>;

export type DatePrecision = 'year' | 'month' | 'day';

export function datePrecision(value: string): DatePrecision {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

function isRealDate(value: string): boolean {
  const m = PARTIAL_DATE_PATTERN.exec(value);
  if (!m) return false;
  if (!m[3]) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Orders by the earliest moment each date could mean; a coarser date sorts before finer ones it contains. */
export function comparePartialDates(a: PartialDate | undefined, b: PartialDate | undefined): number {
  if (!a && !b) return 0;
  if (!a) return 1; // undated records go last
  if (!b) return -1;
  const pa = a.value.padEnd(10, ' ');
  const pb = b.value.padEnd(10, ' ');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "28 June 2022", "June 2022", "2022"; approximate dates get "c.", inferred years are bracketed: "28 June [2022]". */
export function formatPartialDate(date: PartialDate | undefined): string {
  if (!date) return 'undated';
  const m = PARTIAL_DATE_PATTERN.exec(date.value);
  if (!m) return date.value;
  const year = date.certainty === 'inferred' ? `[${m[1]}]` : m[1];
  const parts = [m[3] ? String(Number(m[3])) : undefined, m[2] ? MONTHS[Number(m[2]) - 1] : undefined, year].filter(Boolean);
  const text = parts.join(' ');
  return date.certainty === 'approximate' ? `c. ${text}` : text;
}

const MONTH_LOOKUP = new Map<string, number>();
MONTHS.forEach((name, i) => {
  MONTH_LOOKUP.set(name.toLowerCase(), i + 1);
  MONTH_LOOKUP.set(name.slice(0, 3).toLowerCase(), i + 1);
});
MONTH_LOOKUP.set('sept', 9);

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a date as people type it: "2022", "2022-06", "2022-06-28", "June 2022", "28 June 2022",
 * "28/06/2022" (day first, as in the UK), "c. 2022" or "~2022" (approximate), "[2022]" or "2022?" (inferred).
 * Returns undefined when the text is not a date; the caller reports that.
 */
export function parsePartialDate(input: string): PartialDate | undefined {
  let text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  let certainty: DateCertainty = 'exact';
  const approx = /^(c\.|ca\.|circa|about|approx\.?|~)\s*/.exec(text);
  if (approx) {
    certainty = 'approximate';
    text = text.slice(approx[0].length);
  }
  if (/\[\d{4}\]|\d{4}\?$/.test(text)) {
    certainty = 'inferred';
    text = text.replace(/\[(\d{4})\]/, '$1').replace(/\?$/, '');
  }
  text = text.replace(/(\d)(st|nd|rd|th)\b/g, '$1').replace(/,/g, '').trim();
  let value: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text))) {
    value = m[1] + (m[2] ? `-${pad(Number(m[2]))}` + (m[3] ? `-${pad(Number(m[3]))}` : '') : '');
  } else if ((m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text))) {
    value = `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  } else if ((m = /^(\d{1,2})[/.](\d{4})$/.exec(text))) {
    value = `${m[2]}-${pad(Number(m[1]))}`;
  } else if ((m = /^(\d{1,2}) ([a-z]+) (\d{4})$/.exec(text)) && MONTH_LOOKUP.has(m[2])) {
    value = `${m[3]}-${pad(MONTH_LOOKUP.get(m[2])!)}-${pad(Number(m[1]))}`;
  } else if ((m = /^([a-z]+) (\d{1,2}) (\d{4})$/.exec(text)) && MONTH_LOOKUP.has(m[1])) {
    value = `${m[3]}-${pad(MONTH_LOOKUP.get(m[1])!)}-${pad(Number(m[2]))}`;
  } else if ((m = /^([a-z]+) (\d{4})$/.exec(text)) && MONTH_LOOKUP.has(m[1])) {
    value = `${m[2]}-${pad(MONTH_LOOKUP.get(m[1])!)}`;
  }
  if (!value) return undefined;
  const parsed = PartialDate.safeParse({ value, certainty });
  return parsed.success ? parsed.data : undefined;
}

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The first and last day a partial date can mean, as YYYY-MM-DD ("2021" → 2021-01-01 … 2021-12-31). */
export function dateBounds(date: PartialDate): [string, string] {
  const [y, m, d] = date.value.split('-');
  if (d) return [date.value, date.value];
  if (m) return [`${y}-${m}-01`, `${y}-${m}-${pad(lastDayOfMonth(Number(y), Number(m)))}`];
  return [`${y}-01-01`, `${y}-12-31`];
}

/**
 * Why a date range cannot be right, or undefined when it can: it ends before it starts, that is, the last
 * day the end date can mean comes before the first day the start date can mean ("15 March 2021" until
 * "c. 2019"). Uncertain dates are given the benefit of the doubt: "2021" until "March 2021" is accepted.
 */
export function dateRangeProblem(start: PartialDate | undefined, end: PartialDate | undefined): string | undefined {
  if (!start || !end) return undefined;
  if (dateBounds(end)[1] >= dateBounds(start)[0]) return undefined;
  return `This ends (${formatPartialDate(end)}) before it starts (${formatPartialDate(start)}). Correct one of the two dates, or clear the end date.`;
}

/** A zod refinement refusing a range whose `endKey` date ends before its `startKey` date; the issue is reported on the end date's field. */
export function refineDateRange<K extends string>(startKey: K, endKey: K) {
  return (value: Partial<Record<K, PartialDate | null>>, ctx: z.RefinementCtx): void => {
    const problem = dateRangeProblem(value[startKey] ?? undefined, value[endKey] ?? undefined);
    if (problem) ctx.addIssue({ code: 'custom', path: [endKey], message: problem });
  };
}
