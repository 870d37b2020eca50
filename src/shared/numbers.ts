/*
 * Whole numbers with thousands separators, as `n.toLocaleString('en-GB')` writes them ("1,048,576"), without
 * Intl: the first toLocaleString in a process builds ICU's number formatter, 10–30 ms of CPU, and the record
 * schemas used it at import (their messages say "At most 1,000,000 characters"), so every CLI command paid it.
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-GB');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
