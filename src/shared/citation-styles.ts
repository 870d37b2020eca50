/*
 * The citation styles Casefolio ships, as both sides of the contract name them: the ids a call or a dossier
 * setting takes, and the titles a person chooses from. How each is formatted lives in core/interchange.
 */
import { z } from 'zod';

/** OSCOLA (UK legal writing) first: the default. */
export const CITATION_STYLE_IDS = ['oscola', 'chicago-author-date', 'apa', 'harvard-cite-them-right', 'vancouver'] as const;
export type CitationStyleId = (typeof CITATION_STYLE_IDS)[number];

export const DEFAULT_CITATION_STYLE: CitationStyleId = 'oscola';

export const CITATION_STYLE_TITLES: Record<CitationStyleId, string> = {
  oscola: 'OSCOLA (Oxford Standard for the Citation of Legal Authorities)',
  'chicago-author-date': 'Chicago Manual of Style 17th edition (author-date)',
  apa: 'APA 7th edition',
  'harvard-cite-them-right': 'Harvard (Cite Them Right, 12th edition)',
  vancouver: 'Vancouver (NLM, Citing Medicine 2nd edition)',
};

/** What a menu shows, where the full title would not fit. */
export const CITATION_STYLE_SHORT_TITLES: Record<CitationStyleId, string> = {
  oscola: 'OSCOLA',
  'chicago-author-date': 'Chicago (author-date)',
  apa: 'APA 7th edition',
  'harvard-cite-them-right': 'Harvard (Cite Them Right)',
  vancouver: 'Vancouver',
};

export const CitationStyle = z.enum(CITATION_STYLE_IDS, { error: `Choose a citation style: ${CITATION_STYLE_IDS.join(', ')}.` });
