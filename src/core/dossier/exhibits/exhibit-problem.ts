/* Why an exhibit could not go in as it is: the placeholder page's reason, and the warning's remedy. */
import type { DossierWarningCode } from '../types';

export interface Problem {
  code: DossierWarningCode;
  /** Shown on the placeholder page. */
  reason: string;
  /** What to do about it, for the warning. */
  remedy: string;
}

export const damaged = (detail: string): Problem => ({
  code: 'EXHIBIT_DAMAGED',
  reason: `The file is damaged or incomplete (${detail}).`,
  remedy: 'Attach a fresh copy of the original file to the source.',
});

export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
