/*
 * The inverted index: an immutable base segment plus a small mutable delta, in the manner of a
 * log-structured index.
 *
 *   base   every term (sorted, for prefix ranges and the fuzzy walk) with a posting list of
 *          (document, impact) in compressed-sparse-row typed arrays: tens of megabytes at 100,000 records,
 *          persisted and loaded as raw bytes, so opening a library does not rebuild anything.
 *   delta  documents added since the base was built (one edit adds one or two), in ordinary maps.
 *   alive  a changed or deleted record's old documents are only marked dead; queries skip them.
 *
 * `compact()` folds the delta into a new base and drops dead documents; the service does that before
 * persisting. An impact is the document's BM25F-style weight for the term (field weights, length
 * normalisation and saturation precomputed), quantised to a byte; the query multiplies it by the term's
 * rarity (IDF) and by how the term matched (exactly, as a prefix, or with a typo).
 */
import { Column } from './columns';
import { CLAIM_STATUS_CODES, FIELD_WEIGHTS, SOURCE_KIND_CODES, type DocKind, type FieldName, type IndexDocument } from './documents';
import { findExact, lowerBound, prefixRange, TermTrie } from './term-lookup';
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

interface DeltaPostings {
  docs: number[];
  impacts: number[];
}

export interface Expansion {
  term: string;
  /** How well it matches what was typed: 1 exactly, less for a prefix completion or a typo. */
  quality: number;
  /** Index into the base terms, or -1 when only the delta holds it. */
  base: number;
  delta?: DeltaPostings;
  df: number;
}

/** A typed word found in fewer documents than this is also matched with a typo or two. */
const FUZZY_BELOW_DF = 3;
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
 */
export function weighDocument(doc: IndexDocument, averages: Record<FieldName, number>, sink: (term: string, impact: number) => void, scratch: Map<string, number>): boolean {
  scratch.clear();
  let folds = false;
  for (const field of doc.fields) {
    const average = averages[field.name] || DEFAULT_AVERAGES[field.name];
    const b = B[field.name] ?? DEFAULT_B;
    const norm = 1 - b + (b * field.text.length) / average;
    const weight = FIELD_WEIGHTS[field.name] / norm;
    scanTerms(field.text, (term, _start, _end, folded) => {
      if (folded) folds = true;
      if (STOP_WORDS.has(term)) return;
      scratch.set(term, (scratch.get(term) ?? 0) + weight);
    });
  }
  for (const [term, wtf] of scratch) {
    const impact = (wtf * (K1 + 1)) / (wtf + K1);
    sink(term, Math.max(1, Math.min(255, Math.round((impact / (K1 + 1)) * 255))));
  }
  return folds;
}

export class SearchIndex {
  /** Documents below this id are in the base segment's postings; the rest only in the delta. */
  private baseDocCount: number;
  private readonly delta = new Map<string, DeltaPostings>();
  private deltaSorted: string[] | undefined;
  private deltaTrie: TermTrie | undefined;
  private baseTrie: TermTrie | undefined;
  /** The base segment's documents in title order; persisted with the index, or computed on first need. */
  private baseTitleOrder: Uint32Array | undefined;
  private readonly deltaTags = new Map<string, number[]>();
  private deadCount = 0;
  private readonly caseSlots = new Map<string, number>();
  /** Per case slot: record key → its documents; built on first need by scanning the case's documents. */
  private recordDocs: (Map<string, number[]> | undefined)[] = [];
  private readonly scratch = new Map<string, number>();
  /** Bumped on every change, so caches derived from the index (title order) know when to refresh. */
  generation = 0;

  constructor(
    private base: BaseSegment,
    readonly docs: DocColumns,
    readonly cases: CaseTable,
    readonly averages: Record<FieldName, number>,
  ) {
    this.baseDocCount = docs.kind.length;
    cases.ids.forEach((id, slot) => this.caseSlots.set(id, slot));
    for (let d = 0; d < docs.alive.length; d++) if (!docs.alive.get(d)) this.deadCount++;
  }

  static empty(averages: Record<FieldName, number> = DEFAULT_AVERAGES): SearchIndex {
    return new SearchIndex(emptyBase(), emptyDocColumns(), emptyCaseTable(), { ...averages });
  }

  get segment(): BaseSegment {
    return this.base;
  }

  /** Documents below this id are in the base segment. */
  get baseDocuments(): number {
    return this.baseDocCount;
  }

  /** The base segment's documents sorted by title (folded), computed once per base segment. */
  titleOrderOfBase(): Uint32Array {
    if (!this.baseTitleOrder) {
      const keys = this.docs.titleKey;
      const order = new Uint32Array(this.baseDocCount);
      for (let i = 0; i < order.length; i++) order[i] = i;
      this.baseTitleOrder = order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
    }
    return this.baseTitleOrder;
  }

  /** Takes a title order read from disk, if it fits this index. */
  adoptTitleOrder(order: Uint32Array): void {
    if (order.length === this.baseDocCount) this.baseTitleOrder = order;
  }

  get documentCount(): number {
    return this.docs.kind.length - this.deadCount;
  }

  get slotCount(): number {
    return this.docs.kind.length;
  }

  /** Share of document slots that are dead or only in the delta: how much a compaction would save. */
  get churn(): number {
    const total = this.docs.kind.length;
    return total === 0 ? 0 : (this.deadCount + (total - this.baseDocCount)) / total;
  }

  // ---- cases ----

  caseSlot(caseId: string): number | undefined {
    return this.caseSlots.get(caseId);
  }

  /** Registers a case (or updates it) and returns its slot. */
  setCase(caseId: string, info: { live: boolean; status: string; fingerprint?: string }): number {
    let slot = this.caseSlots.get(caseId);
    if (slot === undefined) {
      slot = this.cases.ids.length;
      this.cases.ids.push(caseId);
      this.cases.live.push(0);
      this.cases.status.push(0);
      this.cases.fingerprints.push(undefined);
      this.caseSlots.set(caseId, slot);
      this.recordDocs[slot] = new Map();
    }
    this.cases.live.set(slot, info.live ? 1 : 0);
    this.cases.status.set(slot, CASE_STATUS_CODES[info.status] ?? 0);
    this.cases.fingerprints[slot] = info.fingerprint;
    this.generation++;
    return slot;
  }

  /** Forgets a case and all its documents (the case was purged, or its file set aside). */
  removeCase(caseId: string): void {
    const slot = this.caseSlots.get(caseId);
    if (slot === undefined) return;
    for (const docs of this.recordMap(slot).values()) for (const d of docs) this.kill(d);
    this.recordDocs[slot] = new Map();
    this.cases.live.set(slot, 0);
    this.cases.fingerprints[slot] = undefined;
    this.generation++;
  }

  caseIds(): string[] {
    return this.cases.ids.filter((_, slot) => this.cases.fingerprints[slot] !== undefined || this.recordMap(slot).size > 0);
  }

  fingerprint(caseId: string): string | undefined {
    const slot = this.caseSlots.get(caseId);
    return slot === undefined ? undefined : this.cases.fingerprints[slot];
  }

  // ---- documents ----

  private recordMap(slot: number): Map<string, number[]> {
    let map = this.recordDocs[slot];
    if (!map) {
      map = new Map();
      const { caseSlot, alive, kind, recordId } = this.docs;
      for (let d = 0; d < caseSlot.length; d++) {
        if (caseSlot.get(d) !== slot || !alive.get(d)) continue;
        const key = `${recordKeyPrefix(kind.get(d))}:${recordId[d]}`;
        const list = map.get(key);
        if (list) list.push(d);
        else map.set(key, [d]);
      }
      this.recordDocs[slot] = map;
    }
    return map;
  }

  /** The live documents of the case in `slot`. */
  documentsOfCase(slot: number): number[] {
    return [...this.recordMap(slot).values()].flat();
  }

  /** Record keys (c:/s:/n:/e: + id) indexed for a case. */
  recordKeys(caseId: string): string[] {
    const slot = this.caseSlots.get(caseId);
    return slot === undefined ? [] : [...this.recordMap(slot).keys()];
  }

  private kill(doc: number): void {
    if (this.docs.alive.get(doc)) {
      this.docs.alive.set(doc, 0);
      this.deadCount++;
    }
  }

  removeRecord(caseId: string, key: string): void {
    const slot = this.caseSlots.get(caseId);
    if (slot === undefined) return;
    const map = this.recordMap(slot);
    for (const d of map.get(key) ?? []) this.kill(d);
    map.delete(key);
    this.generation++;
  }

  /** Adds a record's documents (to the delta) under `key`, replacing whatever the key had. */
  putRecord(caseId: string, key: string, documents: IndexDocument[]): void {
    const slot = this.caseSlots.get(caseId);
    if (slot === undefined) throw new Error(`Case ${caseId} is not registered in the search index.`);
    const map = this.recordMap(slot);
    for (const d of map.get(key) ?? []) this.kill(d);
    const ids: number[] = [];
    for (const doc of documents) ids.push(this.appendDocument(slot, doc));
    if (ids.length) map.set(key, ids);
    else map.delete(key);
    this.generation++;
  }

  private appendDocument(slot: number, doc: IndexDocument): number {
    const id = pushDocColumns(this.docs, slot, doc);
    this.deltaSorted = undefined;
    this.deltaTrie = undefined;
    const folds = weighDocument(
      doc,
      this.averages,
      (term, impact) => {
        let postings = this.delta.get(term);
        if (!postings) {
          postings = { docs: [], impacts: [] };
          this.delta.set(term, postings);
        }
        postings.docs.push(id);
        postings.impacts.push(impact);
      },
      this.scratch,
    );
    this.docs.folds.set(id, folds ? 1 : 0);
    for (const tag of new Set(doc.tags.map((t) => t.toLowerCase()))) {
      const list = this.deltaTags.get(tag);
      if (list) list.push(id);
      else this.deltaTags.set(tag, [id]);
    }
    return id;
  }

  // ---- lookups ----

  private sortedDelta(): string[] {
    return (this.deltaSorted ??= [...this.delta.keys()].sort());
  }

  private baseDf(index: number): number {
    return this.base.termStart[index + 1] - this.base.termStart[index];
  }

  /** The index terms a typed term stands for, best first; prefix and typo expansions are capped. */
  expand(term: string, options: { prefix: boolean; fuzzy: boolean; maxExpansions?: number }): Expansion[] {
    const found = new Map<string, Expansion>();
    const consider = (candidate: string, quality: number) => {
      const existing = found.get(candidate);
      if (existing) {
        existing.quality = Math.max(existing.quality, quality);
        return;
      }
      const base = findExact(this.base.terms, candidate);
      const delta = this.delta.get(candidate);
      const df = (base >= 0 ? this.baseDf(base) : 0) + (delta?.docs.length ?? 0);
      if (df > 0) found.set(candidate, { term: candidate, quality, base, delta, df });
    };
    consider(term, 1);
    const limit = options.maxExpansions ?? 40;
    const extra: { term: string; quality: number; df: number }[] = [];
    const collect = (candidate: string, quality: number, df: number) => {
      if (candidate !== term) extra.push({ term: candidate, quality, df });
    };
    const deltaTerms = this.sortedDelta();
    const lists: { terms: readonly string[]; df: (i: number) => number; trie: () => TermTrie }[] = [
      { terms: this.base.terms, df: (i) => this.baseDf(i), trie: () => (this.baseTrie ??= new TermTrie(this.base.terms)) },
      { terms: deltaTerms, df: (i) => this.delta.get(deltaTerms[i])!.docs.length, trie: () => (this.deltaTrie ??= new TermTrie(deltaTerms)) },
    ];
    for (const list of lists) {
      if (list.terms.length === 0) continue;
      if (options.prefix) {
        const [from, to] = prefixRange(list.terms, term);
        for (let i = from; i < to; i++) collect(list.terms[i], 0.55 + 0.35 * (term.length / list.terms[i].length), list.df(i));
      }
      // Typos are looked for only when the word as typed is absent or rare: a word that is there is what was meant.
      if (options.fuzzy && (found.get(term)?.df ?? 0) < FUZZY_BELOW_DF) {
        const maxDistance = term.length >= 8 ? 2 : 1;
        list.trie().fuzzy(term, maxDistance, (i, distance) => collect(list.terms[i], distance === 1 ? 0.6 : 0.4, list.df(i)));
      }
    }
    // Keep the most common completions and near-misses: they are what people most likely meant.
    extra.sort((a, b) => b.df - a.df || b.quality - a.quality);
    for (const candidate of extra) {
      if (found.size > limit) break;
      consider(candidate.term, candidate.quality);
    }
    return [...found.values()];
  }

  /** Calls `visit(doc, impact)` for each live-or-dead posting of an expansion; callers check liveness. */
  forEachPosting(expansion: Expansion, visit: (doc: number, impact: number) => void): void {
    if (expansion.base >= 0) {
      const { termStart, postDoc, postImpact } = this.base;
      for (let p = termStart[expansion.base], end = termStart[expansion.base + 1]; p < end; p++) visit(postDoc[p], postImpact[p]);
    }
    if (expansion.delta) {
      const { docs, impacts } = expansion.delta;
      for (let p = 0; p < docs.length; p++) visit(docs[p], impacts[p]);
    }
  }

  /** Calls `visit(doc)` for documents tagged `root` or anything beneath it (case-insensitively). */
  forEachTagged(root: string, visit: (doc: number) => void): void {
    const lower = root.toLowerCase();
    const within = (tag: string) => tag === lower || tag.startsWith(`${lower}/`);
    const { tags, tagStart, tagDoc } = this.base;
    for (let t = lowerBound(tags, lower); t < tags.length && tags[t].startsWith(lower); t++) {
      if (!within(tags[t])) continue;
      for (let p = tagStart[t]; p < tagStart[t + 1]; p++) visit(tagDoc[p]);
    }
    for (const [tag, docs] of this.deltaTags) if (within(tag)) for (const d of docs) visit(d);
  }

  isLive(doc: number): boolean {
    return this.docs.alive.get(doc) === 1 && this.cases.live.get(this.docs.caseSlot.get(doc)) === 1;
  }

  // ---- compaction ----

  /** Folds the delta into a new base segment, dropping dead documents and renumbering the rest. */
  compact(): void {
    const old = this.docs;
    const total = old.kind.length;
    const remap = new Int32Array(total).fill(-1);
    let next = 0;
    for (let d = 0; d < total; d++) if (old.alive.get(d)) remap[d] = next++;
    const docs = emptyDocColumns(next);
    for (let d = 0; d < total; d++) {
      if (remap[d] < 0) continue;
      docs.caseSlot.push(old.caseSlot.get(d));
      docs.kind.push(old.kind.get(d));
      docs.sub.push(old.sub.get(d));
      docs.reliability.push(old.reliability.get(d));
      docs.dateFrom.push(old.dateFrom.get(d));
      docs.dateTo.push(old.dateTo.get(d));
      docs.alive.push(1);
      docs.folds.push(old.folds.get(d));
      docs.page.push(old.page.get(d));
      docs.recordId.push(old.recordId[d]);
      docs.attachmentId.push(old.attachmentId[d]);
      docs.pageLabel.push(old.pageLabel[d]);
      docs.titleKey.push(old.titleKey[d]);
    }
    this.base = {
      ...mergePostings(this.base, this.delta, remap),
      ...mergeTags(this.base, this.deltaTags, remap),
    };
    Object.assign(this.docs, docs);
    this.delta.clear();
    this.deltaTags.clear();
    this.deltaSorted = undefined;
    this.deltaTrie = undefined;
    this.baseTrie = undefined;
    this.baseTitleOrder = undefined;
    this.baseDocCount = next;
    this.deadCount = 0;
    this.recordDocs = [];
    this.generation++;
  }
}

function recordKeyPrefix(kindCode: number): string {
  return kindCode === 0 ? 'c' : kindCode === 2 ? 'n' : kindCode === 3 ? 'e' : 's';
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

function mergePostings(base: BaseSegment, delta: Map<string, DeltaPostings>, remap: Int32Array): Pick<BaseSegment, 'terms' | 'termStart' | 'postDoc' | 'postImpact'> {
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

function mergeTags(base: BaseSegment, delta: Map<string, number[]>, remap: Int32Array): Pick<BaseSegment, 'tags' | 'tagStart' | 'tagDoc'> {
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
