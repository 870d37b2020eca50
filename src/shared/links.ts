/*
 * Link watching, as both sides of the contract see it: what a check found for each source's web address.
 * The checker lives in core/links.
 */

/** ok: there and unchanged (or nothing to compare with); moved: redirects elsewhere; changed: differs from its capture;
 * gone: 404 or 410; failed: an error status or no answer; skipped: robots.txt asks programs to keep away. */
export type LinkVerdict = 'ok' | 'moved' | 'changed' | 'gone' | 'failed' | 'skipped';

export interface LinkResult {
  caseId: string;
  sourceId: string;
  sourceTitle: string;
  url: string;
  checkedAt: string;
  verdict: LinkVerdict;
  /** A sentence saying what was found. */
  message: string;
  status?: number;
  finalUrl?: string;
  /** SHA-256 of the page as it is now. */
  sha256?: string;
  /** The capture it was compared with, if any. */
  comparedWith?: { attachmentId: string; sha256: string; capturedAt: string };
}

export interface LinkReport {
  checkedAt: string;
  /** True when the computer was offline and nothing was checked. */
  offline: boolean;
  message: string;
  results: LinkResult[];
}

