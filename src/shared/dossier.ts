/*
 * Dossier export, as seen from both sides of the contract: the sections a dossier can hold, the settings a user
 * chooses, and what an export reports back (warnings and the page map). The engine lives in core/dossier.
 */
import { z } from 'zod';
import { CitationStyle, DEFAULT_CITATION_STYLE } from './citation-styles';
import { BatesPrefix, Title } from './domain';

/** The parts a dossier can hold, in the order they appear. */
export const DOSSIER_SECTIONS = ['cover', 'contents', 'summary', 'chronology', 'sources', 'notes', 'exhibits', 'tag-index', 'integrity'] as const;
export const DossierSection = z.enum(DOSSIER_SECTIONS);
export type DossierSection = z.infer<typeof DossierSection>;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/;
const line = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label} has at most ${max} characters.`)
    .refine((s) => !CONTROL_CHARS.test(s), `${label} must be a single line without control characters.`)
    .refine((s) => s.trim().length > 0, `${label} cannot be empty.`);

export const BatesSettings = z.object({
  prefix: BatesPrefix,
  start: z.number().int().min(0).max(999_999_999_999).default(1),
  digits: z.number().int().min(1).max(12).default(6),
});

/** The paper the dossier's own pages are set on (exhibits that are PDFs keep their own page sizes). */
export const PAPER_SIZES = ['A4', 'Letter'] as const;
export const PaperSize = z.enum(PAPER_SIZES);
export type PaperSize = z.infer<typeof PaperSize>;

/**
 * What a user chooses for a dossier; the build date is fixed so that a rebuild is byte-identical. This schema is
 * the one declaration of a dossier option: the contract's dossier:export input, the engine's options, the export
 * dialog's checks and the CLI all take it from here (ARCHITECTURE.md, "Adding a dossier option").
 */
export const DossierSettings = z.object({
  title: Title,
  /** Which parts to include; default all. Parts always appear in the order of DOSSIER_SECTIONS. */
  sections: z
    .array(DossierSection)
    .min(1, 'Choose at least one section.')
    .refine((list) => new Set(list).size === list.length, 'Each section can be listed once.')
    .optional(),
  /** Defaults to the library's userName. */
  compiledBy: line(300, 'Compiled by').optional(),
  buildDate: z.iso.date('Use a date written YYYY-MM-DD.'),
  /** e.g. "CONFIDENTIAL" or "DRAFT": on the cover and on every page. */
  marking: line(80, 'A marking').optional(),
  /** Bates stamp on every page: prefix, a hyphen unless the prefix ends in a separator, and a zero-padded number. */
  bates: BatesSettings.optional(),
  /** How each source is cited in the sources lists; OSCOLA unless another shipped style is chosen. */
  citationStyle: CitationStyle.default(DEFAULT_CITATION_STYLE),
  /** A timeline figure (vector) at the start of each case's chronology. */
  timelineFigure: z.boolean().default(false),
  /** A4 unless Letter is chosen (US and Canadian courts). */
  paperSize: PaperSize.default('A4'),
  /**
   * Write an archival PDF/A-1b file: XMP metadata, an sRGB output intent, PDF 1.4 structure. Exhibits that break
   * PDF/A's rules are still merged and named in an EXHIBIT_NOT_PDFA warning.
   */
  pdfa: z.boolean().optional(),
  /**
   * A redacted copy for publication: every name and alias of every anonymised person in the library replaced by
   * its cipher (exhibit pages that name one rebuilt as pictures with the name covered), the finished file checked
   * for any name left before it is written, and a redaction log written beside it.
   */
  redact: z.boolean().optional(),
});
export type DossierSettings = z.input<typeof DossierSettings>;

export interface DossierProgress {
  phase: 'exhibits' | 'layout' | 'pages' | 'save';
  done: number;
  total: number;
}

export type DossierWarningCode =
  | 'EXHIBIT_ENCRYPTED'
  | 'EXHIBIT_DAMAGED'
  | 'EXHIBIT_MISSING'
  | 'EXHIBIT_TYPE_MISMATCH'
  | 'EXHIBIT_UNSUPPORTED'
  | 'EXHIBIT_TOO_LARGE'
  | 'EXHIBIT_HASH_MISMATCH'
  /** A PDF whose pages could not be copied went in as pictures of its pages, rendered by pdf.js. */
  | 'EXHIBIT_RENDERED'
  | 'EXHIBIT_NOT_PDFA'
  /** Redacted dossier: a scanned page or a picture, which has no text to search for names: look at it before publishing. */
  | 'EXHIBIT_REVIEW_BY_HAND'
  /** Redacted dossier: an exhibit whose text could not be read to find names, left out. */
  | 'EXHIBIT_NOT_REDACTABLE'
  /** A case in the dossier has a sync conflict nobody has resolved yet: the dossier shows one of the two versions. */
  | 'SYNC_CONFLICT_OPEN'
  | 'SOURCE_REFERENCE_UNKNOWN'
  | 'TEXT_GLYPHS_MISSING'
  | 'TEXT_RIGHT_TO_LEFT';

export interface DossierWarning {
  code: DossierWarningCode;
  /** A sentence a user can act on. */
  message: string;
  caseId?: string;
  sourceId?: string;
  attachmentId?: string;
  /** The exhibit number, e.g. "EV-3". */
  exhibit?: string;
}

export type PageMapKind = 'cover' | 'contents' | 'case' | 'summary' | 'chronology' | 'sources' | 'notes' | 'note' | 'exhibits' | 'exhibit' | 'tag-index' | 'integrity';

/** One part of the dossier and the pages it occupies; the contents and the outline are made from the same list. */
export interface PageMapEntry {
  /** Stable identifier, e.g. "case/everard/chronology" or "exhibit/EV-2". */
  key: string;
  kind: PageMapKind;
  title: string;
  /** 1 for parts and cases, 2 for their sections and exhibits, 3 for single notes. */
  level: number;
  /** 1-based page numbers in the dossier, as printed in "Page X of Y". */
  startPage: number;
  endPage: number;
  caseId?: string;
  /** For exhibits: its number and whether the file itself, or a placeholder, was included. */
  exhibit?: { number: string; sha256: string; included: boolean; warning?: DossierWarningCode };
  /** Bates numbers of the first and last page, when stamping. */
  bates?: { first: string; last: string };
}
