/*
 * Validation of dossier options and input at the engine's boundary: whatever the caller (CLI, contract, test)
 * passes, the engine only ever sees parsed options.
 */
import { z } from 'zod';
import { DossierSection, DossierSettings, type DossierProgress } from '../../shared/dossier';
import { ApiError } from '../../shared/errors';
import type { DossierInput, DossierOptions } from './types';

export const DossierSectionSchema = DossierSection;

/** The engine's options: the settings a user chooses, plus a progress callback. */
export const DossierOptionsSchema = DossierSettings.extend({
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
  if (input.custody !== undefined && !Array.isArray(input.custody) && typeof input.custody !== 'function') {
    throw new ApiError('INVALID_INPUT', 'The chain of custody, when given, is a list of case summaries (or a function that gives them once the exhibits are read).');
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
