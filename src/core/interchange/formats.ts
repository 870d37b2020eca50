/*
 * Reading and writing CSL-JSON, BibTeX and RIS, one entry at a time. A file is split into its entries
 * before citation-js reads them, so one malformed entry is reported (with its position, key and the
 * reason) and the others still read. Where citation-js's mapping loses something a Zotero file carries —
 * RIS authors of newspaper articles (read as "reporter"), the day of a newspaper's date (RIS DA), access
 * dates of web pages (Y2) — the raw fields fill the gap, and the export writes them.
 */
import type { SourceRecord } from '../../shared/domain';
import { formatBibtex, readBibtexEntry } from './bibtex';
import { parseAs, type CslItem } from './citation-js';
import { cslExtras, cslToSourceFields, EntryError, sourceToCsl, withCslExtras, type MappedEntry } from './csl-mapping';
import { formatRis, repairRis, risExtras, splitRis } from './ris';


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

function mapOne(items: CslItem[], options: { bracedOrganisations?: boolean; extra?: Record<string, string> }, repair?: (item: CslItem) => CslItem): ParsedEntry['result'] {
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
    return { index, key, title, result: mapOne(items, { extra: cslExtras(item) }) };
  });
}

export function formatCslJson(sources: SourceRecord[]): string {
  return `${JSON.stringify(sources.map((s) => withCslExtras(sourceToCsl(s), s.extra)), null, 2)}\n`;
}

// ---------------------------------------------------------------- BibTeX

export type { Chunk } from './chunk';
import type { Chunk } from './chunk';

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
    let read: ReturnType<typeof readBibtexEntry>;
    try {
      read = readBibtexEntry(macros ? `${macros}\n${chunk.text}` : chunk.text);
    } catch (error) {
      return { index: i + 1, line: chunk.line, key, title, result: { ok: false, reason: `it is not valid BibTeX (${firstLine(error)})` } };
    }
    if ('error' in read) return { index: i + 1, line: chunk.line, key, title, result: { ok: false, reason: read.error } };
    return { index: i + 1, line: chunk.line, key, title, result: mapOne([read.item], { bracedOrganisations: true, extra: read.extra }) };
  });
}

// ---------------------------------------------------------------- RIS

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
    return { index, line: record.line, key, title, result: mapOne(items, { extra: risExtras(tags) }, (item) => repairRis(item, tags)) };
  });
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
