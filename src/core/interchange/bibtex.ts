/*
 * BibTeX in and out, shaped like Zotero's own BibTeX (what JabRef and Mendeley also read and write).
 *
 * Reading: citation-js maps each entry to CSL; the entry's raw fields then fill what that mapping has no
 * place for (a court, a neutral citation, a journal abbreviation), and every field Casefolio does not model
 * (`language`, `file`, `note`, `shorttitle`…) is kept in `extra` as "bibtex:<field>" with its text as written.
 * Writing: one entry per source, its fields written the way Zotero writes them — `month = sep` (a macro, not
 * text), pages as `1123--1145`, the journal in `journal`, a report's body in `institution` — then its kept
 * extra fields, so import → export gives back what came in.
 */
import { kindByLabel, SOURCE_KIND_LABELS, type Author, type SourceKind, type SourceRecord } from '../../shared/domain';
import { bibtexRawEntries, parseAs, type BibtexEntry, type CslItem } from './citation-js';

const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The entry type each kind is written as; kinds BibTeX has no type for are @misc with the kind in `type`. */
const ENTRY_TYPES: Partial<Record<SourceKind, string>> = {
  'journal-article': 'article',
  'news-article': 'article',
  book: 'book',
  'book-chapter': 'incollection',
  'official-report': 'techreport',
  'iopc-report': 'techreport',
  'inquiry-finding': 'techreport',
  'foi-response': 'techreport',
};
/** Kinds that their entry type alone brings back (an @article is a journal article unless `type` says otherwise). */
const SELF_EVIDENT = new Set<SourceKind>(['journal-article', 'book', 'book-chapter', 'official-report']);

/** Fields the mapping reads; any other field is kept in `extra`. */
export const BIBTEX_MODELLED = new Set([
  'title', 'author', 'editor', 'year', 'month', 'day', 'date', 'urldate', 'url', 'doi', 'issn', 'isbn', 'volume', 'number', 'issue', 'pages',
  'journal', 'journaltitle', 'shortjournal', 'booktitle', 'publisher', 'institution', 'organization', 'school', 'address', 'location', 'edition',
  'abstract', 'keywords', 'court', 'neutralcitation', 'reporter',
]);

/** Escapes text for a braced BibTeX value; letters outside ASCII stay as they are (the file is UTF-8). */
export function escapeBibtex(text: string): string {
  const special: Record<string, string> = { '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '&': '\\&', '%': '\\%', $: '\\$', '#': '\\#', _: '\\_', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}' };
  return text.replace(/[\\{}&%$#_^~]/g, (c) => special[c]).replace(/\s+/g, ' ');
}

function names(list: Author[]): string {
  return list.map((a) => (a.literal?.trim() ? `{${escapeBibtex(a.literal)}}` : a.given ? `${escapeBibtex(a.family!)}, ${escapeBibtex(a.given)}` : escapeBibtex(a.family!))).join(' and ');
}

/** One source as a BibTeX entry, fields in Zotero's order of importance. */
function entryOf(source: SourceRecord, key: string): string {
  const entryType = ENTRY_TYPES[source.kind] ?? 'misc';
  const fields: [string, string][] = [];
  const put = (name: string, value: string | undefined, raw = false) => {
    if (value) fields.push([name, raw ? value : escapeBibtex(value)]);
  };
  const extra = source.extra ?? {};
  put('title', source.title);
  if (source.authors.length) put('author', names(source.authors), true);
  if (source.editors?.length) put('editor', names(source.editors), true);
  const keptType = extra['bibtex:type'];
  if (keptType) put('type', keptType, true);
  else if (!SELF_EVIDENT.has(source.kind)) put('type', SOURCE_KIND_LABELS[source.kind]);
  if (entryType === 'article') put('journal', source.kind === 'journal-article' ? source.containerTitle : source.publisher);
  if (entryType === 'incollection') put('booktitle', source.containerTitle);
  if (entryType !== 'article' && entryType !== 'incollection' && source.containerTitle) put('journal', source.containerTitle);
  put('shortjournal', source.containerTitleShort);
  put('volume', source.volume);
  put(entryType === 'article' ? 'number' : 'issue', source.issue);
  if (entryType !== 'article') put('number', source.number);
  put('pages', source.pages?.replace(/\s*[-–—]+\s*/g, '--'));
  put('edition', source.edition);
  if (entryType !== 'article' || source.kind === 'journal-article') put(entryType === 'techreport' ? 'institution' : 'publisher', source.publisher);
  put('address', source.place);
  put('court', source.court);
  put('neutralcitation', source.neutralCitation);
  put('reporter', source.reporter);
  put('doi', source.doi);
  put('issn', source.issn);
  put('isbn', source.isbn);
  put('url', source.url, true);
  put('urldate', source.accessedDate?.value);
  const date = source.publishedDate?.value;
  if (date) {
    const [y, m, d] = date.split('-');
    put('year', y);
    if (m) fields.push(['month', MONTH_MACROS[Number(m) - 1]]);
    if (d) put('date', date);
  }
  put('abstract', source.description);
  put('keywords', source.tags.join(', '));
  for (const [name, value] of Object.entries(extra)) {
    const field = name.startsWith('bibtex:') ? name.slice(7) : undefined;
    if (field && field !== 'type' && field !== 'key' && !fields.some(([f]) => f === field) && /^[a-z][a-z0-9_-]*$/i.test(field)) put(field, value.replace(/\s+/g, ' '), true);
  }
  const body = fields.map(([name, value]) => (name === 'month' ? `\t${name} = ${value},` : `\t${name} = {${value}},`)).join('\n');
  return `@${entryType}{${key},\n${body}\n}\n`;
}

/** A citation key in Zotero's shape: author_word_year, made unique within the file. */
function citationKey(source: SourceRecord, used: Set<string>): string {
  const kept = source.extra?.['bibtex:key'];
  const first = source.authors[0];
  const who = (first?.family ?? first?.literal ?? 'noauthor').normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase() || 'noauthor';
  const word = source.title.normalize('NFKD').toLowerCase().split(/\s+/).map((w) => w.replace(/[^a-z0-9]/g, '')).find((w) => w.length > 3) ?? 'source';
  const base = kept ?? `${who}_${word}_${source.publishedDate?.value.slice(0, 4) ?? 'nd'}`;
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  used.add(key);
  return key;
}

export function formatBibtex(sources: SourceRecord[]): string {
  const used = new Set<string>();
  return sources.map((s) => entryOf(s, citationKey(s, used))).join('\n');
}

/** The extra fields and gap-filling of one raw entry, applied to citation-js's CSL item for it. */
export function readBibtexEntry(text: string): { item: CslItem; extra: Record<string, string> } | { error: string } {
  const items = parseAs(text, '@biblatex/text');
  if (items.length !== 1) return { error: items.length === 0 ? 'no entry could be read from it' : 'it reads as more than one entry' };
  const raw: BibtexEntry | undefined = bibtexRawEntries(text)[0];
  const properties = raw?.properties ?? {};
  const item: CslItem = { ...items[0] };
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties)) {
    const field = name.toLowerCase();
    if (field === 'type') {
      if (!kindByLabel(value)) extra['bibtex:type'] = value;
      continue;
    }
    if (!BIBTEX_MODELLED.has(field) && /^[a-z][a-z0-9_-]{0,90}$/.test(field)) extra[`bibtex:${field}`] = value;
  }
  if (raw?.label) extra['bibtex:key'] = raw.label;
  const kind = kindByLabel(properties.type);
  if (kind) item.genre = SOURCE_KIND_LABELS[kind];
  else {
    // A `type` that names no kind ("Inspection report") is kept in `extra`; the entry type says what it is,
    // and an @article that says nothing else is a journal article.
    delete item.genre;
    if (raw?.type.toLowerCase() === 'article') item.type = 'article-journal';
  }
  // The fields citation-js's BibTeX mapping has no place for.
  if (raw?.type.toLowerCase() === 'article') {
    if (properties.number ?? properties.issue) item.issue = properties.number ?? properties.issue;
  } else {
    if (properties.number) item.number = properties.number;
    if (properties.issue) item.issue = properties.issue;
  }
  if (properties.court) item.authority = properties.court;
  if (properties.neutralcitation) item['neutral-citation'] = properties.neutralcitation;
  if (properties.reporter) item['container-title'] = properties.reporter;
  if (properties.shortjournal) item['container-title-short'] = properties.shortjournal;
  if (raw?.type.toLowerCase() === 'misc' && properties.journal && !item['container-title']) item['container-title'] = properties.journal;
  return { item, extra };
}

