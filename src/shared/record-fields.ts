/*
 * The field types every record schema is built from: ids, timestamps and bounded text. Kept apart from
 * domain.ts so that schemas domain.ts itself includes (people.ts) can use them without an import cycle.
 */
import { z } from 'zod';
import { groupDigits } from './numbers';

export const LIMITS = {
  title: 500,
  shortText: 300,
  url: 2048,
  longText: 1_000_000,
  tagSegment: 64,
  tagDepth: 8,
  listItems: 10_000,
  attachmentBytes: 512 * 1024 * 1024,
} as const;

/** No C0/C1 control characters except tab and newlines; they break files, terminals and PDFs. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const RecordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/, 'Not a valid record id.');
export const Timestamp = z.iso.datetime({ offset: false });

export const text = (max: number) =>
  z.string().max(max, `At most ${groupDigits(max)} characters.`).refine((s) => !CONTROL_CHARS.test(s), 'Contains control characters.');
export const requiredText = (max: number, label: string) =>
  text(max).refine((s) => s.trim().length > 0, `${label} cannot be empty.`);
