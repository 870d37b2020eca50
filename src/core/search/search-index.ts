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
import type { FieldName, IndexDocument } from './documents';
import {
  CASE_STATUS_CODES,
  DEFAULT_AVERAGES,
  emptyBase,
  emptyCaseTable,
  emptyDocColumns,
  mergePostings,
  mergeTags,
  pushDocColumns,
  weighDocument,
  type BaseSegment,
  type CaseTable,
  type DeltaPostings,
  type DocColumns,
} from './segment';
import { emptyStreams, PhraseStreams, StreamWriter, Vocabulary } from './phrase-index';
import { findExact, lowerBound, prefixRange, TermTrie } from './term-lookup';

export * from './segment';

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

  private readonly words: StreamWriter;

  constructor(
    private base: BaseSegment,
    readonly docs: DocColumns,
    readonly cases: CaseTable,
    readonly averages: Record<FieldName, number>,
    /** Each document's words in order, for quoted phrases; covers every document, base and delta. */
    readonly phrases: PhraseStreams = new PhraseStreams(emptyStreams(), new Vocabulary()),
  ) {
    this.words = new StreamWriter(phrases.vocabulary);
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
      this.words,
    );
    this.docs.folds.set(id, folds ? 1 : 0);
    this.phrases.add(id, this.words.finish(folds));
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

  /**
   * Builds the lookup for typos now rather than on the first word typed that is rare or absent (about a third
   * of a second at 100,000 records). Dropped by compaction, like the base segment it is built from.
   */
  prepareTypoLookup(): void {
    this.baseTrie ??= new TermTrie(this.base.terms);
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
    this.phrases.compact(remap);
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
