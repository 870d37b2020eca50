/*
 * Sources ↔ CSL-JSON, the common ground of citation-js, Zotero and the CSL styles.
 *
 *   kind            CSL type (+ genre where one CSL type covers several kinds: "IOPC report" is a report)
 *   authors         author: {family, given} or {literal} for organisations
 *   publishedDate   issued: date-parts at the date's precision; "approximate" is CSL's circa
 *   accessedDate    accessed
 *   url             URL
 *   publisher       container-title for news, web pages and posts (the outlet or site), authority for
 *                   judgments (the court), publisher otherwise
 *   description     abstract (else a note that is not citation-js's "[Online; accessed …]" boilerplate)
 *   tags            keyword (comma-separated)
 *   containerTitle  container-title (the journal, the book of a chapter); containerTitleShort container-title-short
 *   volume issue pages edition number editors doi issn isbn place
 *                   volume issue page edition number editor DOI ISSN ISBN publisher-place
 *   court           authority; neutralCitation: the CSL extension `neutral-citation` (CSL has none);
 *                   reporter: container-title of a legal_case (the law report series)
 *   extra           "csl:<key>" entries: CSL-JSON keys Casefolio does not model, as their JSON, written back
 *
 * Reading is strict: an entry whose title, date, address or names cannot be represented is refused with a
 * reason, never stored half-read. Only tags that are not valid tag paths are dropped, with a warning.
 */
import { z } from 'zod';
import { SourceFields } from '../../shared/api/inputs';
import { Doi, Isbn, Issn, KIND_FIELDS, kindByLabel, SOURCE_KIND_LABELS, TagPath, type Author, type SourceKind, type SourceRecord } from '../../shared/domain';
import { PARTIAL_DATE_PATTERN, parsePartialDate, type PartialDate } from '../../shared/partial-date';
import type { CslDate, CslItem, CslName } from './citation-js';

export const KIND_TO_CSL: Record<SourceKind, { type: string; genre?: string }> = {
  'news-article': { type: 'article-newspaper' },
  'official-report': { type: 'report' },
  'inquiry-finding': { type: 'report', genre: SOURCE_KIND_LABELS['inquiry-finding'] },
  'court-judgment': { type: 'legal_case' },
  'police-statement': { type: 'document', genre: SOURCE_KIND_LABELS['police-statement'] },
  'iopc-report': { type: 'report', genre: SOURCE_KIND_LABELS['iopc-report'] },
  video: { type: 'motion_picture' },
  'social-media-post': { type: 'post' },
  'foi-response': { type: 'report', genre: SOURCE_KIND_LABELS['foi-response'] },
  book: { type: 'book' },
  'web-page': { type: 'webpage' },
  other: { type: 'document' },
  'journal-article': { type: 'article-journal' },
  'book-chapter': { type: 'chapter' },
  legislation: { type: 'legislation' },
  hansard: { type: 'hearing', genre: SOURCE_KIND_LABELS.hansard },
  audio: { type: 'song' },
  correspondence: { type: 'personal_communication' },
};

const CSL_TO_KIND: Record<string, SourceKind> = {
  'article-newspaper': 'news-article',
  'article-magazine': 'news-article',
  report: 'official-report',
  legal_case: 'court-judgment',
  motion_picture: 'video',
  broadcast: 'video',
  post: 'social-media-post',
  'post-weblog': 'social-media-post',
  book: 'book',
  webpage: 'web-page',
  'article-journal': 'journal-article',
  chapter: 'book-chapter',
  legislation: 'legislation',
  bill: 'legislation',
  hearing: 'hansard',
  song: 'audio',
  personal_communication: 'correspondence',
};

/** Our field ↔ the CSL variable holding it, for the fields that map one to one. */
const PLAIN_FIELDS = [
  ['volume', 'volume'],
  ['issue', 'issue'],
  ['pages', 'page'],
  ['edition', 'edition'],
  ['number', 'number'],
  ['place', 'publisher-place'],
  ['doi', 'DOI'],
  ['issn', 'ISSN'],
  ['isbn', 'ISBN'],
  ['containerTitleShort', 'container-title-short'],
  ['neutralCitation', 'neutral-citation'],
] as const;

/** CSL keys the mapping reads; any other key of a CSL-JSON item is kept in `extra` as "csl:<key>". */
const MODELLED_CSL_KEYS = new Set<string>([
  'id', 'type', 'title', 'author', 'reporter', 'editor', 'issued', 'accessed', 'URL', 'container-title', 'publisher', 'authority',
  'genre', 'abstract', 'keyword', 'citation-key', ...PLAIN_FIELDS.map(([, csl]) => csl),
]);

/** Where a kind's `publisher` goes in CSL: the outlet for news, web pages and posts; the court for a judgment. */
function publisherField(type: string): 'container-title' | 'publisher' {
  if (/^article-(?:newspaper|magazine)$|^post|^webpage$/.test(type)) return 'container-title';
  return 'publisher';
}

function toCslDate(date: PartialDate | undefined): CslDate | undefined {
  if (!date) return undefined;
  const parts = date.value.split('-').map(Number);
  return date.certainty === 'approximate' ? { 'date-parts': [parts], circa: true } : { 'date-parts': [parts] };
}

function toCslName(author: Author): CslName {
  if (author.literal?.trim()) return { literal: author.literal };
  return author.given ? { family: author.family, given: author.given } : { family: author.family };
}

export interface CslExportOptions {
  /**
   * Also write `genre` for kinds CSL can tell apart by type, and `publisher` beside container-title or
   * authority: BibTeX and RIS have fewer types and fields than CSL, and these carry the kind and the
   * outlet through them (a BibTeX `type = {News article}` field, an RIS M3 and PB).
   */
  forLossyFormat?: boolean;
}

export function sourceToCsl(source: SourceRecord, options: CslExportOptions = {}): CslItem {
  const { type, genre } = KIND_TO_CSL[source.kind];
  const item: CslItem = { id: source.id, type, title: source.title };
  const kindGenre = genre ?? (options.forLossyFormat && source.kind !== 'book' ? SOURCE_KIND_LABELS[source.kind] : undefined);
  if (kindGenre) item.genre = kindGenre;
  if (source.authors.length) item.author = source.authors.map(toCslName);
  const issued = toCslDate(source.publishedDate);
  if (issued) item.issued = issued;
  const accessed = toCslDate(source.accessedDate);
  if (accessed) item.accessed = accessed;
  if (source.url) item.URL = source.url;
  if (source.publisher) {
    item[publisherField(type)] = source.publisher;
    if (options.forLossyFormat) item.publisher = source.publisher;
  }
  if (source.description) item.abstract = source.description;
  if (source.tags.length) item.keyword = source.tags.join(', ');
  if (source.editors?.length) item.editor = source.editors.map(toCslName);
  if (source.containerTitle && publisherField(type) !== 'container-title') item['container-title'] = source.containerTitle;
  if (source.court) item.authority = source.court;
  if (source.reporter) item['container-title'] = source.reporter;
  for (const [ours, csl] of PLAIN_FIELDS) if (source[ours]) item[csl] = source[ours];
  return item;
}

/** The CSL-JSON keys an imported item carried that Casefolio does not model, back in the item (CSL-JSON export only). */
export function withCslExtras(item: CslItem, extra: Record<string, string> | undefined): CslItem {
  if (!extra) return item;
  const out: CslItem = { ...item };
  for (const [key, json] of Object.entries(extra)) {
    if (!key.startsWith('csl:')) continue;
    const name = key.slice(4);
    if (name in out) continue;
    try {
      out[name] = JSON.parse(json) as unknown;
    } catch {
      out[name] = json;
    }
  }
  return out;
}

export class EntryError extends Error {}

function cleanText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Zotero writes rich text in titles as HTML-like tags (<i>, <b>, <sc>, <span class="nocase">).
  const text = value
    .replace(/<\/?(?:i|b|sc|sup|sub|span)\b[^>]*>/gi, '')
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in stored text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
    .trim();
  return text || undefined;
}

function fromCslDate(date: CslDate | undefined, field: string): PartialDate | undefined {
  if (!date) return undefined;
  const first = date['date-parts']?.[0];
  if (first && first.length > 0 && String(first[0]).trim() !== '') {
    const [y, m, d] = first.map((p) => Number(p));
    if (![y, m, d].slice(0, first.length).every(Number.isInteger)) throw new EntryError(`its ${field} date (${JSON.stringify(first)}) is not a date`);
    const value = [String(y).padStart(4, '0'), m && String(m).padStart(2, '0'), m && d && String(d).padStart(2, '0')].filter(Boolean).join('-');
    if (!PARTIAL_DATE_PATTERN.test(value)) throw new EntryError(`its ${field} date (${JSON.stringify(first)}) is not a date`);
    const certainty = date.circa && date.circa !== 'false' && date.circa !== '0' ? 'approximate' : 'exact';
    const parsed = parsePartialDate(certainty === 'approximate' ? `c. ${value}` : value);
    if (!parsed) throw new EntryError(`its ${field} date (${value}) does not exist`);
    return parsed;
  }
  const text = date.raw ?? date.literal;
  if (text === undefined) return undefined;
  const parsed = parsePartialDate(String(text));
  if (!parsed) throw new EntryError(`its ${field} date “${String(text).slice(0, 40)}” is not a date Casefolio can read`);
  return parsed;
}

function fromCslName(name: CslName | string, options: { bracedOrganisations: boolean }): Author | undefined {
  if (typeof name === 'string') {
    const [family, ...rest] = name.split(',');
    const given = rest.join(',').trim();
    return given ? { family: family.trim(), given } : name.trim() ? { literal: name.trim() } : undefined;
  }
  const literal = cleanText(name.literal);
  if (literal) return { literal };
  const family = cleanText([name['non-dropping-particle'], name.family].filter(Boolean).join(' '));
  const givenParts = [name.given, name['dropping-particle']].filter(Boolean).join(' ');
  const given = cleanText(name.suffix ? `${givenParts}, ${name.suffix}` : givenParts);
  if (!family) return given ? { literal: given } : undefined;
  // In BibTeX an organisation is written in braces, {Metropolitan Police Service}, and comes back as a
  // family name with no given name: it is a whole name, not a surname.
  if (!given && options.bracedOrganisations && /\s/.test(family)) return { literal: family };
  return given ? { family, given } : { family };
}

function kindOf(item: CslItem): SourceKind {
  return kindByLabel(cleanText(item.genre)) ?? CSL_TO_KIND[item.type ?? ''] ?? 'other';
}

const ACCESSED_NOTE = /^\[Online; accessed [^\]]*\]$/;

export interface MappedEntry {
  fields: z.output<typeof SourceFields>;
  warnings: string[];
}

/** A CSL-JSON item's keys that the mapping does not read, as `extra` entries ("csl:language" → "\"en-GB\""). */
export function cslExtras(item: CslItem): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(item)) {
    if (MODELLED_CSL_KEYS.has(key) || key.startsWith('_') || value === undefined || value === null || value === '') continue;
    if (!/^[A-Za-z][A-Za-z0-9_.\- ]{0,95}$/.test(key)) continue;
    extra[`csl:${key}`] = JSON.stringify(value);
  }
  // A genre that names no kind ("Inspection report") is the item's own, not ours: kept too.
  const genre = cleanText(item.genre);
  if (genre && !kindByLabel(genre)) extra['csl:genre'] = JSON.stringify(item.genre);
  return extra;
}

/** Reads one CSL item as the fields of a new source. Throws EntryError, saying why, when it cannot be read whole. */
export function cslToSourceFields(item: CslItem, options: { bracedOrganisations?: boolean; extra?: Record<string, string> } = {}): MappedEntry {
  const warnings: string[] = [];
  const title = cleanText(item.title) ?? cleanText(item['title-short']);
  if (!title) throw new EntryError('it has no title');
  const kind = kindOf(item);
  // Fields are placed by the kind the item was read as: an @article whose `type` says "News article" keeps
  // its outlet as the publisher, as a CSL newspaper article would.
  const type = KIND_TO_CSL[kind].type;
  const names = (item.author?.length ? item.author : (item.reporter ?? [])) as (CslName | string)[];
  const authors = names.map((n) => fromCslName(n, { bracedOrganisations: options.bracedOrganisations ?? false }));
  if (authors.some((a) => a === undefined)) throw new EntryError('one of its authors has no name');
  const preferred = publisherField(type);
  const isCase = type === 'legal_case';
  // The container is read only for kinds that have one (a journal, a book, a programme); for the rest a
  // container-title is the outlet, as Zotero's BibTeX writes a web page's site in `journal`.
  const hasContainer = KIND_FIELDS[kind].some(([f]) => f === 'containerTitle');
  const containerKey = isCase || !hasContainer ? undefined : 'container-title';
  const publisher = isCase ? cleanText(item.publisher) : (cleanText(item[preferred]) ?? cleanText(item.publisher) ?? (containerKey === 'container-title' ? undefined : cleanText(item['container-title'])));
  const editorNames = (item.editor ?? []) as (CslName | string)[];
  const editors = editorNames.map((n) => fromCslName(n, { bracedOrganisations: options.bracedOrganisations ?? false }));
  if (editors.some((a) => a === undefined)) throw new EntryError('one of its editors has no name');
  const plain = Object.fromEntries(PLAIN_FIELDS.map(([ours, csl]) => [ours, cleanText(typeof item[csl] === 'number' ? String(item[csl]) : item[csl])]));
  const note = cleanText(item.note);
  const description = cleanText(item.abstract) ?? (note && !ACCESSED_NOTE.test(note) ? note : undefined);
  const tags: string[] = [];
  for (const raw of String(item.keyword ?? '').split(/[,;]/)) {
    const tag = raw.trim();
    if (!tag) continue;
    if (TagPath.safeParse(tag).success) tags.push(tag);
    else warnings.push(`the keyword “${tag.slice(0, 60)}” is not a valid tag and was left out`);
  }
  const candidate = {
    kind,
    title,
    url: cleanText(item.URL),
    publisher,
    authors,
    publishedDate: fromCslDate(item.issued, 'publication'),
    accessedDate: fromCslDate(item.accessed, 'access'),
    description,
    tags: [...new Set(tags)],
    ...plain,
    doi: plain.doi?.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, ''),
    editors: editors.length ? editors : undefined,
    containerTitle: containerKey ? cleanText(item[containerKey]) : undefined,
    court: cleanText(item.authority),
    reporter: isCase ? cleanText(item['container-title']) : undefined,
    extra: options.extra && Object.keys(options.extra).length ? options.extra : undefined,
  };
  // An identifier in a shape Casefolio cannot check is kept aside rather than costing the whole entry.
  const extra: Record<string, string> = { ...candidate.extra };
  for (const [field, schema] of [['doi', Doi], ['issn', Issn], ['isbn', Isbn]] as const) {
    const ids = candidate as Record<string, unknown>;
    const value = ids[field];
    if (typeof value === 'string' && !schema.safeParse(value).success) {
      extra[`unparsed:${field}`] = value;
      ids[field] = undefined;
      warnings.push(`its ${field.toUpperCase()} “${value.slice(0, 60)}” is not in a form Casefolio recognises; it is kept among the extra fields`);
    }
  }
  candidate.extra = Object.keys(extra).length ? extra : undefined;
  const parsed = SourceFields.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EntryError(`its ${issue.path.join('.') || 'record'} is not valid: ${issue.message}`);
  }
  return { fields: parsed.data, warnings };
}
