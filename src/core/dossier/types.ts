/*
 * The dossier engine's public types: what goes in, what comes out.
 */
import type { CaseFile, LibraryFile } from '../../shared/domain';

/** The parts a dossier can hold, in the order they appear. */
export const DOSSIER_SECTIONS = ['cover', 'contents', 'summary', 'chronology', 'sources', 'notes', 'exhibits', 'tag-index', 'integrity'] as const;
export type DossierSection = (typeof DOSSIER_SECTIONS)[number];

export interface DossierInput {
  /** Tag vocabulary and settings.userName (the default "compiled by"). */
  library: LibraryFile;
  /** In the order they appear in the dossier. */
  cases: CaseFile[];
  /** Bytes of an attachment stored at <library>/cases/<caseId>/files/<sha256>; undefined if missing. */
  readAttachment(caseId: string, sha256: string): Promise<Uint8Array | undefined>;
}

export type DossierPhase = 'exhibits' | 'layout' | 'pages' | 'merge' | 'save';

export interface DossierProgress {
  phase: DossierPhase;
  done: number;
  total: number;
}

export interface DossierOptions {
  title: string;
  /** Which parts to include; default all. Parts always appear in the order of DOSSIER_SECTIONS. */
  sections?: DossierSection[];
  /** Defaults to the library's userName. */
  compiledBy?: string;
  /** YYYY-MM-DD; the only date the output depends on, so a rebuild is byte-identical. */
  buildDate: string;
  /** e.g. "CONFIDENTIAL" or "DRAFT": on the cover and on every page. */
  marking?: string;
  /** Bates stamp on every page: prefix, a hyphen unless the prefix ends in one, and a zero-padded number. */
  bates?: { prefix: string; start?: number; digits?: number };
  onProgress?: (progress: DossierProgress) => void;
}

export type DossierWarningCode =
  | 'EXHIBIT_ENCRYPTED'
  | 'EXHIBIT_DAMAGED'
  | 'EXHIBIT_MISSING'
  | 'EXHIBIT_TYPE_MISMATCH'
  | 'EXHIBIT_UNSUPPORTED'
  | 'EXHIBIT_HASH_MISMATCH'
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

export type PageMapKind =
  | 'cover'
  | 'contents'
  | 'case'
  | 'summary'
  | 'chronology'
  | 'sources'
  | 'notes'
  | 'note'
  | 'exhibits'
  | 'exhibit'
  | 'tag-index'
  | 'integrity';

/** One part of the dossier and the pages it occupies; the contents and the outline are made from the same list. */
export interface PageMapEntry {
  /** Stable identifier, e.g. "case/everard/chronology" or "exhibit/EV-2". */
  key: string;
  kind: PageMapKind;
  title: string;
  /** 1 for parts and cases, 2 for their sections and exhibits, 3 for single notes. */
  level: number;
  /** 1-based page numbers in the dossier, as printed in "page X of Y". */
  startPage: number;
  endPage: number;
  caseId?: string;
  /** For exhibits: its number and whether the file itself, or a placeholder, was included. */
  exhibit?: { number: string; sha256: string; included: boolean; warning?: DossierWarningCode };
  /** Bates numbers of the first and last page, when stamping. */
  bates?: { first: string; last: string };
}

export interface DossierResult {
  bytes: Uint8Array;
  warnings: DossierWarning[];
  pageMap: PageMapEntry[];
}
