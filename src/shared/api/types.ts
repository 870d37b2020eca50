/* What the contract's calls return, beyond the domain records themselves. */
import type { CaseFile, CaseRecord, LibraryFile, RecordKind, RecordRef, TagDefinition } from '../domain';
import type { DossierWarning, PageMapEntry } from '../dossier';

export interface LibraryProblemInfo {
  file: string;
  reason: string;
  movedTo?: string;
}

export interface LibraryInfo {
  id: string;
  name: string;
  path: string;
  readOnly: boolean;
  settings: LibraryFile['settings'];
  caseCount: number;
  problems: LibraryProblemInfo[];
}

export interface CaseCounts {
  sources: number;
  notes: number;
  events: number;
  attachments: number;
}

export interface CaseSummary extends Pick<CaseRecord, 'id' | 'slug' | 'title' | 'status' | 'incidentDate' | 'location' | 'tags' | 'updatedAt'> {
  counts: CaseCounts;
}

export interface TagUsage extends TagDefinition {
  /** Records carrying exactly this tag. */
  count: number;
}

export interface TrashItem {
  ref: RecordRef;
  title: string;
  deletedAt: string;
  caseTitle: string;
}

export interface TagChange {
  /** Records whose tags changed. */
  changed: number;
}

export interface UndoOutcome {
  /** What was undone, in words: "Delete source “…”". */
  label: string;
}

/** Progress of a long call: which phase, and how far through it. */
export interface CallProgress {
  phase: string;
  done: number;
  total: number;
}

export interface DossierExport {
  /** Where the PDF was written. */
  path: string;
  pages: number;
  size: number;
  sha256: string;
  /** Problems that did not stop the export (an exhibit that could not be included, …), each a sentence to act on. */
  warnings: DossierWarning[];
  pageMap: PageMapEntry[];
}

/** What the host did with a finished file: opened it (desktop), or offers a short-lived address (browser). */
export interface ExportFileAction {
  opened: boolean;
  url?: string;
}

/** One result of a quick search: enough to show it and to jump to it. */
export interface QuickSearchHit {
  ref: RecordRef;
  title: string;
  caseTitle: string;
  /** A date, a publisher: what tells two similar titles apart. */
  detail: string;
}

export type { CaseFile, RecordKind };
