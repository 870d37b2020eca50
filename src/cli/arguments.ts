/* Turning command-line text into contract inputs, with messages that say what to type instead. */
import { ApiError } from '../shared/errors';
import { parsePartialDate, type PartialDate } from '../shared/partial-date';

export function parseDateArgument(text: string | undefined, flag: string): PartialDate | undefined {
  if (text === undefined) return undefined;
  const date = parsePartialDate(text);
  if (!date) {
    throw new ApiError('INVALID_INPUT', `${flag}: “${text}” is not a date. Use 2022, June 2022, 28 June 2022 or 28/06/2022 (c. 2021 for approximate, 28 June [2022] for an inferred year).`);
  }
  return date;
}
