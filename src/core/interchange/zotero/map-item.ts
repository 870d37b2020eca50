/*
 * A Zotero item as the fields of a Casefolio source. Zotero's field names (journalArticle's publicationTitle,
 * case's court and reporter, statute's nameOfAct…) are read into the fields that mean the same; every other
 * field with a value is kept in `extra` as "zotero:<field>", and the item's key as "zotero:key", which is how a
 * second import of the same library knows what it already brought in.
 */
import type { z } from 'zod';
import { SourceFields } from '../../../shared/api/inputs';
import { Doi, HttpUrl, Isbn, Issn, TagPath, type Author, type SourceKind } from '../../../shared/domain';
import { parsePartialDate, type PartialDate } from '../../../shared/partial-date';
import type { ZoteroCreator, ZoteroItem } from './read-db';

const KINDS: Record<string, SourceKind> = {
  journalArticle: 'journal-article',
  newspaperArticle: 'news-article',
  magazineArticle: 'news-article',
  book: 'book',
  bookSection: 'book-chapter',
  report: 'official-report',
  case: 'court-judgment',
  statute: 'legislation',
  bill: 'legislation',
  hearing: 'hansard',
  webpage: 'web-page',
  blogPost: 'social-media-post',
  forumPost: 'social-media-post',
  videoRecording: 'video',
  film: 'video',
  tvBroadcast: 'video',
  audioRecording: 'audio',
  podcast: 'audio',
  radioBroadcast: 'audio',
  letter: 'correspondence',
  email: 'correspondence',
};

/** Which Zotero fields fill which of ours, first found wins. `outlet` fields hold a newspaper's or site's name. */
const FIELD_SOURCES = {
  title: ['title', 'caseName', 'nameOfAct', 'subject'],
  outlet: ['websiteTitle', 'blogTitle', 'forumTitle'],
  containerTitle: ['bookTitle', 'proceedingsTitle', 'programTitle', 'encyclopediaTitle', 'dictionaryTitle'],
  containerTitleShort: ['journalAbbreviation'],
  volume: ['volume', 'reporterVolume', 'codeVolume'],
  issue: ['issue'],
  pages: ['pages', 'firstPage', 'codePages'],
  edition: ['edition'],
  number: ['reportNumber', 'billNumber', 'publicLawNumber', 'number', 'documentNumber'],
  place: ['place'],
  publisher: ['publisher', 'institution', 'network', 'label', 'studio', 'distributor', 'university', 'company'],
  court: ['court'],
  reporter: ['reporter'],
  date: ['date', 'dateDecided', 'dateEnacted'],
} as const;
const READ = new Set<string>([...Object.values(FIELD_SOURCES).flat(), 'publicationTitle', 'accessDate', 'url', 'abstractNote', 'DOI', 'ISSN', 'ISBN', 'docketNumber', 'shortTitle']);
/** Kinds whose publicationTitle is the outlet (the publisher, for Casefolio), not a journal. */
const OUTLET_KINDS = new Set<SourceKind>(['news-article', 'web-page', 'social-media-post']);
const AUTHOR_TYPES = new Set(['author', 'contributor', 'director', 'podcaster', 'presenter', 'producer', 'programmer', 'artist', 'performer', 'interviewee', 'sponsor', 'inventor', 'cartographer', 'bookAuthor']);
const EDITOR_TYPES = new Set(['editor', 'seriesEditor']);
const NEUTRAL_CITATION = /^\[\d{4}\]\s+[A-Z][A-Za-z ()]*\s+\d+/;

/** Zotero's stored date: "2019-09-00 September 2019" (ISO with 00 for unknown parts, then what was typed). */
export function zoteroDate(value: string | undefined): PartialDate | undefined {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!m || m[1] === '0000') return value ? parsePartialDate(value.trim()) : undefined;
  const parts = [m[1], m[2] !== '00' ? m[2] : undefined, m[2] !== '00' && m[3] !== '00' ? m[3] : undefined].filter(Boolean);
  return parsePartialDate(parts.join('-'));
}

function name(c: ZoteroCreator): Author | undefined {
  const last = c.lastName?.trim();
  const first = c.firstName?.trim();
  if (c.singleField || !first) return last ? { literal: last } : undefined;
  return last ? { family: last, given: first } : { literal: first };
}

/** A Zotero tag as a tag path: trimmed, empty parts dropped; undefined when it still is not one. */
export function tagFromZotero(raw: string): string | undefined {
  const path = raw.split('/').map((s) => s.trim().slice(0, 64)).filter(Boolean).slice(0, 8).join('/');
  return TagPath.safeParse(path).success ? path : undefined;
}

export interface MappedZoteroItem {
  fields: z.output<typeof SourceFields>;
  warnings: string[];
}

export function zoteroItemToSource(item: ZoteroItem, extraTags: string[] = []): MappedZoteroItem {
  const warnings: string[] = [];
  const f = item.fields;
  const first = (names: readonly string[]) => names.map((n) => f.get(n)?.trim()).find(Boolean);
  const kind = KINDS[item.type] ?? 'other';
  const extra: Record<string, string> = { 'zotero:key': item.key, 'zotero:type': item.type };
  for (const [field, value] of f) if (!READ.has(field) || (field === 'shortTitle' && value)) extra[`zotero:${field}`] = value.slice(0, 100_000);
  const creators = { authors: [] as Author[], editors: [] as Author[] };
  for (const c of item.creators) {
    const person = name(c);
    if (!person) continue;
    if (EDITOR_TYPES.has(c.type)) creators.editors.push(person);
    else if (AUTHOR_TYPES.has(c.type)) creators.authors.push(person);
    else extra[`zotero:${c.type}`] = [extra[`zotero:${c.type}`], person.literal ?? `${person.family}, ${person.given}`].filter(Boolean).join('; ');
  }
  const checked = <T>(field: string, value: string | undefined, schema: { safeParse(v: unknown): { success: boolean } }): T | undefined => {
    if (value === undefined) return undefined;
    if (schema.safeParse(value).success) return value as T;
    extra[`zotero:${field}`] = value;
    warnings.push(`its ${field} “${value.slice(0, 60)}” is not in a form Casefolio recognises; it is kept among the extra fields`);
    return undefined;
  };
  const publication = f.get('publicationTitle');
  const docket = f.get('docketNumber');
  const tags = [...new Set([...item.tags.map((t) => tagFromZotero(t) ?? (warnings.push(`the tag “${t.slice(0, 60)}” is not a valid tag and was left out`), undefined)), ...extraTags].filter((t): t is string => Boolean(t)))];
  const candidate = {
    kind,
    title: first(FIELD_SOURCES.title) ?? f.get('shortTitle') ?? '(untitled)',
    url: checked<string>('url', f.get('url'), HttpUrl),
    publisher: OUTLET_KINDS.has(kind) ? (publication ?? first(FIELD_SOURCES.outlet) ?? first(FIELD_SOURCES.publisher)) : first(FIELD_SOURCES.publisher),
    containerTitle: OUTLET_KINDS.has(kind) ? undefined : (publication ?? first(FIELD_SOURCES.containerTitle)),
    containerTitleShort: first(FIELD_SOURCES.containerTitleShort),
    authors: creators.authors,
    editors: creators.editors.length ? creators.editors : undefined,
    publishedDate: zoteroDate(first(FIELD_SOURCES.date)),
    accessedDate: zoteroDate(f.get('accessDate')),
    description: f.get('abstractNote'),
    volume: first(FIELD_SOURCES.volume),
    issue: first(FIELD_SOURCES.issue),
    pages: first(FIELD_SOURCES.pages),
    edition: first(FIELD_SOURCES.edition),
    number: first(FIELD_SOURCES.number),
    place: first(FIELD_SOURCES.place),
    court: first(FIELD_SOURCES.court),
    reporter: first(FIELD_SOURCES.reporter),
    // UK users keep a judgment's neutral citation in Zotero's "Docket Number".
    neutralCitation: docket && NEUTRAL_CITATION.test(docket) ? docket : undefined,
    doi: checked<string>('DOI', f.get('DOI')?.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, ''), Doi),
    issn: checked<string>('ISSN', f.get('ISSN'), Issn),
    isbn: checked<string>('ISBN', f.get('ISBN'), Isbn),
    tags,
    extra,
  };
  if (docket && !candidate.neutralCitation) extra['zotero:docketNumber'] = docket;
  const clean = Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = SourceFields.safeParse(clean);
  if (parsed.success) return { fields: parsed.data, warnings };
  // A field too long or with control characters: drop each offending field (kept in extra when it fits) and try again.
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    if (field === 'title' || field === 'kind') continue;
    warnings.push(`its ${field} could not be stored (${issue.message}) and was left out`);
    delete clean[field];
  }
  return { fields: SourceFields.parse(clean), warnings };
}
