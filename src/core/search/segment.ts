/*
 * The parts of the index that are plain data: the compressed-sparse-row base segment, the per-document
 * columns and the case table, how a document's terms are weighed (BM25F-style impacts, quantised to a
 * byte), and how a base and a delta are merged into a new base when the index is compacted.
 */
import { Column } from './columns';
import { CLAIM_STATUS_CODES, FIELD_WEIGHTS, SOURCE_KIND_CODES, type DocKind, type FieldName, type IndexDocument } from './documents';
import type { FieldWords } from './phrase-index';
import { scanTerms, STOP_WORDS } from './text';

export const KIND_CODES: Record<DocKind, number> = { case: 0, source: 1, note: 2, event: 3, attachment: 4 };
export const KIND_BY_CODE: DocKind[] = ['case', 'source', 'note', 'event', 'attachment'];
export const CASE_STATUS_CODES: Record<string, number> = { open: 1, closed: 2, archived: 3 };
const K1 = 1.2;
const B: Partial<Record<FieldName, number>> = { title: 0.3, fileName: 0.3, authors: 0.3, publisher: 0.3, location: 0.3, tags: 0.3 };
const DEFAULT_B = 0.75;
/** Fallback average field lengths (characters) for an index built from nothing. */
export const DEFAULT_AVERAGES: Record<FieldName, number> = {
  title: 60,
  fileName: 30,
  authors: 30,
  publisher: 20,
  location: 20,
  tags: 30,
  summary: 1200,
  description: 400,
  body: 900,
  quotation: 150,
  text: 2500,
};

export interface BaseSegment {
  terms: string[];
  termStart: Uint32Array;
  postDoc: Uint32Array;
  postImpact: Uint8Array;
  /** Lower-cased tag paths, sorted, with the documents carrying each. */
  tags: string[];
  tagStart: Uint32Array;
  tagDoc: Uint32Array;
}

export interface DocColumns {
  caseSlot: Column<Uint32Array>;
  kind: Column<Uint8Array>;
  /** The source kind (sources and attachment pages) or the claim status (events), coded from 1; 0 for none. */
  sub: Column<Uint8Array>;
  /** Reliability A–F as 1–6; 0 for none. */
  reliability: Column<Uint8Array>;
  /** Date span as yyyymmdd; 0 for undated. */
  dateFrom: Column<Int32Array>;
  dateTo: Column<Int32Array>;
  alive: Column<Uint8Array>;
  /** 1 when a word of the document needs folding to become its term (see weighDocument). */
  folds: Column<Uint8Array>;
  /** Attachment page index; -1 for a record. */
  page: Column<Int32Array>;
  recordId: string[];
  attachmentId: (string | undefined)[];
  pageLabel: (string | undefined)[];
  titleKey: string[];
}

export interface CaseTable {
  ids: string[];
  /** 1 when the case is live (not in the trash). */
  live: Column<Uint8Array>;
  status: Column<Uint8Array>;
  /** The fingerprint of the case file each case was indexed from, for staleness checks on open. */
  fingerprints: (string | undefined)[];
}

export interface DeltaPostings {
  docs: number[];
  impacts: number[];
}

const RELIABILITY_CODES: Record<string, number> = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6 };

export function emptyBase(): BaseSegment {
  return {
    terms: [],
    termStart: new Uint32Array(1),
    postDoc: new Uint32Array(0),
    postImpact: new Uint8Array(0),
    tags: [],
    tagStart: new Uint32Array(1),
    tagDoc: new Uint32Array(0),
  };
}

export function emptyDocColumns(capacity = 1024): DocColumns {
  return {
    caseSlot: new Column(Uint32Array, capacity),
    kind: new Column(Uint8Array, capacity),
    sub: new Column(Uint8Array, capacity),
    reliability: new Column(Uint8Array, capacity),
    dateFrom: new Column(Int32Array, capacity),
    dateTo: new Column(Int32Array, capacity),
    alive: new Column(Uint8Array, capacity),
    folds: new Column(Uint8Array, capacity),
    page: new Column(Int32Array, capacity),
    recordId: [],
    attachmentId: [],
    pageLabel: [],
    titleKey: [],
  };
}

export function emptyCaseTable(): CaseTable {
  return { ids: [], live: new Column(Uint8Array, 64), status: new Column(Uint8Array, 64), fingerprints: [] };
}

/**
 * Turns a document into (term, impact 1–255) pairs. `sink` receives each distinct non-stop-word term once.
 * Returns true when some word of the document needs folding to become its term (accents, other scripts,
 * an apostrophe inside a word): phrases in such a document are checked by tokenising, not by a plain regex.
 * `words` receives every word in order, stop words included (the document's word stream, phrase-index.ts).
 */
export function weighDocument(doc: IndexDocument, averages: Record<FieldName, number>, sink: (term: string, impact: number) => void, scratch: Map<string, number>, words: FieldWords): boolean {
  scratch.clear();
  let folds = false;
  for (const field of doc.fields) {
    const average = averages[field.name] || DEFAULT_AVERAGES[field.name];
    const b = B[field.name] ?? DEFAULT_B;
    const norm = 1 - b + (b * field.text.length) / average;
    const weight = FIELD_WEIGHTS[field.name] / norm;
    const text = field.text;
    words.startField();
    scanTerms(text, (term, start, end, folded) => {
      if (folded) folds = true;
      words.word(term, text, start, end);
      if (STOP_WORDS.has(term)) return;
      scratch.set(term, (scratch.get(term) ?? 0) + weight);
    });
    words.endField(text);
  }
  for (const [term, wtf] of scratch) {
    const impact = (wtf * (K1 + 1)) / (wtf + K1);
    sink(term, Math.max(1, Math.min(255, Math.round((impact / (K1 + 1)) * 255))));
  }
  return folds;
}

export function pushDocColumns(docs: DocColumns, slot: number, doc: IndexDocument): number {
  const id = docs.kind.push(KIND_CODES[doc.kind]);
  docs.caseSlot.push(slot);
  docs.sub.push(doc.sourceKind ? (SOURCE_KIND_CODES.get(doc.sourceKind) ?? 0) : doc.claimStatus ? (CLAIM_STATUS_CODES.get(doc.claimStatus) ?? 0) : 0);
  docs.reliability.push(doc.reliability ? RELIABILITY_CODES[doc.reliability] : 0);
  docs.dateFrom.push(doc.date?.[0] ?? 0);
  docs.dateTo.push(doc.date?.[1] ?? 0);
  docs.alive.push(1);
  docs.folds.push(1); // until weighed: assume the worst, so phrases are checked the careful way
  docs.page.push(doc.page ?? -1);
  docs.recordId.push(doc.recordId);
  docs.attachmentId.push(doc.attachmentId);
  docs.pageLabel.push(doc.pageLabel);
  docs.titleKey.push(doc.titleKey);
  return id;
}

export function mergePostings(base: BaseSegment, delta: Map<string, DeltaPostings>, remap: Int32Array): Pick<BaseSegment, 'terms' | 'termStart' | 'postDoc' | 'postImpact'> {
  const deltaTerms = [...delta.keys()].sort();
  const terms: string[] = [];
  let capacity = base.postDoc.length;
  for (const d of delta.values()) capacity += d.docs.length;
  const postDoc = new Uint32Array(capacity);
  const postImpact = new Uint8Array(capacity);
  const starts: number[] = [0];
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < base.terms.length || j < deltaTerms.length) {
    const fromBase = j >= deltaTerms.length || (i < base.terms.length && base.terms[i] <= deltaTerms[j]);
    const term = fromBase ? base.terms[i] : deltaTerms[j];
    const before = n;
    if (i < base.terms.length && base.terms[i] === term) {
      for (let p = base.termStart[i]; p < base.termStart[i + 1]; p++) {
        const d = remap[base.postDoc[p]];
        if (d >= 0) {
          postDoc[n] = d;
          postImpact[n++] = base.postImpact[p];
        }
      }
      i++;
    }
    if (j < deltaTerms.length && deltaTerms[j] === term) {
      const postings = delta.get(term)!;
      for (let p = 0; p < postings.docs.length; p++) {
        const d = remap[postings.docs[p]];
        if (d >= 0) {
          postDoc[n] = d;
          postImpact[n++] = postings.impacts[p];
        }
      }
      j++;
    }
    if (n > before) {
      terms.push(term);
      starts.push(n);
    }
  }
  return { terms, termStart: Uint32Array.from(starts), postDoc: postDoc.slice(0, n), postImpact: postImpact.slice(0, n) };
}

export function mergeTags(base: BaseSegment, delta: Map<string, number[]>, remap: Int32Array): Pick<BaseSegment, 'tags' | 'tagStart' | 'tagDoc'> {
  const lists = new Map<string, number[]>();
  for (let t = 0; t < base.tags.length; t++) {
    const list: number[] = [];
    for (let p = base.tagStart[t]; p < base.tagStart[t + 1]; p++) if (remap[base.tagDoc[p]] >= 0) list.push(remap[base.tagDoc[p]]);
    lists.set(base.tags[t], list);
  }
  for (const [tag, docs] of delta) {
    const list = lists.get(tag) ?? [];
    for (const d of docs) if (remap[d] >= 0) list.push(remap[d]);
    lists.set(tag, list);
  }
  const tags = [...lists.keys()].filter((t) => lists.get(t)!.length > 0).sort();
  const tagStart = new Uint32Array(tags.length + 1);
  const tagDoc = new Uint32Array(tags.reduce((n, t) => n + lists.get(t)!.length, 0));
  let n = 0;
  tags.forEach((tag, t) => {
    for (const d of lists.get(tag)!) tagDoc[n++] = d;
    tagStart[t + 1] = n;
  });
  return { tags, tagStart, tagDoc };
}
