/*
 * How records are cited in the dossier: authors, dates, sizes, source citations and pinpoint references.
 * Citations follow the shape lawyers expect (authors, title, publisher, date, address, date accessed), without
 * committing to one house style.
 */
import { SOURCE_KIND_LABELS, RELIABILITY_LABELS, formatPinpoint, type Author, type CaptureInfo, type SourceRef } from '../../shared/domain';
import { formatPartialDate, type PartialDate } from '../../shared/partial-date';
import type { CaseModel, ExhibitSlot, SourceModel } from './model';
import type { Span } from './text';
import { COLOURS, STYLES, withColour, type TextStyle } from './theme';

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
  const exact = `${n.toLocaleString('en-GB')} bytes`;
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

export function authorName(a: Author): string {
  if (a.literal?.trim()) return a.literal.trim();
  return [a.given?.trim(), a.family?.trim()].filter(Boolean).join(' ');
}

/** "A", "A and B", "A, B and C". */
export function authorList(authors: Author[]): string {
  const names = authors.map(authorName).filter(Boolean);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A citation's parts as paragraphs of spans, for the sources list. */
export function sourceCitation(source: SourceModel, exhibitRef: (slot: ExhibitSlot) => Span[]): Span[][] {
  const r = source.record;
  const body = STYLES.table;
  const muted = withColour(STYLES.table, COLOURS.muted);
  const link = withColour(STYLES.table, COLOURS.link);
  const first: Span[] = [];
  const authors = authorList(r.authors);
  if (authors) first.push({ text: `${authors}, `, style: body });
  first.push({ text: r.title, style: STYLES.tableBold });
  const details = [r.publisher?.trim(), r.publishedDate ? formatPartialDate(r.publishedDate) : undefined].filter(Boolean);
  first.push({ text: details.length ? ` (${details.join(', ')}).` : '.', style: body });
  first.push({ text: ` ${SOURCE_KIND_LABELS[r.kind]}.`, style: muted });
  const paragraphs: Span[][] = [first];
  if (r.url) {
    const p: Span[] = [{ text: r.url, style: link, link: { kind: 'uri', uri: r.url } }];
    if (r.accessedDate) p.push({ text: ` (accessed ${formatPartialDate(r.accessedDate)})`, style: body });
    paragraphs.push(p);
  } else if (r.accessedDate) {
    paragraphs.push([{ text: `Accessed ${formatPartialDate(r.accessedDate)}.`, style: body }]);
  }
  if (r.archiveUrl) {
    paragraphs.push([
      { text: 'Archived copy: ', style: muted },
      { text: r.archiveUrl, style: link, link: { kind: 'uri', uri: r.archiveUrl } },
    ]);
  }
  const facts: string[] = [];
  if (r.reliability) facts.push(`Reliability ${r.reliability} (${RELIABILITY_LABELS[r.reliability].toLowerCase()})`);
  if (r.tags.length) facts.push(`Tags: ${r.tags.join(', ')}`);
  if (facts.length) paragraphs.push([{ text: facts.join('. ') + '.', style: muted }]);
  for (const slot of source.exhibits) paragraphs.push(exhibitRef(slot));
  return paragraphs;
}

/** "S3, p. 14" — or a note that the reference points at a source no longer in the case. */
export function sourceRefLabel(caseModel: CaseModel, ref: SourceRef): { label: string; source?: SourceModel } {
  const source = caseModel.sourceById.get(ref.sourceId);
  if (!source) return { label: 'source not in this case' };
  const pin = formatPinpoint(ref.pinpoint);
  return { label: pin ? `${source.label}, ${pin}` : source.label, source };
}

/** For a page pinpoint into a bundled PDF, the exhibit page it lands on: "p. 14" of EV-2 is that exhibit's page 14. */
export function pinpointPage(ref: Pick<SourceRef, 'pinpoint'>): number | undefined {
  if (ref.pinpoint?.kind !== 'page') return undefined;
  const m = /^\s*(\d{1,5})\s*(?:[-–—]\s*\d+)?\s*$/.exec(ref.pinpoint.value);
  return m ? Number(m[1]) : undefined;
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
