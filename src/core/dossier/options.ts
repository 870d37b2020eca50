/*
 * Validation of dossier options and input at the engine's boundary: whatever the caller (CLI, contract, test)
 * passes, the engine only ever sees parsed options.
 */
import { z } from 'zod';
import { Title } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { DOSSIER_SECTIONS, type DossierInput, type DossierOptions, type DossierProgress } from './types';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/;
const line = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label} has at most ${max} characters.`)
    .refine((s) => !CONTROL_CHARS.test(s), `${label} must be a single line without control characters.`)
    .refine((s) => s.trim().length > 0, `${label} cannot be empty.`);

export const DossierSectionSchema = z.enum(DOSSIER_SECTIONS);

export const DossierOptionsSchema = z.object({
  title: Title,
  sections: z
    .array(DossierSectionSchema)
    .min(1, 'Choose at least one section.')
    .refine((list) => new Set(list).size === list.length, 'Each section can be listed once.')
    .optional(),
  compiledBy: line(300, 'Compiled by').optional(),
  buildDate: z.iso.date('Use a date written YYYY-MM-DD.'),
  marking: line(80, 'A marking').optional(),
  bates: z
    .object({
      prefix: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,23}$/, 'A Bates prefix is 1–24 letters, digits, spaces, dots, slashes or hyphens, starting with a letter or digit.'),
      start: z.number().int().min(0).max(999_999_999_999).default(1),
      digits: z.number().int().min(1).max(12).default(6),
    })
    .optional(),
  onProgress: z.custom<(progress: DossierProgress) => void>((v) => typeof v === 'function', 'onProgress must be a function.').optional(),
});

export type ParsedDossierOptions = z.infer<typeof DossierOptionsSchema>;

export function parseDossierOptions(options: DossierOptions): ParsedDossierOptions {
  const parsed = DossierOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`);
    throw new ApiError('INVALID_INPUT', `The dossier options are not valid. ${issues.join(' ')}`, parsed.error.issues);
  }
  return parsed.data;
}

export function checkDossierInput(input: DossierInput): void {
  if (!input || typeof input.readAttachment !== 'function' || !input.library) {
    throw new ApiError('INVALID_INPUT', 'A dossier needs the library, its cases and a way to read attachments.');
  }
  if (!Array.isArray(input.cases) || input.cases.length === 0) {
    throw new ApiError('INVALID_INPUT', 'Choose at least one case for the dossier.');
  }
  const ids = input.cases.map((c) => c.case.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new ApiError('INVALID_INPUT', `The case "${duplicate}" is listed twice; each case can appear once.`);
}

/** "MET" → "MET-000123"; a prefix that already ends in a separator is used as it is. */
export function batesLabel(bates: NonNullable<ParsedDossierOptions['bates']>, pageIndex: number): string {
  const separator = /[-_ ./]$/.test(bates.prefix) ? '' : '-';
  return `${bates.prefix}${separator}${String(bates.start + pageIndex).padStart(bates.digits, '0')}`;
}
