/* What the contract's calls return, beyond the domain records themselves. */
import type { Attachment, CaptureInfo, CaseFile, CaseRecord, EventRecord, LibraryFile, NoteRecord, RecordKind, SourceRecord, TagDefinition, TrashRef } from '../domain';
import type { Person } from '../people';
import type { DossierWarning, PageMapEntry } from '../dossier';

export interface LibraryProblemInfo {
  file: string;
  reason: string;
  movedTo?: string;
}

/** Why this window cannot write: another program holds the library's lock, or took it from this one. */
export interface LibraryLockInfo {
  state: 'held-elsewhere' | 'lost';
  holder?: { pid: number; host: string; since: string };
  /** The holder runs on another computer (a network share, a synced folder), so Casefolio cannot tell if it still runs. */
  otherComputer: boolean;
  message: string;
}

export interface LibraryInfo {
  id: string;
  name: string;
  path: string;
  readOnly: boolean;
  settings: LibraryFile['settings'];
  caseCount: number;
  problems: LibraryProblemInfo[];
  /** Present when another program has the lock (this window is read-only, or was superseded). */
  lock?: LibraryLockInfo;
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
  ref: TrashRef;
  title: string;
  deletedAt: string;
  /** The case the item is in (its own title for a case); absent for a person of the people register. */
  caseTitle?: string;
}

/** What trash:restore brought back: the item as the trash named it, and the record (or person) as it now is. */
export interface RestoredItem {
  ref: TrashRef;
  title: string;
  record: CaseRecord | SourceRecord | NoteRecord | EventRecord | Person;
}

/** What trash:erase deleted for good: trash items, and stored files nothing referred to any more. */
export interface ErasureReport {
  items: number;
  files: number;
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
  /** A redacted dossier's log, written beside it (its names are for the legal team, never published). */
  redactionLog?: { textPath: string; jsonPath: string; replaced: number; pagesRebuilt: number; reviewByHand: number };
}

/** A dossier built in memory and not saved: its first pages (and its contents) as a small PDF, for a preview. */
export interface DossierPreview {
  /** A PDF of the dossier's first pages, base64. */
  pdfBase64: string;
  /** Which pages of the dossier it holds, 1-based, in order. */
  pages: number[];
  /** Pages in the whole dossier. */
  totalPages: number;
  warnings: DossierWarning[];
  pageMap: PageMapEntry[];
}

/** What the host did with a finished file: opened it (desktop), or offers a short-lived address (browser). */
export interface ExportFileAction {
  opened: boolean;
  url?: string;
}

/** One result of a quick search: enough to show it and to jump to it. */
/** The text of one attachment, page by page; `label` is the printed page number ("iv", "12"). */
export interface AttachmentText {
  sha256: string;
  pages: { index: number; label: string; text: string }[];
  /** True when the file had more text than is kept. */
  truncated?: boolean;
  /** Why there is no text: the file has none (an image), or it could not be read. */
  error?: { code: string; message: string };
}

/** One line of a case's audit journal: a saved change, who made it, and what it touched. */
export interface JournalEntry {
  /** When the change was saved, UTC. */
  at: string;
  /** The library's configured user name when the change was made; null when none was set. */
  who: string | null;
  /** The change in words: "Attach “report.pdf”". */
  action: string;
  /** True when the change undid an earlier one. */
  undo?: boolean;
  caseId?: string;
  records: JournalRecordChange[];
  files: JournalFileChange[];
}

export interface JournalRecordChange {
  kind: 'case' | 'source' | 'note' | 'event';
  id: string;
  title: string;
  op: 'created' | 'updated' | 'deleted' | 'restored' | 'removed' | 'purged';
  /** For an update: the fields that changed. */
  fields?: string[];
}

export interface JournalFileChange {
  /** `restored`: `casefolio check --repair` put back a missing or changed file from an identical copy. */
  op: 'attached' | 'detached' | 'restored';
  sha256: string;
  fileName: string;
  sourceId: string;
  attachmentId: string;
}

export interface JournalProblem {
  /** 1-based line number in the journal file. */
  line: number;
  reason: string;
}

export interface JournalListing {
  entries: JournalEntry[];
  /** Lines that could not be read (a torn last line after a crash, or damage); they are skipped, never fatal. */
  problems: JournalProblem[];
}

/** One finding of `casefolio verify`; `file` is relative to the library folder. */
export interface VerifyFinding {
  file: string;
  message: string;
  caseId?: string;
  caseTitle?: string;
  sha256?: string;
  /** What the file hashes to now, when that differs from what it should. */
  actualSha256?: string;
  fileName?: string;
  sourceId?: string;
  sourceTitle?: string;
}

export interface VerifyReport {
  dir: string;
  cases: number;
  attachmentsChecked: number;
  filesHashed: number;
  missing: VerifyFinding[];
  changed: VerifyFinding[];
  orphaned: VerifyFinding[];
  /** Kept after a detach, as the journal records: reported for information, not a fault. */
  detached: VerifyFinding[];
  /** Changed copies that `casefolio check --repair` set aside after restoring a good one: for information. */
  setAside: VerifyFinding[];
  /** Library files that could not be read, so their attachments could not be verified. */
  unreadable: VerifyFinding[];
  /** False when anything is missing, changed, orphaned or unreadable. */
  ok: boolean;
}

/** The chain of custody of one attached file, for a dossier's integrity appendix or the window. */
export interface ExhibitCustody {
  sourceId: string;
  sourceTitle: string;
  attachmentId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedAt: string;
  /** Who attached it, as the journal records; undefined when the journal has no record of the attach. */
  addedBy?: string | null;
  /** How it was captured from the web, when it was. */
  capture?: CaptureInfo;
  /** The stored file checked now: still matching its hash, missing, or changed. */
  integrity: 'intact' | 'missing' | 'changed';
  /** Later journal entries touching the file or its source, oldest first. */
  history: { at: string; who: string | null; action: string }[];
}

export interface CustodySummary {
  caseId: string;
  caseTitle: string;
  /** When the files were checked, UTC. */
  checkedAt: string;
  journal: { entries: number; firstAt?: string; lastAt?: string; problems: JournalProblem[] };
  exhibits: ExhibitCustody[];
}

/**
 * The PDF rendering of a captured page: stored (desktop app), not made (the bridge and the CLI have no
 * Electron to render with, or the capture is not HTML), or failed (the HTML capture is kept all the same).
 */
export type CaptureRendering = { status: 'stored'; attachment: Attachment } | { status: 'not-made' | 'failed'; reason: string };

export interface CaptureOutcome {
  /** The source as it is after the capture (and its rendering, if one was stored). */
  source: SourceRecord;
  /** The HTML capture. */
  attachment: Attachment;
  /** The capture as a web archive (WACZ: WARC records of every request and response, for replay tools). */
  webArchive?: Attachment;
  rendering: CaptureRendering;
}

export interface ImportReport {
  format: 'csl-json' | 'bibtex' | 'ris';
  /** Entries found in the file. */
  total: number;
  imported: { index: number; key?: string; sourceId: string; title: string; warnings: string[] }[];
  /** Entries already in the case (same address, or same title and date): not added twice. */
  skipped: { index: number; key?: string; title: string; reason: string }[];
  /** Entries that could not be read whole, and why; nothing of them was stored. */
  failed: { index: number; line?: number; key?: string; title?: string; reason: string }[];
}


export type { CaseFile, RecordKind };

/** What importing a Zotero library did. */
export interface ZoteroImportReport {
  /** Items (not notes or attachments) in the Zotero library, and its collections. */
  items: number;
  collections: number;
  /** Each case imported into: created now, or already there (a second import, or the case named). */
  cases: { caseId: string; title: string; created: boolean; sources: number; notes: number }[];
  sourcesAdded: number;
  /** Items already in their case from an earlier import of the same library. */
  sourcesSkipped: number;
  notesAdded: number;
  attachmentsAdded: number;
  /** Attached files that could not be copied, and why. */
  missingFiles: { item: string; key: string; file: string; reason: string }[];
  warnings: string[];
}
