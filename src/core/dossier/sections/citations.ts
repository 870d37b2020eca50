/*
 * How records are cited in the dossier: dates, sizes, pinpoint references, and each source's full citation in the
 * CSL style the user chose (citation-js), followed by what the dossier adds: an archived copy the style left out,
 * the kind, a date that was inferred, reliability and tags, and where the source's exhibits are in this dossier.
 */
import type { CitationStyleId } from '../../../shared/citation-styles';
import { SOURCE_KIND_LABELS, RELIABILITY_LABELS, formatPinpoint, type CaptureInfo, type Pinpoint, type SourceRecord, type SourceRef } from '../../../shared/domain';
import { groupDigits } from '../../../shared/numbers';
import { formatPartialDate, type PartialDate } from '../../../shared/partial-date';
import { formatCitation } from '../../interchange/citations';
import { sourceToCsl } from '../../interchange/csl-mapping';
import { citationSpans } from './citation-spans';
import type { CaseModel, ExhibitSlot, SourceModel } from '../model';
import type { Span } from '../typesetting/text';
import { COLOURS, STYLES, withColour, type TextStyle } from '../typesetting/theme';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-11-24" → "24 November 2025". */
export function formatIsoDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "2025-11-24T14:03:09.000Z" → "24 November 2025, 14:03 UTC". */
export function formatTimestamp(ts: string): string {
  return `${formatIsoDate(ts)}, ${ts.slice(11, 16)} UTC`;
}

export function formatBytes(n: number): string {
  const exact = `${groupDigits(n)} bytes`;
  if (n < 1024) return exact;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${exact} (${v.toFixed(v < 10 ? 1 : 0)} ${units[u]})`;
}

export function formatDateRange(start: PartialDate, end?: PartialDate): string {
  return end ? `${formatPartialDate(start)} – ${formatPartialDate(end)}` : formatPartialDate(start);
}

/**
 * citation-js takes 1–3 ms a source (a style's first use, 0.1–0.5 s), and a library's sources rarely change between
 * exports: formatted entries are kept per style and per everything the style reads (the CSL item, less its id).
 */
const formatted = new Map<string, string>();
const FORMATTED_LIMIT = 20_000;

/**
 * One source's bibliography entry in `style`, as HTML. Each source is formatted on its own rather than as one
 * bibliography per case: a bibliography would sort, put "——" for an author repeated from the entry above (OSCOLA,
 * Chicago) and add year suffixes (2022a), all relative to the style's order, not to the dossier's S1, S2…; and a
 * batch is no faster per source.
 */
function citationHtml(record: SourceRecord, style: CitationStyleId): string {
  const { id: _id, ...item } = sourceToCsl(record);
  const key = `${style}\n${JSON.stringify(item)}`;
  let html = formatted.get(key);
  if (html === undefined) {
    html = formatCitation(record, style, { format: 'html' });
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(key, html);
  }
  return html;
}

/** A source's entry in the sources list: its citation in `style`, then what the dossier adds, as paragraphs of spans. */
export function sourceCitation(source: SourceModel, style: CitationStyleId, exhibitRef: (slot: ExhibitSlot) => Span[]): Span[][] {
  const r = source.record;
  const muted = withColour(STYLES.table, COLOURS.muted);
  const link = withColour(STYLES.table, COLOURS.link);
  const citation = citationSpans(citationHtml(r, style), STYLES.table, [r.url, r.archiveUrl].filter((u) => u !== undefined));
  const printed = citation.map((s) => s.text).join('');
  const paragraphs: Span[][] = [printed.trim() ? citation : [{ text: r.title, style: STYLES.table }]];
  if (r.archiveUrl && !printed.includes(r.archiveUrl)) {
    paragraphs.push([
      { text: 'Archived copy: ', style: muted },
      { text: r.archiveUrl, style: link, link: { kind: 'uri', uri: r.archiveUrl } },
    ]);
  }
  const facts: string[] = [SOURCE_KIND_LABELS[r.kind]];
  // CSL has no way to say a date was inferred rather than stated, so no style prints the square brackets.
  if (r.publishedDate?.certainty === 'inferred') facts.push(`Date inferred: ${formatPartialDate(r.publishedDate)}`);
  if (r.reliability) facts.push(`Reliability ${r.reliability} (${RELIABILITY_LABELS[r.reliability].toLowerCase()})`);
  if (r.tags.length) facts.push(`Tags: ${r.tags.join(', ')}`);
  paragraphs.push([{ text: facts.join('. ') + '.', style: muted }]);
  for (const slot of source.exhibits) paragraphs.push(exhibitRef(slot));
  return paragraphs;
}

/** A source cited as a footnote in `style`, with its pinpoint, as spans (italics and links kept); undefined when the style prints nothing. */
export function noteCitationSpans(record: SourceRecord, style: CitationStyleId, pinpoint: Pinpoint | undefined, base: TextStyle): Span[] | undefined {
  const html = formatCitation(record, style, { mode: 'note', pinpoint, format: 'html' });
  const spans = citationSpans(html, base, [record.url, record.archiveUrl].filter((u) => u !== undefined));
  return spans.map((s) => s.text).join('').trim() ? spans : undefined;
}

/** "S3, p. 14" — or a note that the reference points at a source no longer in the case. */
export function sourceRefLabel(caseModel: CaseModel, ref: SourceRef): { label: string; source?: SourceModel } {
  const source = caseModel.sourceById.get(ref.sourceId);
  if (!source) return { label: 'source not in this case' };
  const pin = formatPinpoint(ref.pinpoint);
  return { label: pin ? `${source.label}, ${pin}` : source.label, source };
}

/**
 * For a page pinpoint, the printed page it starts on, most literal reading first: "A-3" may be a page labelled
 * "A-3" or the range 3–…, so both "A-3" and "A" are offered; "14–15" offers "14–15" and "14".
 */
export function pinpointPages(pinpoint: Pinpoint | undefined): string[] {
  if (pinpoint?.kind !== 'page') return [];
  const whole = pinpoint.value.trim();
  const first = /^(.+?)\s*[-–—]\s*\S+$/.exec(whole)?.[1];
  return first && first !== whole ? [whole, first] : [whole];
}

export const styled = (text: string, style: TextStyle): Span => ({ text, style });

/** A web capture's provenance: "from https://… (HTTP 200), 24 November 2026, 03:20 UTC", the address a link. */
export function captureSpans(capture: CaptureInfo, style: TextStyle): Span[] {
  const spans: Span[] = [
    { text: 'from ', style },
    { text: capture.finalUrl, style: withColour(style, COLOURS.link), link: { kind: 'uri', uri: capture.finalUrl } },
    { text: ` (HTTP ${capture.status}), ${formatTimestamp(capture.capturedAt)}`, style },
  ];
  if (capture.requestedUrl !== capture.finalUrl) spans.push({ text: `; requested as ${capture.requestedUrl}`, style });
  return spans;
}
