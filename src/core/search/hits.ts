/* A result as the window shows it: the record's title and facts, with the matches and the best passage. */
import type { SearchHit } from '../../shared/api/search-types';
import type { Attachment, CaseFile, EventRecord, NoteRecord, SourceRecord } from '../../shared/domain';
import { attachmentPageFields, caseFields, eventFields, noteFields, sourceFields, type DocKind, type Field } from './documents';
import { bestPassage, findMatches, type HighlightSpec } from './highlight';
import type { SearchContext } from './search-options';
import { KIND_BY_CODE, type SearchIndex } from './search-index';
import { RecentCache } from './recent-cache';
import { collapseWhitespace } from './text';

function kindOf(index: SearchIndex, doc: number): DocKind {
  return KIND_BY_CODE[index.docs.kind.get(doc)];
}

export interface DocFields {
  fields: Field[];
  record?: unknown;
  page?: { attachment: Attachment; text: string };
}

export async function fieldsOf(index: SearchIndex, doc: number, ctx: SearchContext): Promise<DocFields | undefined> {
  if (kindOf(index, doc) !== 'attachment') return recordFieldsOf(index, doc, ctx);
  const caseId = index.cases.ids[index.docs.caseSlot.get(doc)];
  const id = index.docs.recordId[doc];
  const page = await ctx.attachmentPage(caseId, id, index.docs.attachmentId[doc]!, index.docs.page.get(doc));
  const source = ctx.record(caseId, 'source', id) as SourceRecord | undefined;
  return page && source ? { fields: attachmentPageFields(page.attachment, page.text), record: source, page } : undefined;
}

/** The fields of a record's document (not an attachment page), at once (no await). */
export function recordFieldsOf(index: SearchIndex, doc: number, ctx: SearchContext): DocFields | undefined {
  const caseId = index.cases.ids[index.docs.caseSlot.get(doc)];
  const kind = kindOf(index, doc);
  if (kind === 'attachment') throw new Error('recordFieldsOf: an attachment page has no record fields');
  const record = ctx.record(caseId, kind, index.docs.recordId[doc]);
  return record ? { fields: recentFields.get(record as object, () => fieldsOfRecord(kind, record)), record } : undefined;
}

function fieldsOfRecord(kind: Exclude<DocKind, 'attachment'>, record: unknown): Field[] {
  switch (kind) {
    case 'case':
      return caseFields(record as CaseFile['case']);
    case 'source':
      return sourceFields(record as SourceRecord);
    case 'note':
      return noteFields(record as NoteRecord);
    case 'event':
      return eventFields(record as EventRecord);
  }
}

/**
 * The fields of the records shown most recently. A record's Markdown is turned into text each time its fields
 * are built, and typing asks for the same records' passages on keystroke after keystroke. Keyed by the record
 * object: a saved record is a new object, so nothing here goes stale.
 */
const recentFields = new RecentCache<object, Field[]>(8 * 1024 * 1024, (fields) => fields.reduce((n, f) => n + f.text.length, 0));

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export async function makeHit(index: SearchIndex, doc: number, score: number, ctx: SearchContext, spec: HighlightSpec): Promise<SearchHit | undefined> {
  const info = await fieldsOf(index, doc, ctx);
  if (!info) return undefined;
  const caseId = index.cases.ids[index.docs.caseSlot.get(doc)];
  const kind = kindOf(index, doc);
  const record = info.record as { id: string; title: string; tags: string[] } & Partial<SourceRecord & EventRecord & CaseFile['case']>;
  const title = collapseWhitespace(kind === 'attachment' ? info.page!.attachment.fileName : record.title);
  const hit: SearchHit = {
    ref: { caseId, kind: kind === 'attachment' ? 'source' : kind, id: record.id },
    kind,
    title,
    titleMatches: findMatches(title, spec),
    score: round(score),
    tags: record.tags ?? [],
  };
  // A tag list says little beside a title that already shows the match.
  const passage = bestPassage(info.fields, spec, { skipTags: hit.titleMatches.length > 0 });
  if (passage) hit.passage = passage;
  const date = kind === 'case' ? record.incidentDate : kind === 'event' ? record.date : kind === 'source' || kind === 'attachment' ? record.publishedDate : undefined;
  if (date) hit.date = date;
  if (kind === 'source' || kind === 'attachment') {
    if (record.kind) hit.sourceKind = record.kind;
    if (record.reliability) hit.reliability = record.reliability;
  }
  if (kind === 'event' && record.claimStatus) hit.claimStatus = record.claimStatus;
  if (kind === 'attachment' && info.page) {
    const a = info.page.attachment;
    const pageIndex = index.docs.page.get(doc);
    hit.attachment = { id: a.id, fileName: a.fileName, sha256: a.sha256, page: { index: pageIndex, label: index.docs.pageLabel[doc] }, sourceTitle: record.title };
  }
  return hit;
}
