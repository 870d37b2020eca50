/*
 * Building a whole index at once (first open, or a rebuild): straight into the compact base segment,
 * with postings gathered in flat typed arrays and sorted by term in one counting pass, so a
 * 100,000-record build needs a few tens of megabytes of working memory rather than a map of arrays per term.
 * Average field lengths (for length normalisation) are measured over the records first.
 */
import { Column } from './columns';
import type { FieldName, IndexDocument } from './documents';
import { PhraseStreams, StreamsBuilder, StreamWriter, Vocabulary } from './phrase-index';
import { CASE_STATUS_CODES, DEFAULT_AVERAGES, emptyCaseTable, emptyDocColumns, pushDocColumns, SearchIndex, weighDocument, type BaseSegment } from './search-index';

export function measureAverages(documents: Iterable<IndexDocument>): Record<FieldName, number> {
  const sums = new Map<FieldName, { total: number; count: number }>();
  for (const doc of documents) {
    for (const field of doc.fields) {
      const s = sums.get(field.name) ?? { total: 0, count: 0 };
      s.total += field.text.length;
      s.count++;
      sums.set(field.name, s);
    }
  }
  const averages = { ...DEFAULT_AVERAGES };
  for (const [name, s] of sums) averages[name] = Math.max(1, s.total / s.count);
  return averages;
}

export class IndexBuilder {
  private readonly docs = emptyDocColumns(1024);
  private readonly table = emptyCaseTable();
  private readonly termIds = new Map<string, number>();
  private readonly termList: string[] = [];
  private readonly postTerm = new Column(Uint32Array, 1 << 16);
  private readonly postDoc = new Column(Uint32Array, 1 << 16);
  private readonly postImpact = new Column(Uint8Array, 1 << 16);
  private readonly tagLists = new Map<string, number[]>();
  private readonly scratch = new Map<string, number>();
  private readonly vocabulary = new Vocabulary();
  private readonly words = new StreamWriter(this.vocabulary);
  private readonly streams = new StreamsBuilder();

  constructor(readonly averages: Record<FieldName, number>) {}

  addCase(caseId: string, info: { live: boolean; status: string; fingerprint?: string }, documents: Iterable<IndexDocument>): void {
    const slot = this.table.ids.length;
    this.table.ids.push(caseId);
    this.table.live.push(info.live ? 1 : 0);
    this.table.status.push(CASE_STATUS_CODES[info.status] ?? 0);
    this.table.fingerprints.push(info.fingerprint);
    for (const doc of documents) {
      const id = pushDocColumns(this.docs, slot, doc);
      const folds = weighDocument(
        doc,
        this.averages,
        (term, impact) => {
          let t = this.termIds.get(term);
          if (t === undefined) {
            t = this.termList.length;
            this.termIds.set(term, t);
            this.termList.push(term);
          }
          this.postTerm.push(t);
          this.postDoc.push(id);
          this.postImpact.push(impact);
        },
        this.scratch,
        this.words,
      );
      this.docs.folds.set(id, folds ? 1 : 0);
      this.streams.push(this.words.encode(folds));
      for (const tag of new Set(doc.tags.map((x) => x.toLowerCase()))) {
        const list = this.tagLists.get(tag);
        if (list) list.push(id);
        else this.tagLists.set(tag, [id]);
      }
    }
  }

  finish(): SearchIndex {
    const segment = toSegment(this.termList, this.postTerm.view(), this.postDoc.view(), this.postImpact.view(), this.tagLists);
    return new SearchIndex(segment, this.docs, this.table, this.averages, new PhraseStreams(this.streams.finish(), this.vocabulary));
  }
}

function toSegment(termList: string[], postTerm: Uint32Array, postDoc: Uint32Array, postImpact: Uint8Array, tagLists: Map<string, number[]>): BaseSegment {
  const order = termList.map((_, i) => i).sort((a, b) => (termList[a] < termList[b] ? -1 : termList[a] > termList[b] ? 1 : 0));
  const rank = new Uint32Array(termList.length);
  order.forEach((termId, r) => (rank[termId] = r));
  const termStart = new Uint32Array(termList.length + 1);
  for (let p = 0; p < postTerm.length; p++) termStart[rank[postTerm[p]] + 1]++;
  for (let r = 0; r < termList.length; r++) termStart[r + 1] += termStart[r];
  const fill = termStart.slice(0, termList.length);
  const docs = new Uint32Array(postTerm.length);
  const impacts = new Uint8Array(postTerm.length);
  for (let p = 0; p < postTerm.length; p++) {
    const at = fill[rank[postTerm[p]]]++;
    docs[at] = postDoc[p];
    impacts[at] = postImpact[p];
  }
  const tags = [...tagLists.keys()].sort();
  const tagStart = new Uint32Array(tags.length + 1);
  const tagDoc = new Uint32Array(tags.reduce((n, t) => n + tagLists.get(t)!.length, 0));
  let n = 0;
  tags.forEach((tag, t) => {
    for (const d of tagLists.get(tag)!) tagDoc[n++] = d;
    tagStart[t + 1] = n;
  });
  return { terms: order.map((i) => termList[i]), termStart, postDoc: docs, postImpact: impacts, tags, tagStart, tagDoc };
}
