/*
 * OSCOLA (4th edition) for the sources UK lawyers cite most, where the shipped CSL style falls short: cases
 * (neutral citation first, then the law report; the court in brackets only when there is no neutral citation),
 * legislation (short title with its year, pinpointed by section), Hansard (house, date, volume, column) and
 * reports (the title in italics, the command paper or series number with the year in brackets). Other kinds
 * — journal articles, books, web pages — are left to the CSL style, which lays them out as OSCOLA does.
 *
 * A pinpoint follows OSCOLA's forms: a case's paragraph in square brackets ("[45]"), a page as its bare
 * number, a statute's section as "s 6", a report's paragraph as "para 4.2", a Hansard column as "col 973".
 */
import { formatPartialDate } from '../../shared/partial-date';
import type { Author, Pinpoint, SourceRecord } from '../../shared/domain';

export interface OscolaOptions {
  mode: 'bibliography' | 'note';
  format: 'text' | 'html';
  pinpoint?: Pinpoint;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&#38;').replace(/</g, '&#60;').replace(/>/g, '&#62;');

function names(authors: Author[], mode: OscolaOptions['mode']): string {
  const one = (a: Author) => {
    if (a.literal?.trim()) return a.literal;
    if (!a.given) return a.family!;
    // A note names people as they sign ("Jane Smith"); a bibliography by surname and initials ("Smith J").
    return mode === 'note' ? `${a.given} ${a.family}` : `${a.family} ${a.given.split(/[\s.-]+/).filter(Boolean).map((g) => g[0]).join('')}`;
  };
  const list = authors.map(one);
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** "45" → "s 45" for a statute; a value that already names its unit ("s 6(1)", "sch 2", "art 8") is kept. */
function sectionOf(value: string): string {
  return /^\d/.test(value.trim()) ? `s ${value.trim()}` : value.trim();
}

function paragraphOf(value: string): string {
  return /^paras?\b/i.test(value.trim()) ? value.trim() : `para ${value.trim()}`;
}

function caseCitation(s: SourceRecord, o: OscolaOptions, italic: (t: string) => string): string {
  const year = s.publishedDate?.value.slice(0, 4);
  const report = s.reporter ? [year ? `[${year}]` : undefined, s.volume, s.reporter, s.pages?.split(/\s*[-–—]\s*/)[0]].filter(Boolean).join(' ') : undefined;
  const citations = [s.neutralCitation, report].filter(Boolean);
  let text = italic(s.title);
  if (citations.length) text += ` ${citations.join(', ')}`;
  if (!s.neutralCitation && s.court) text += citations.length ? ` (${s.court})` : ` (${[s.court, s.publishedDate && formatPartialDate(s.publishedDate)].filter(Boolean).join(', ')})`;
  const pin = o.pinpoint;
  if (pin && o.mode === 'note') {
    if (pin.kind === 'paragraph') text += ` [${pin.value.replace(/^\[|\]$/g, '')}]`;
    else text += s.neutralCitation || !s.court ? `, ${pin.value}` : ` ${pin.value}`;
  }
  return text;
}

function legislationCitation(s: SourceRecord, o: OscolaOptions): string {
  const year = s.publishedDate?.value.slice(0, 4);
  let text = year && !s.title.includes(year) ? `${s.title} ${year}` : s.title;
  // Statutory instruments are cited with their number (SI 1998/3132); Acts by short title alone.
  if (s.number && /^S\.?\s?I\b/i.test(s.number)) text += `, ${s.number}`;
  const pin = o.pinpoint;
  if (pin && o.mode === 'note') text += `, ${pin.kind === 'paragraph' ? paragraphOf(pin.value) : pin.kind === 'section' ? sectionOf(pin.value) : pin.value}`;
  return text;
}

function hansardCitation(s: SourceRecord, o: OscolaOptions): string {
  const parts = [[s.containerTitle ?? s.title, s.publishedDate && formatPartialDate(s.publishedDate)].filter(Boolean).join(' ')];
  if (s.volume) parts.push(`vol ${s.volume}`);
  const pin = o.mode === 'note' ? o.pinpoint : undefined;
  if (pin) parts.push(/^cols?\b/i.test(pin.value) ? pin.value : `col ${pin.value}`);
  else if (s.pages) parts.push(`${/[-–—]/.test(s.pages) ? 'cols' : 'col'} ${s.pages.replace(/\s*-\s*/, '–')}`);
  return parts.join(', ');
}

const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or', 'the', 'to', 'v', 'via', 'with']);

/** OSCOLA capitalises the major words of a title; a word already holding a capital ("IOPC", "McPherson") is left alone. */
export function titleCase(title: string): string {
  return title
    .split(/(\s+)/)
    .map((word, i) => (i === 0 || !MINOR_WORDS.has(word.toLowerCase()) ? (/[A-Z]/.test(word) ? word : word.replace(/^(\P{L}*)(\p{Ll})/u, (_m, pre: string, c: string) => pre + c.toUpperCase())) : word))
    .join('');
}

function reportCitation(s: SourceRecord, o: OscolaOptions, italic: (t: string) => string, link: (url: string) => string): string {
  const year = s.publishedDate?.value.slice(0, 4);
  // OSCOLA: "(Home Office 1999)" for a publisher, "(Cm 4262, 1999)" for a command paper or series number.
  const bracket = s.number ? [s.number, year].filter(Boolean).join(', ') : [s.publisher, year].filter(Boolean).join(' ');
  const who = names(s.authors, o.mode);
  let text = `${who ? `${who}, ` : ''}${italic(titleCase(s.title))}${bracket ? ` (${bracket})` : ''}`;
  const pin = o.mode === 'note' ? o.pinpoint : undefined;
  if (pin) text += ` ${pin.kind === 'paragraph' ? paragraphOf(pin.value) : pin.kind === 'section' ? sectionOf(pin.value) : pin.value}`;
  if (s.url) text += ` ${link(s.url)}${s.accessedDate ? ` accessed ${formatPartialDate(s.accessedDate)}` : ''}`;
  return text;
}

const REPORT_KINDS = new Set(['official-report', 'iopc-report', 'inquiry-finding']);

/**
 * The OSCOLA citation of a source of a kind this module lays out itself, or undefined to leave it to the CSL
 * style. A footnote ends with a full stop; a bibliography entry does not.
 */
export function oscolaCitation(source: SourceRecord, options: OscolaOptions): string | undefined {
  const html = options.format === 'html';
  const s: SourceRecord = html
    ? { ...source, title: escapeHtml(source.title), ...Object.fromEntries((['court', 'neutralCitation', 'reporter', 'number', 'publisher', 'containerTitle'] as const).map((k) => [k, source[k] && escapeHtml(source[k])])) }
    : source;
  const pinpoint = options.pinpoint && html ? { ...options.pinpoint, value: escapeHtml(options.pinpoint.value) } : options.pinpoint;
  const o = { ...options, pinpoint };
  const italic = (t: string) => (html ? `<i>${t}</i>` : t);
  const link = (url: string) => (html ? `&#60;<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>&#62;` : `<${url}>`);
  let text: string | undefined;
  if (source.kind === 'court-judgment' && (source.neutralCitation || source.reporter || source.court)) text = caseCitation(s, o, italic);
  else if (source.kind === 'legislation') text = legislationCitation(s, o);
  else if (source.kind === 'hansard') text = hansardCitation(s, o);
  else if (REPORT_KINDS.has(source.kind)) text = reportCitation(s, o, italic, link);
  if (text === undefined) return undefined;
  return options.mode === 'note' ? `${text}.` : text;
}

/** "ibid" for a footnote citing the same source as the one before it, with the new pinpoint if there is one. */
export function oscolaIbid(source: SourceRecord, pinpoint: Pinpoint | undefined): string {
  if (!pinpoint) return 'ibid.';
  const value = pinpoint.value.trim();
  if (source.kind === 'court-judgment' && pinpoint.kind === 'paragraph') return `ibid [${value.replace(/^\[|\]$/g, '')}].`;
  if (source.kind === 'legislation' && pinpoint.kind === 'section') return `ibid ${sectionOf(value)}.`;
  if (pinpoint.kind === 'paragraph') return `ibid ${paragraphOf(value)}.`;
  return `ibid ${value}.`;
}
