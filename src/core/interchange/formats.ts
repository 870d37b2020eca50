/*
 * Reading and writing CSL-JSON, BibTeX and RIS, one entry at a time. A file is split into its entries
 * before citation-js reads them, so one malformed entry is reported (with its position, key and the
 * reason) and the others still read. Where citation-js's mapping loses something a Zotero file carries —
 * RIS authors of newspaper articles (read as "reporter"), the day of a newspaper's date (RIS DA), access
 * dates of web pages (Y2) — the raw fields fill the gap, and the export writes them.
 */
import { SOURCE_KIND_LABELS, type SourceRecord } from '../../shared/domain';
import { bibtexEntries, parseAs, risRecords, type BibtexEntry, type CslItem } from './citation-js';
import { cslToSourceFields, EntryError, sourceToCsl, type MappedEntry } from './csl-mapping';

export const INTERCHANGE_FORMATS = ['csl-json', 'bibtex', 'ris'] as const;
export type InterchangeFormat = (typeof INTERCHANGE_FORMATS)[number];

export interface ParsedEntry {
  /** 1-based position of the entry in the file. */
  index: number;
  /** 1-based line where the entry starts (BibTeX and RIS). */
  line?: number;
  /** The entry's key or id in the file, when it has one. */
  key?: string;
  title?: string;
  result: { ok: true; entry: MappedEntry } | { ok: false; reason: string };
}

export function detectFormat(text: string, fileName?: string): InterchangeFormat | undefined {
  const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'json') return 'csl-json';
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  if (ext === 'ris') return 'ris';
  const head = text.replace(/^\ufeff/, '').trimStart();
  if (head.startsWith('[') || head.startsWith('{')) return 'csl-json';
  if (/^TY {2}- /m.test(text)) return 'ris';
  if (/^\s*@[A-Za-z]+\s*[{(]/m.test(text)) return 'bibtex';
  return undefined;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The parser's own line numbers count from the start of the entry it was given, not of the file.
  return message.split('\n')[0].replace(/ at line \d+ col \d+:?$/, '').slice(0, 300);
}

function mapOne(items: CslItem[], options: { bracedOrganisations?: boolean }, repair?: (item: CslItem) => CslItem): ParsedEntry['result'] {
  if (items.length !== 1) return { ok: false, reason: items.length === 0 ? 'no entry could be read from it' : 'it reads as more than one entry' };
  try {
    return { ok: true, entry: cslToSourceFields(repair ? repair(items[0]) : items[0], options) };
  } catch (error) {
    return { ok: false, reason: error instanceof EntryError ? error.message : `it could not be read (${firstLine(error)})` };
  }
}

// ---------------------------------------------------------------- CSL-JSON

export function parseCslJson(text: string): ParsedEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    return [{ index: 1, result: { ok: false, reason: `the file is not valid JSON (${firstLine(error)}), so no entry could be read` } }];
  }
  const list = Array.isArray(data) ? data : typeof data === 'object' && data !== null && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : [data];
  return list.map((raw, i): ParsedEntry => {
    const index = i + 1;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { index, result: { ok: false, reason: 'it is not a CSL-JSON object' } };
    const item = raw as CslItem;
    const key = item.id !== undefined ? String(item.id).slice(0, 100) : undefined;
    const title = typeof item.title === 'string' ? item.title.slice(0, 200) : undefined;
    let items: CslItem[];
    try {
      items = parseAs(item, '@csl/object');
    } catch (error) {
      return { index, key, title, result: { ok: false, reason: `it could not be read (${firstLine(error)})` } };
    }
    return { index, key, title, result: mapOne(items, {}) };
  });
}

export function formatCslJson(sources: SourceRecord[]): string {
  return `${JSON.stringify(sources.map((s) => sourceToCsl(s)), null, 2)}\n`;
}

// ---------------------------------------------------------------- BibTeX

interface Chunk {
  text: string;
  line: number;
}

/** Splits BibTeX at each "@type{" that starts a line: a malformed entry cannot swallow the ones after it. */
function splitBibtex(text: string): { entries: Chunk[]; strings: string[] } {
  const starts = [...text.matchAll(/^[ \t]*@([A-Za-z]+)\s*[{(]/gm)];
  const entries: Chunk[] = [];
  const strings: string[] = [];
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : text.length;
    const chunk = text.slice(m.index, end);
    const kind = m[1].toLowerCase();
    if (kind === 'string') strings.push(chunk);
    else if (kind !== 'comment' && kind !== 'preamble') entries.push({ text: chunk, line: text.slice(0, m.index).split('\n').length });
  });
  return { entries, strings };
}

export function parseBibtex(text: string): ParsedEntry[] {
  const { entries, strings } = splitBibtex(text);
  if (entries.length === 0) return [{ index: 1, result: { ok: false, reason: 'no BibTeX entries (lines starting “@type{”) were found' } }];
  const macros = strings.join('\n');
  return entries.map((chunk, i): ParsedEntry => {
    const key = /^[ \t]*@[A-Za-z]+\s*[{(]\s*([^,\s]+)\s*,/.exec(chunk.text)?.[1];
    const title = /\btitle\s*=\s*[{"]([^}"\n]{1,200})/i.exec(chunk.text)?.[1];
    let items: CslItem[];
    try {
      items = parseAs(macros ? `${macros}\n${chunk.text}` : chunk.text, '@biblatex/text');
    } catch (error) {
      return { index: i + 1, line: chunk.line, key, title, result: { ok: false, reason: `it is not valid BibTeX (${firstLine(error)})` } };
    }
    return { index: i + 1, line: chunk.line, key, title, result: mapOne(items, { bracedOrganisations: true }) };
  });
}

function bibtexValue(value: string): string {
  return value.replace(/\s+/g, ' ');
}

/** Escapes text for a braced BibTeX value; letters outside ASCII stay as they are (the file is UTF-8). */
export function escapeBibtex(text: string): string {
  const special: Record<string, string> = { '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '&': '\\&', '%': '\\%', $: '\\$', '#': '\\#', _: '\\_', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}' };
  return text.replace(/[\\{}&%$#_^~]/g, (c) => special[c]);
}

export function formatBibtex(sources: SourceRecord[]): string {
  const items = sources.map((s) => sourceToCsl(s, { forLossyFormat: true }));
  const entries: BibtexEntry[] = bibtexEntries(items);
  return entries
    .map((entry, i) => {
      const properties = { ...entry.properties };
      // Zotero's BibTeX writes the access date as urldate; citation-js's BibTeX output leaves it out.
      const accessed = sources[i].accessedDate;
      if (accessed && !properties.urldate) properties.urldate = accessed.value;
      if (properties.note && /^\[Online; accessed [^\]]*\]$/.test(properties.note)) delete properties.note;
      // …and the abstract and keywords (tags), which Zotero's BibTeX also writes.
      if (sources[i].description && !properties.abstract) properties.abstract = escapeBibtex(sources[i].description!);
      if (sources[i].tags.length && !properties.keywords) properties.keywords = escapeBibtex(sources[i].tags.join(', '));
      const fields = Object.entries(properties).map(([name, value]) => `\t${name} = {${bibtexValue(value)}},`);
      return `@${entry.type}{${entry.label},\n${fields.join('\n')}\n}\n`;
    })
    .join('\n');
}

// ---------------------------------------------------------------- RIS

type RisTags = Map<string, string[]>;

const RIS_LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*)|)$/;

/** Splits RIS into records, TY to ER; text outside a record and a record with no ER are reported. */
function splitRis(text: string): { chunk?: Chunk; tags?: RisTags; error?: string; line: number }[] {
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
function risDate(value: string | undefined): CslItem['issued'] {
  const m = value ? /^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?/.exec(value.trim()) : null;
  if (!m) return undefined;
  return { 'date-parts': [[Number(m[1]), ...(m[2] ? [Number(m[2])] : []), ...(m[2] && m[3] ? [Number(m[3])] : [])]] };
}

function precision(date: CslItem['issued']): number {
  return date?.['date-parts']?.[0]?.length ?? 0;
}

/** Fills in from the raw tags what citation-js's RIS mapping leaves out (see the note at the top). */
function repairRis(item: CslItem, tags: RisTags): CslItem {
  const repaired = { ...item };
  const authors = [...(tags.get('AU') ?? []), ...(tags.get('A1') ?? [])].filter(Boolean);
  if (!repaired.author?.length && authors.length) repaired.author = authors.map((a) => (a.includes(',') ? { family: a.split(',')[0].trim(), given: a.split(',').slice(1).join(',').trim() } : { literal: a }));
  const da = risDate(tags.get('DA')?.[0]);
  if (da && precision(da) > precision(repaired.issued)) repaired.issued = da;
  const y2 = risDate(tags.get('Y2')?.[0]);
  if (!repaired.accessed && y2) repaired.accessed = y2;
  const m3 = tags.get('M3')?.[0];
  if (!repaired.genre && m3) repaired.genre = m3;
  const t2 = tags.get('T2')?.[0];
  if (!repaired['container-title'] && t2) repaired['container-title'] = t2;
  return repaired;
}

export function parseRis(text: string): ParsedEntry[] {
  const records = splitRis(text);
  if (records.length === 0) return [{ index: 1, result: { ok: false, reason: 'no RIS records (lines starting “TY  -”) were found' } }];
  return records.map((record, i): ParsedEntry => {
    const index = i + 1;
    if (record.error || !record.chunk || !record.tags) return { index, line: record.line, result: { ok: false, reason: record.error ?? 'the record could not be read' } };
    const key = record.tags.get('ID')?.[0];
    const title = record.tags.get('TI')?.[0] ?? record.tags.get('T1')?.[0];
    let items: CslItem[];
    try {
      items = parseAs(record.chunk.text, '@ris/file');
    } catch (error) {
      return { index, line: record.line, key, title, result: { ok: false, reason: `it is not valid RIS (${firstLine(error)})` } };
    }
    const tags = record.tags;
    return { index, line: record.line, key, title, result: mapOne(items, {}, (item) => repairRis(item, tags)) };
  });
}

function risDateText(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const [y, m, d] = value.split('-');
  return `${y}/${m ?? ''}/${d ?? ''}/`;
}

export function formatRis(sources: SourceRecord[]): string {
  const records = risRecords(sources.map((s) => sourceToCsl(s, { forLossyFormat: true })));
  return records
    .map((record, i) => {
      const source = sources[i];
      const tags = new Map<string, string[]>(Object.entries(record).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((x) => String(x).trim())]));
      // Authors as AU lines for every type (citation-js writes none for newspaper articles), the full date
      // as DA, the access date as Y2 and the kind as M3: what Zotero's RIS writes and reads.
      if (source.authors.length && !tags.has('AU') && !tags.has('A1')) {
        tags.set('AU', source.authors.map((a) => (a.literal?.trim() ? a.literal : a.given ? `${a.family}, ${a.given}` : a.family!)));
      }
      const da = risDateText(source.publishedDate?.value);
      if (da) tags.set('DA', [da]);
      const y2 = risDateText(source.accessedDate?.value);
      if (y2) tags.set('Y2', [y2]);
      if (source.kind !== 'book' && !tags.has('M3')) tags.set('M3', [SOURCE_KIND_LABELS[source.kind]]);
      const ty = tags.get('TY')![0];
      tags.delete('TY');
      // One line per value, never wrapped: a wrapped line reads back with a space inside (a broken URL).
      const lines = [`TY  - ${ty}`, ...[...tags].flatMap(([tag, values]) => values.map((v) => `${tag}  - ${v.replace(/\s*\n\s*/g, ' ')}`)), 'ER  - '];
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

// ----------------------------------------------------------------

export function parseInterchange(text: string, format: InterchangeFormat): ParsedEntry[] {
  switch (format) {
    case 'csl-json':
      return parseCslJson(text);
    case 'bibtex':
      return parseBibtex(text);
    case 'ris':
      return parseRis(text);
  }
}

export function formatInterchange(sources: SourceRecord[], format: InterchangeFormat): string {
  switch (format) {
    case 'csl-json':
      return formatCslJson(sources);
    case 'bibtex':
      return formatBibtex(sources);
    case 'ris':
      return formatRis(sources);
  }
}
