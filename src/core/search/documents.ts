/*
 * What gets indexed: every live record of a case becomes one search document (the case itself, each
 * source, note and chronology event), and each page of an attachment's extracted text becomes one more,
 * so a result can cite the page. A document is a list of named fields with weights, plus the attributes
 * the filters need (kind, tags, date span, reliability, claim status).
 *
 * The same functions give the field text back at query time (for phrases and highlights), so what is
 * shown is always the record as it is now, never a stale copy kept in the index.
 */
import {
  SOURCE_KINDS,
  type CaseFile,
  type ClaimStatus,
  type EventRecord,
  type NoteRecord,
  type ReliabilityGrade,
  type SourceKind,
  type SourceRecord,
  type Attachment,
} from '../../shared/domain';
import type { SearchField } from '../../shared/api/search-types';
import type { AttachmentText } from './attachment-text';
import { markdownToText } from './markdown-text';
import { dateSpan } from './query';
import { foldTerm } from './text';

export const DOC_KINDS = ['case', 'source', 'note', 'event', 'attachment'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** The fields a record's text is indexed under: the same names search results report passages from. */
export type FieldName = SearchField;

/** How much a match in each field counts; titles most, so a title match ranks first. */
export const FIELD_WEIGHTS: Record<FieldName, number> = {
  title: 5,
  fileName: 2,
  authors: 2,
  publisher: 2,
  location: 2,
  tags: 1.5,
  summary: 1,
  description: 1,
  body: 1,
  quotation: 1.2,
  text: 1,
};

export interface Field {
  name: FieldName;
  text: string;
}

export interface IndexDocument {
  kind: DocKind;
  /** The record this document stands for; for an attachment page, the source that holds the attachment. */
  recordId: string;
  attachmentId?: string;
  /** Zero-based page index within the attachment's extracted text, and its printed label ("iv"). */
  page?: number;
  pageLabel?: string;
  fields: Field[];
  tags: string[];
  date?: [number, number];
  sourceKind?: SourceKind;
  claimStatus?: ClaimStatus;
  reliability?: ReliabilityGrade;
  /** Folded title, for sorting by title without a locale-aware compare per row. */
  titleKey: string;
}

/** Looks up the extracted text of an attachment by its SHA-256, if there is any. */
export type AttachmentTextLookup = (sha256: string) => AttachmentText | undefined;

export const SOURCE_KIND_CODES = new Map<string, number>(SOURCE_KINDS.map((k, i) => [k, i + 1]));
export const CLAIM_STATUS_CODES = new Map<string, number>(['alleged', 'admitted', 'disputed', 'found', 'established'].map((s, i) => [s, i + 1]));

export function titleKey(title: string): string {
  return foldTerm(title.replace(/\s+/g, ' ').trim()).slice(0, 64);
}

const authorName = (a: SourceRecord['authors'][number]) => a.literal ?? [a.given, a.family].filter(Boolean).join(' ');

export function caseFields(record: CaseFile['case']): Field[] {
  const fields: Field[] = [{ name: 'title', text: record.title }];
  if (record.summary) fields.push({ name: 'summary', text: markdownToText(record.summary) });
  if (record.location) fields.push({ name: 'location', text: record.location });
  if (record.tags.length) fields.push({ name: 'tags', text: record.tags.join(' ') });
  return fields;
}

export function sourceFields(record: SourceRecord): Field[] {
  const fields: Field[] = [{ name: 'title', text: record.title }];
  if (record.authors.length) fields.push({ name: 'authors', text: record.authors.map(authorName).join('; ') });
  if (record.publisher) fields.push({ name: 'publisher', text: record.publisher });
  if (record.description) fields.push({ name: 'description', text: markdownToText(record.description) });
  if (record.tags.length) fields.push({ name: 'tags', text: record.tags.join(' ') });
  return fields;
}

export function noteFields(record: NoteRecord): Field[] {
  const fields: Field[] = [{ name: 'title', text: record.title }];
  if (record.body) fields.push({ name: 'body', text: markdownToText(record.body) });
  for (const q of record.quotations) fields.push({ name: 'quotation', text: q.quote });
  if (record.tags.length) fields.push({ name: 'tags', text: record.tags.join(' ') });
  return fields;
}

export function eventFields(record: EventRecord): Field[] {
  const fields: Field[] = [{ name: 'title', text: record.title }];
  if (record.description) fields.push({ name: 'description', text: markdownToText(record.description) });
  if (record.tags.length) fields.push({ name: 'tags', text: record.tags.join(' ') });
  return fields;
}

export function attachmentPageFields(attachment: Attachment, text: string): Field[] {
  return [
    { name: 'fileName', text: attachment.fileName },
    { name: 'text', text },
  ];
}

function spanOf(from: Parameters<typeof dateSpan>[0], to?: Parameters<typeof dateSpan>[0]): [number, number] | undefined {
  const start = dateSpan(from);
  if (!start) return undefined;
  const end = dateSpan(to);
  return [start[0], Math.max(start[1], end?.[1] ?? 0)];
}

export function caseDocument(file: CaseFile): IndexDocument {
  const c = file.case;
  return { kind: 'case', recordId: c.id, fields: caseFields(c), tags: c.tags, date: spanOf(c.incidentDate, c.incidentEndDate), titleKey: titleKey(c.title) };
}

export function sourceDocuments(source: SourceRecord, texts: AttachmentTextLookup): IndexDocument[] {
  const base = {
    recordId: source.id,
    tags: source.tags,
    date: spanOf(source.publishedDate),
    sourceKind: source.kind,
    reliability: source.reliability,
  };
  const docs: IndexDocument[] = [{ ...base, kind: 'source', fields: sourceFields(source), titleKey: titleKey(source.title) }];
  for (const attachment of source.attachments) {
    const text = texts(attachment.sha256);
    if (!text) continue;
    for (const page of text.pages) {
      if (!page.text.trim()) continue;
      docs.push({
        ...base,
        kind: 'attachment',
        attachmentId: attachment.id,
        page: page.index,
        pageLabel: page.label,
        fields: attachmentPageFields(attachment, page.text),
        titleKey: titleKey(attachment.fileName),
      });
    }
  }
  return docs;
}

export function noteDocument(note: NoteRecord): IndexDocument {
  return { kind: 'note', recordId: note.id, fields: noteFields(note), tags: note.tags, titleKey: titleKey(note.title) };
}

export function eventDocument(event: EventRecord): IndexDocument {
  return {
    kind: 'event',
    recordId: event.id,
    fields: eventFields(event),
    tags: event.tags,
    date: spanOf(event.date, event.endDate),
    claimStatus: event.claimStatus,
    titleKey: titleKey(event.title),
  };
}

/** A record's identity within its case, for matching a record before and after a change. */
export type RecordKey = `${'c' | 's' | 'n' | 'e'}:${string}`;

export interface CaseRecordEntry {
  key: RecordKey;
  /** The record itself: compared before and after a change to find what needs reindexing. */
  record: unknown;
  documents: () => IndexDocument[];
}

/** Every live record of a case with a way to make its documents; records in the trash are left out. */
export function caseRecordEntries(file: CaseFile, texts: AttachmentTextLookup): CaseRecordEntry[] {
  const entries: CaseRecordEntry[] = [{ key: `c:${file.case.id}`, record: file.case, documents: () => [caseDocument(file)] }];
  for (const s of file.sources) if (!s.deletedAt) entries.push({ key: `s:${s.id}`, record: s, documents: () => sourceDocuments(s, texts) });
  for (const n of file.notes) if (!n.deletedAt) entries.push({ key: `n:${n.id}`, record: n, documents: () => [noteDocument(n)] });
  for (const e of file.events) if (!e.deletedAt) entries.push({ key: `e:${e.id}`, record: e, documents: () => [eventDocument(e)] });
  return entries;
}

export const KIND_KEY_PREFIX: Record<DocKind, 'c' | 's' | 'n' | 'e'> = { case: 'c', source: 's', note: 'n', event: 'e', attachment: 's' };
