/*
 * Mentions found for you: every place a person's names occur in the library's live records — case
 * summaries and titles, notes and their quotations, events, source titles and descriptions — and in the
 * extracted text of attachments (the text cache, storage/text-cache.ts). Markdown is searched as written,
 * so offsets point into the text the editors show. Attachments whose text has not been extracted yet
 * cannot be searched and are counted, never silently skipped.
 */
import type { MentionField, PersonDetails, PersonMention } from '../../../shared/api/people-inputs';
import type { CaseFile, RecordKind } from '../../../shared/domain';
import { findNameOccurrences } from '../../../shared/name-matcher';
import { namesOf, type Person } from '../../../shared/people';
import type { CaseLibrary } from '../../case-library';
import { readCachedText } from '../../storage/text-cache';

/** More than this many mentions are counted as truncated: a page listing thousands helps no one. */
export const MAX_MENTIONS = 1000;
const EXCERPT_CONTEXT = 60;

interface Place {
  caseFile: CaseFile;
  kind: RecordKind;
  recordId: string;
  recordTitle: string;
  field: MentionField;
  text: string;
  extra?: Pick<PersonMention, 'quotationId' | 'attachmentId' | 'fileName' | 'page' | 'pageLabel'>;
}

/** The text of every live record of a case, field by field. */
function* recordPlaces(file: CaseFile): Generator<Place> {
  const c = file.case;
  const at = (kind: RecordKind, recordId: string, recordTitle: string) => (field: MentionField, text: string | undefined, extra?: Place['extra']) =>
    text ? [{ caseFile: file, kind, recordId, recordTitle, field, text, extra }] : [];
  const onCase = at('case', c.id, c.title);
  yield* onCase('title', c.title);
  yield* onCase('summary', c.summary);
  for (const s of file.sources) {
    if (s.deletedAt) continue;
    const on = at('source', s.id, s.title);
    yield* on('title', s.title);
    yield* on('description', s.description);
  }
  for (const n of file.notes) {
    if (n.deletedAt) continue;
    const on = at('note', n.id, n.title);
    yield* on('title', n.title);
    yield* on('body', n.body);
    for (const q of n.quotations) yield* on('quotation', q.quote, { quotationId: q.id });
  }
  for (const e of file.events) {
    if (e.deletedAt) continue;
    const on = at('event', e.id, e.title);
    yield* on('title', e.title);
    yield* on('description', e.description);
  }
}

/** An excerpt around [start, end) with runs of whitespace made single spaces, and where the occurrence now is in it. */
export function excerptAround(text: string, start: number, end: number): Pick<PersonMention, 'excerpt' | 'highlight'> {
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  const from = Math.max(0, start - EXCERPT_CONTEXT);
  const to = Math.min(text.length, end + EXCERPT_CONTEXT);
  const before = (from > 0 ? '…' : '') + squash(text.slice(from, start)).trimStart();
  const match = squash(text.slice(start, end));
  const after = squash(text.slice(end, to)).trimEnd() + (to < text.length ? '…' : '');
  return { excerpt: before + match + after, highlight: { start: before.length, end: before.length + match.length } };
}

export interface MentionScan {
  mentions: PersonMention[];
  truncated: boolean;
  unreadAttachments: number;
}

/** Every occurrence of `names` in the library's live cases (or only `caseIds`), attachment text included. */
export async function findMentions(lib: CaseLibrary, names: readonly string[], options: { caseIds?: readonly string[]; limit?: number } = {}): Promise<MentionScan> {
  const limit = options.limit ?? MAX_MENTIONS;
  const mentions: PersonMention[] = [];
  let truncated = false;
  let unreadAttachments = 0;
  const add = (place: Place) => {
    for (const o of findNameOccurrences(place.text, names)) {
      if (mentions.length >= limit) {
        truncated = true;
        return;
      }
      mentions.push({
        caseId: place.caseFile.case.id,
        caseTitle: place.caseFile.case.title,
        kind: place.kind,
        recordId: place.recordId,
        recordTitle: place.recordTitle,
        field: place.field,
        ...place.extra,
        name: o.name,
        ...excerptAround(place.text, o.start, o.end),
      });
    }
  };
  const wanted = options.caseIds ? new Set(options.caseIds) : undefined;
  for (const file of lib.read.caseFiles()) {
    if (file.case.deletedAt || (wanted && !wanted.has(file.case.id))) continue;
    for (const place of recordPlaces(file)) add(place);
    for (const source of file.sources) {
      if (source.deletedAt) continue;
      for (const attachment of source.attachments) {
        const cached = await readCachedText(lib.dir, attachment.sha256);
        if (!cached || cached.error) {
          unreadAttachments++;
          continue;
        }
        for (const page of cached.pages) {
          add({
            caseFile: file,
            kind: 'source',
            recordId: source.id,
            recordTitle: source.title,
            field: 'text',
            text: page.text,
            extra: { attachmentId: attachment.id, fileName: attachment.fileName, page: page.index, pageLabel: page.label },
          });
        }
      }
    }
  }
  return { mentions, truncated, unreadAttachments };
}

/** A person with the titles of their cases and every mention of their names and aliases. */
export async function personDetails(lib: CaseLibrary, person: Person): Promise<PersonDetails> {
  const caseTitles: Record<string, string> = {};
  for (const link of person.cases) {
    const file = lib.findCase(link.caseId);
    if (file) caseTitles[link.caseId] = file.case.title;
  }
  const scan = await findMentions(lib, namesOf(person));
  return { person, caseTitles, mentions: scan.mentions, mentionsTruncated: scan.truncated, unreadAttachments: scan.unreadAttachments };
}

/**
 * The places a person is in, as the search index names its documents ("note:<id>", "attachment:<source
 * id>:<attachment id>:<page>"): the cases they have a role in, the events and sources linked to them, and
 * every record or attachment page where their names, aliases or cipher occur.
 */
export async function personPlaces(lib: CaseLibrary, person: Person): Promise<Set<string>> {
  const places = new Set<string>();
  for (const link of person.cases) {
    places.add(`case:${link.caseId}`);
    for (const id of link.eventIds) places.add(`event:${id}`);
    for (const id of link.sourceIds) places.add(`source:${id}`);
  }
  const names = person.anonymity ? [...namesOf(person), person.anonymity.cipher] : namesOf(person);
  const scan = await findMentions(lib, names, { limit: Number.MAX_SAFE_INTEGER });
  for (const m of scan.mentions) {
    places.add(m.attachmentId === undefined ? `${m.kind}:${m.recordId}` : `attachment:${m.recordId}:${m.attachmentId}:${m.page}`);
  }
  return places;
}
