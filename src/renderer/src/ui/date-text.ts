/* A stored partial date as the text it is edited as, which parsePartialDate reads back to the same date. */
import type { PartialDate } from '../../../shared/partial-date';

/** The text a stored date is edited as: "28/06/2022", "June 2022", "2022", "c. " for an approximate date, the year in brackets for an inferred one. */
export function dateToText(date: PartialDate | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.value.split('-');
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const text = d ? `${d}/${m}/${y}` : m ? `${MONTHS[Number(m) - 1]} ${y}` : y;
  if (date.certainty === 'approximate') return `c. ${text}`;
  if (date.certainty === 'inferred') return text.replace(y, `[${y}]`);
  return text;
}
