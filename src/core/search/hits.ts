/* A result as the window shows it: the record's title and facts, with the matches and the best passage. */
import type { SearchHit } from '../../shared/api/search-types';
import type { Attachment, CaseFile, EventRecord, NoteRecord, SourceRecord } from '../../shared/domain';
import { attachmentPageFields, caseFields, eventFields, noteFields, sourceFields, type DocKind, type Field } from './documents';
import { bestPassage, findMatches, type HighlightSpec } from './highlight';
import type { SearchContext } from './search-options';
import { KIND_BY_CODE, type SearchIndex } from './search-index';
import { collapseWhitespace } from './text';

function kindOf(index: SearchIndex, doc: number): DocKind {
  return KIND_BY_CODE[index.docs.kind.get(doc)];
}

export async function fieldsOf(index: SearchIndex, doc: number, ctx: SearchContext): Promise<{ fields: Field[]; record?: unknown; page?: { attachment: Attachment; text: string } } | undefined> {
  const caseId = index.cases.ids[index.docs.caseSlot.get(doc)];
  const kind = kindOf(index, doc);
  const id = index.docs.recordId[doc];
  if (kind === 'attachment') {
    const page = await ctx.attachmentPage(caseId, id, index.docs.attachmentId[doc]!, index.docs.page.get(doc));
    const source = ctx.record(caseId, 'source', id) as SourceRecord | undefined;
    return page && source ? { fields: attachmentPageFields(page.attachment, page.text), record: source, page } : undefined;
  }
  const record = ctx.record(caseId, kind, id);
  if (!record) return undefined;
  switch (kind) {
    case 'case':
      return { fields: caseFields(record as CaseFile['case']), record };
    case 'source':
      return { fields: sourceFields(record as SourceRecord), record };
    case 'note':
      return { fields: noteFields(record as NoteRecord), record };
    case 'event':
      return { fields: eventFields(record as EventRecord), record };
  }
}

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
