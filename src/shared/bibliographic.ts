/*
 * What a source is and the bibliographic fields that describe it: the kinds our users cite (from a news
 * article to a Hansard debate), the fields CSL and Zotero carry for them, and which fields fit which kind.
 * The source schema in ./domain.ts spreads `BIBLIOGRAPHIC_FIELDS` in, so the one zod shape validates files,
 * contract inputs and CLI edits alike; the editor and the interchange formats read `KIND_FIELDS`.
 */
import { z } from 'zod';

/** New kinds are appended: search stores a kind as its position in this list. */
export const SOURCE_KINDS = [
  'news-article',
  'official-report',
  'inquiry-finding',
  'court-judgment',
  'police-statement',
  'iopc-report',
  'video',
  'social-media-post',
  'foi-response',
  'book',
  'web-page',
  'other',
  'journal-article',
  'book-chapter',
  'legislation',
  'hansard',
  'audio',
  'correspondence',
] as const;
export const SourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKind>;

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  'news-article': 'News article',
  'official-report': 'Official report',
  'inquiry-finding': 'Inquiry or inquest finding',
  'court-judgment': 'Court judgment',
  'police-statement': 'Police statement',
  'iopc-report': 'IOPC report',
  video: 'Video',
  'social-media-post': 'Social media post',
  'foi-response': 'FOI response',
  book: 'Book',
  'web-page': 'Web page',
  other: 'Other',
  'journal-article': 'Journal article',
  'book-chapter': 'Book chapter',
  legislation: 'Legislation',
  hansard: 'Hansard',
  audio: 'Audio recording',
  correspondence: 'Correspondence',
};

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const field = (max: number) =>
  z.string().max(max, `At most ${max} characters.`).refine((s) => !CONTROL_CHARS.test(s), 'Contains control characters.').refine((s) => s.trim().length > 0, 'Leave it empty rather than blank.');

/** A DOI as registered, without the resolver: "10.1093/bjc/azz010". */
export const Doi = z.string().max(300).regex(/^10\.\d{4,9}\/\S+$/, 'A DOI starts “10.” and has no spaces, e.g. 10.1093/bjc/azz010 (without https://doi.org/).');
/** One or more ISSNs ("0007-0955, 1464-3529"): print and online editions both appear in real exports. */
export const Issn = z.string().max(100).regex(/^\d{4}-?\d{3}[\dXx](?:[,;\s]+\d{4}-?\d{3}[\dXx])*$/, 'An ISSN is 8 digits, e.g. 0007-0955 (several separated by commas).');
/** One or more ISBNs, with or without hyphens. */
export const Isbn = z.string().max(200).regex(/^(?:97[89][-\s]?)?[\d][\d\s-]{7,15}[\dXx](?:[,;\s]+(?:97[89][-\s]?)?[\d][\d\s-]{7,15}[\dXx])*$/, 'An ISBN is 10 or 13 digits, e.g. 978-0-19-876543-2.');

/** Keys of the `extra` map: "<format>:<field>" ("bibtex:note", "ris:N1", "zotero:key"), never "__proto__". */
export const ExtraKey = z.string().regex(/^[A-Za-z][A-Za-z0-9:_.\- ]{0,99}$/, 'An extra field name is letters, digits and “:_.- ”, starting with a letter.');
/**
 * Fields an imported file carried that Casefolio does not model, kept so that exporting in the same format
 * gives them back. Values are the field's text (a JSON value from CSL-JSON is kept as its JSON).
 */
export const Extra = z
  .record(ExtraKey, z.string().max(100_000).refine((s) => !CONTROL_CHARS.test(s.replace(/[\t\n\r]/g, '')), 'Contains control characters.'))
  .refine((m) => Object.keys(m).length <= 200, 'At most 200 extra fields.');
export type Extra = z.infer<typeof Extra>;

export const BIBLIOGRAPHIC_FIELDS = {
  /** The journal, the book a chapter is in, or the record (HC Deb) a Hansard debate is in. */
  containerTitle: field(500).optional(),
  /** The journal's abbreviation as OSCOLA cites it ("BJC"), Zotero's "Journal Abbr". */
  containerTitleShort: field(100).optional(),
  volume: field(50).optional(),
  issue: field(50).optional(),
  /** Pages ("1123–1145"), a case's first page, or Hansard's columns. */
  pages: field(50).optional(),
  edition: field(50).optional(),
  /** A report's number (Cm 4262, HC 1234), a statute's chapter, an FOI reference. */
  number: field(100).optional(),
  place: field(300).optional(),
  doi: Doi.optional(),
  issn: Issn.optional(),
  isbn: Isbn.optional(),
  /** The court that gave a judgment ("Supreme Court", "EWCA Crim"). */
  court: field(300).optional(),
  /** A judgment's neutral citation: "[2019] UKSC 5". */
  neutralCitation: field(100).optional(),
  /** The law report series a judgment is reported in ("WLR", "AC"), with `volume` and `pages`. */
  reporter: field(100).optional(),
  extra: Extra.optional(),
};

/** `editors` is declared beside `authors` in ./domain.ts, with the same name schema. */
export type BibliographicField = keyof typeof BIBLIOGRAPHIC_FIELDS | 'editors';

/** The fields (besides the ones every source has) that fit each kind, in the order the editor shows them, with the label they go by there. */
export const KIND_FIELDS: Record<SourceKind, readonly (readonly [BibliographicField | 'publisher', string])[]> = {
  'news-article': [['publisher', 'Newspaper or outlet'], ['pages', 'Pages'], ['place', 'Place']],
  'official-report': [['publisher', 'Institution'], ['number', 'Report number'], ['place', 'Place'], ['doi', 'DOI']],
  'inquiry-finding': [['publisher', 'Inquiry, coroner or body'], ['number', 'Reference'], ['place', 'Place']],
  'court-judgment': [['court', 'Court'], ['neutralCitation', 'Neutral citation'], ['reporter', 'Law report'], ['volume', 'Report volume'], ['pages', 'First page']],
  'police-statement': [['publisher', 'Force or body'], ['number', 'Reference']],
  'iopc-report': [['publisher', 'Institution'], ['number', 'Reference']],
  video: [['publisher', 'Broadcaster or platform'], ['containerTitle', 'Programme or series']],
  'social-media-post': [['publisher', 'Platform']],
  'foi-response': [['publisher', 'Public authority'], ['number', 'FOI reference']],
  book: [['editors', 'Editors'], ['edition', 'Edition'], ['volume', 'Volume'], ['publisher', 'Publisher'], ['place', 'Place'], ['isbn', 'ISBN'], ['doi', 'DOI']],
  'web-page': [['publisher', 'Website']],
  other: [['publisher', 'Publisher'], ['number', 'Number'], ['place', 'Place']],
  'journal-article': [['containerTitle', 'Journal'], ['containerTitleShort', 'Journal abbreviation'], ['volume', 'Volume'], ['issue', 'Issue'], ['pages', 'Pages'], ['doi', 'DOI'], ['issn', 'ISSN']],
  'book-chapter': [['containerTitle', 'Book title'], ['editors', 'Editors'], ['edition', 'Edition'], ['pages', 'Pages'], ['publisher', 'Publisher'], ['place', 'Place'], ['isbn', 'ISBN'], ['doi', 'DOI']],
  legislation: [['number', 'Chapter or SI number'], ['place', 'Jurisdiction']],
  hansard: [['containerTitle', 'House (e.g. HC Deb)'], ['volume', 'Volume'], ['pages', 'Columns']],
  audio: [['publisher', 'Broadcaster or label'], ['containerTitle', 'Programme or series']],
  correspondence: [['publisher', 'Organisation'], ['number', 'Reference']],
};

/** The kind a label names ("Journal article", or the kind's own name), as exports carry it in a genre or type field. */
export function kindByLabel(value: string | undefined): SourceKind | undefined {
  const wanted = value?.trim().toLowerCase();
  return wanted ? SOURCE_KINDS.find((k) => SOURCE_KIND_LABELS[k].toLowerCase() === wanted || k === wanted) : undefined;
}
