/*
 * RIS in and out, shaped like Zotero's RIS (which EndNote, Mendeley and most databases also write).
 *
 * Reading: citation-js maps the record to CSL; the raw tags then fill in what its mapping misses or gets
 * wrong for Zotero's files (authors of newspaper articles, DA's day, Y2, SP–EP as pages, J2, SN as ISSN
 * or ISBN by type, a case's court in PB and neutral citation in M1), and every tag Casefolio does not model
 * (LA, N1, ST, L1…) is kept in `extra` as "ris:<TAG>" (repeated tags one per line).
 * Writing: one line per value, never wrapped, and the kept tags after the modelled ones.
 */
import { Doi, Isbn, Issn, kindByLabel, SOURCE_KIND_LABELS, type Author, type SourceKind, type SourceRecord } from '../../shared/domain';
import type { CslItem } from './citation-js';
import type { Chunk } from './chunk';

export type RisTags = Map<string, string[]>;

const RIS_LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*)|)$/;

/** Splits RIS into records, TY to ER; text outside a record and a record with no ER are reported. */
export function splitRis(text: string): { chunk?: Chunk; tags?: RisTags; error?: string; line: number }[] {
  const out: { chunk?: Chunk; tags?: RisTags; error?: string; line: number }[] = [];
  let current: { lines: string[]; tags: RisTags; line: number; last?: string } | undefined;
  let stray: number | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\ufeff/, '').trimEnd();
    const m = RIS_LINE.exec(line);
    if (m?.[1] === 'TY') {
      if (current) out.push({ line: current.line, error: 'the record has no end (an “ER  -” line) before the next one starts' });
      current = { lines: [line], tags: new Map([['TY', [(m[2] ?? '').trim()]]]), line: i + 1 };
      return;
    }
    if (!current) {
      if (line.trim() && stray === undefined) stray = i + 1;
      return;
    }
    current.lines.push(line);
    if (m?.[1] === 'ER') {
      out.push({ line: current.line, chunk: { text: current.lines.join('\n'), line: current.line }, tags: current.tags });
      current = undefined;
    } else if (m) {
      const values = current.tags.get(m[1]) ?? [];
      values.push((m[2] ?? '').trim());
      current.tags.set(m[1], values);
      current.last = m[1];
    } else if (line.trim() && current.last) {
      const values = current.tags.get(current.last)!;
      values[values.length - 1] += ` ${line.trim()}`;
    }
  });
  if (current) out.push({ line: current.line, error: 'the file ends before the record does (no “ER  -” line)' });
  if (stray !== undefined) out.push({ line: stray, error: 'there is text outside any record (records start with “TY  -”)' });
  return out.sort((a, b) => a.line - b.line);
}

/** "2022/06/28/", "2022/06//", "2022" → CSL date-parts. */
export function risDate(value: string | undefined): CslItem['issued'] {
  const m = value ? /^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?/.exec(value.trim()) : null;
  if (!m) return undefined;
  return { 'date-parts': [[Number(m[1]), ...(m[2] ? [Number(m[2])] : []), ...(m[2] && m[3] ? [Number(m[3])] : [])]] };
}

function precision(date: CslItem['issued']): number {
  return date?.['date-parts']?.[0]?.length ?? 0;
}

const TY: Record<SourceKind, string> = {
  'news-article': 'NEWS',
  'official-report': 'RPRT',
  'inquiry-finding': 'RPRT',
  'court-judgment': 'CASE',
  'police-statement': 'GEN',
  'iopc-report': 'RPRT',
  video: 'VIDEO',
  'social-media-post': 'BLOG',
  'foi-response': 'RPRT',
  book: 'BOOK',
  'web-page': 'ELEC',
  other: 'GEN',
  'journal-article': 'JOUR',
  'book-chapter': 'CHAP',
  legislation: 'STAT',
  hansard: 'HEAR',
  audio: 'SOUND',
  correspondence: 'PCOMM',
};
/** Kinds their TY alone brings back; the others carry the kind's name in M3. */
const SELF_EVIDENT = new Set<SourceKind>(['journal-article', 'book', 'book-chapter', 'official-report', 'news-article', 'web-page', 'court-judgment', 'legislation']);
/** Tags the mapping reads; the rest are kept in `extra`. */
const MODELLED = new Set(['TY', 'ER', 'TI', 'T1', 'AU', 'A1', 'A2', 'ED', 'PY', 'Y1', 'DA', 'Y2', 'T2', 'JO', 'JF', 'J2', 'JA', 'VL', 'IS', 'SP', 'EP', 'ET', 'PB', 'CY', 'SN', 'DO', 'UR', 'AB', 'N2', 'KW', 'M3', 'M1']);
const BOOKISH = new Set(['BOOK', 'CHAP', 'EBOOK', 'EDBOOK', 'ECHAP']);

function person(value: string): { family?: string; given?: string; literal?: string } {
  return value.includes(',') ? { family: value.split(',')[0].trim(), given: value.split(',').slice(1).join(',').trim() } : { literal: value };
}

/** The tags Casefolio does not model, kept as "ris:<TAG>"; and an M3 that names no kind. */
export function risExtras(tags: RisTags): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const [tag, values] of tags) {
    if (!MODELLED.has(tag) && values.some(Boolean)) extra[`ris:${tag}`] = values.join('\n');
  }
  const m3 = tags.get('M3')?.[0];
  if (m3 && !kindByLabel(m3)) extra['ris:M3'] = m3;
  const sn = tags.get('SN')?.[0];
  if (sn && !Issn.safeParse(sn).success && !Isbn.safeParse(sn).success) extra['ris:SN'] = sn;
  const doi = tags.get('DO')?.[0];
  if (doi && !Doi.safeParse(doi.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')).success) extra['ris:DO'] = doi;
  return extra;
}

/** Fills in from the raw tags what citation-js's RIS mapping leaves out or reads differently (see the note at the top). */
export function repairRis(item: CslItem, tags: RisTags): CslItem {
  const one = (tag: string) => tags.get(tag)?.find(Boolean);
  const repaired: CslItem = { ...item };
  const ty = one('TY') ?? '';
  const authors = [...(tags.get('AU') ?? []), ...(tags.get('A1') ?? [])].filter(Boolean);
  if (!repaired.author?.length && authors.length) repaired.author = authors.map(person);
  const editors = [...(tags.get('A2') ?? []), ...(tags.get('ED') ?? [])].filter(Boolean);
  // Zotero writes a chapter's editors and a newspaper's nothing else in A2; a case's A2 is not an editor.
  if (editors.length && ty !== 'CASE') repaired.editor = editors.map(person);
  else delete repaired.editor;
  const da = risDate(one('DA'));
  if (da && precision(da) > precision(repaired.issued)) repaired.issued = da;
  const y2 = risDate(one('Y2'));
  if (!repaired.accessed && y2) repaired.accessed = y2;
  const m3 = one('M3');
  delete repaired.genre;
  const kind = kindByLabel(m3);
  if (kind) repaired.genre = SOURCE_KIND_LABELS[kind];
  const container = one('T2') ?? one('JO') ?? one('JF');
  if (container) repaired['container-title'] = container;
  else delete repaired['container-title'];
  const short = one('J2') ?? one('JA');
  if (short) repaired['container-title-short'] = short;
  const [sp, ep] = [one('SP'), one('EP')];
  if (sp) repaired.page = ep ? `${sp}-${ep}` : sp;
  for (const [tag, csl] of [['VL', 'volume'], ['IS', 'issue'], ['ET', 'edition'], ['CY', 'publisher-place']] as const) {
    const value = one(tag);
    if (value) repaired[csl] = value;
  }
  delete repaired.ISSN;
  delete repaired.ISBN;
  const sn = one('SN');
  if (sn) {
    const asIsbn = BOOKISH.has(ty) ? Isbn.safeParse(sn).success : false;
    if (asIsbn) repaired.ISBN = sn;
    else if (Issn.safeParse(sn).success) repaired.ISSN = sn;
    else if (Isbn.safeParse(sn).success) repaired.ISBN = sn;
  }
  const doi = one('DO')?.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '');
  if (doi && Doi.safeParse(doi).success) repaired.DOI = doi;
  else delete repaired.DOI;
  const m1 = one('M1');
  delete repaired.number;
  if (ty === 'CASE') {
    const court = one('PB');
    if (court) repaired.authority = court;
    delete repaired.publisher;
    if (m1) repaired['neutral-citation'] = m1;
  } else {
    if (m1) repaired.number = m1;
    const pb = one('PB');
    if (pb && !['NEWS', 'ELEC', 'BLOG'].includes(ty)) repaired.publisher = pb;
  }
  return repaired;
}

function risDateText(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const [y, m, d] = value.split('-');
  return `${y}/${m ?? ''}/${d ?? ''}/`;
}

function risName(a: Author): string {
  return a.literal?.trim() ? a.literal : a.given ? `${a.family}, ${a.given}` : a.family!;
}

function recordOf(source: SourceRecord, files: readonly string[] = []): string {
  const ty = TY[source.kind];
  const lines: [string, string][] = [['TY', ty]];
  const put = (tag: string, value: string | undefined) => {
    if (value) lines.push([tag, value]);
  };
  put('TI', source.title);
  for (const a of source.authors) put('AU', risName(a));
  for (const e of source.editors ?? []) put('A2', risName(e));
  const extra = source.extra ?? {};
  put('M3', extra['ris:M3'] ?? (SELF_EVIDENT.has(source.kind) ? undefined : SOURCE_KIND_LABELS[source.kind]));
  const outlet = ['NEWS', 'ELEC', 'BLOG'].includes(ty);
  put('T2', ty === 'CASE' ? source.reporter : outlet ? (source.publisher ?? source.containerTitle) : source.containerTitle);
  put('J2', source.containerTitleShort);
  put('VL', source.volume);
  put('IS', source.issue);
  const [sp, ep] = (source.pages ?? '').split(/\s*[-–—]+\s*/);
  put('SP', sp);
  put('EP', ep);
  put('ET', source.edition);
  put('PB', ty === 'CASE' ? source.court : outlet && !source.containerTitle ? undefined : source.publisher);
  put('CY', source.place);
  put('M1', ty === 'CASE' ? source.neutralCitation : source.number);
  put('SN', source.issn ?? source.isbn ?? extra['ris:SN']);
  put('DO', source.doi ?? extra['ris:DO']);
  put('UR', source.url);
  put('DA', risDateText(source.publishedDate?.value));
  put('PY', source.publishedDate?.value.slice(0, 4));
  put('Y2', risDateText(source.accessedDate?.value));
  put('AB', source.description);
  for (const tag of source.tags) put('KW', tag);
  // Attached files, as paths relative to the RIS file: Zotero's RIS import attaches them.
  for (const file of files) put('L1', file);
  for (const [key, value] of Object.entries(extra)) {
    const tag = /^ris:([A-Z][A-Z0-9])$/.exec(key)?.[1];
    if (tag && !MODELLED.has(tag)) for (const v of value.split('\n')) put(tag, v);
  }
  // One line per value, never wrapped: a wrapped line reads back with a space inside (a broken URL).
  return [...lines.map(([tag, value]) => `${tag}  - ${value.replace(/\s*\n\s*/g, ' ')}`), 'ER  - '].join('\n');
}

export function formatRis(sources: SourceRecord[], files?: ReadonlyMap<string, readonly string[]>): string {
  return sources.map((s) => recordOf(s, files?.get(s.id))).join('\n\n').concat('\n');
}
