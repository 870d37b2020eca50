/*
 * What search:query returns. Passages are plain text with match offsets, never HTML: the window marks
 * the matches itself (text nodes and <mark> elements), so nothing a record contains can inject markup.
 */
import type { CaseStatus, ClaimStatus, RecordRef, ReliabilityGrade, SourceKind } from '../domain';
import type { PartialDate } from '../partial-date';

/** A matched stretch of a string: [start, end) in UTF-16 code units, as String.prototype.slice counts. */
export interface TextRange {
  start: number;
  end: number;
}

export type SearchField =
  | 'title'
  | 'summary'
  | 'location'
  | 'tags'
  | 'publisher'
  | 'authors'
  | 'description'
  | 'body'
  | 'quotation'
  | 'fileName'
  | 'text';

export interface SearchPassage {
  /** Which field of the record the passage comes from. */
  field: SearchField;
  /** Whitespace collapsed to single spaces; cut to about 200 characters around the matches, with "…" where cut. */
  text: string;
  matches: TextRange[];
}

export type SearchHitKind = 'case' | 'source' | 'note' | 'event' | 'attachment';

export interface SearchHit {
  /** The record to open. An attachment page points at the source that holds the attachment. */
  ref: RecordRef;
  kind: SearchHitKind;
  title: string;
  titleMatches: TextRange[];
  /** The best-matching passage outside the title, when the match is not only in the title. */
  passage?: SearchPassage;
  score: number;
  date?: PartialDate;
  sourceKind?: SourceKind;
  claimStatus?: ClaimStatus;
  reliability?: ReliabilityGrade;
  tags: string[];
  /** For a page of an attachment's text: which file and which page ("p. iv" cites `label`). */
  attachment?: { id: string; fileName: string; sha256: string; page: { index: number; label?: string }; sourceTitle: string };
}

export interface SearchGroup {
  caseId: string;
  slug: string;
  title: string;
  status: CaseStatus;
  score: number;
  /** How many records in this case match (hits holds at most hitsPerCase of them). */
  hitCount: number;
  hits: SearchHit[];
}

export type SearchSort = 'relevance' | 'newest' | 'oldest' | 'title';

export interface SearchResults {
  query: string;
  /** Records matching, across all cases. */
  total: number;
  /** Cases with at least one match. */
  caseCount: number;
  /** Cases, best first (or in the chosen order), from `offset`, at most `limit`. Empty when group is false. */
  groups: SearchGroup[];
  /** With group: false, the matching records themselves, from `offset`, at most `limit`. */
  hits?: SearchHit[];
  /** Things in the query that were not understood or were left out, in words. */
  warnings: string[];
  /** The index terms each typed word matched (typos and completions included), for showing what was searched. */
  expandedTerms: Record<string, string[]>;
  tookMs: number;
}

export interface SavedSearchInfo {
  id: string;
  name: string;
  query: string;
}

export interface SearchStatusInfo {
  state: 'loading' | 'ready' | 'failed';
  /** How this session's index came to be: read from disk, or built from the case files. */
  origin?: 'loaded' | 'built';
  /** Why it was built rather than loaded ("there is no saved index", "…is damaged", …). */
  reason?: string;
  /** Cases reindexed on open because their files had changed since the index was saved. */
  reindexedCases: number;
  documents: number;
  /** False while the index in memory has changes not yet saved to disk. */
  saved: boolean;
  loadMs?: number;
  /** How long the index took to follow the last saved change. */
  lastUpdateMs?: number;
  error?: string;
}
