/*
 * A stored partial date as the text it is edited as. A date is shown as the person last typed it in this
 * window ("15 March 2021" stays "15 March 2021", "15/03/2021" stays that), and otherwise as prose
 * ("15 March 2021", "c. June 2022", "28 June [2022]"); either reads back to the same date.
 */
import { formatPartialDate, parsePartialDate, type PartialDate } from '../../../shared/partial-date';

const keyOf = (date: PartialDate) => `${date.value}|${date.certainty}`;
const typed = new Map<string, string>();

/** Remembers how a date was typed, so the field shows it the same way after saving. */
export function rememberTypedDate(text: string): void {
  const date = text.trim() ? parsePartialDate(text) : undefined;
  if (date) typed.set(keyOf(date), text.trim().replace(/\s+/g, ' '));
}

export function dateToText(date: PartialDate | undefined): string {
  if (!date) return '';
  return typed.get(keyOf(date)) ?? formatPartialDate(date);
}
