/*
 * Formatted citations in a chosen CSL style, for the dossier and the window: `formatCitation` gives one
 * source's bibliography entry (or its footnote, with a pinpoint such as a page), `formatBibliography` a
 * list in the style's own order. OSCOLA, the style of UK legal writing, is the default.
 */
import type { CaseLibrary } from '../case-library';
import { CITATION_STYLE_IDS, DEFAULT_CITATION_STYLE } from '../../shared/citation-styles';
import { ApiError } from '../../shared/errors';
import type { Pinpoint, SourceRecord } from '../../shared/domain';
import { CITATION_STYLES, renderBibliography, renderNote, type CitationStyle } from './citation-js';
import type { CslItem } from './citation-js';
import { sourceToCsl } from './csl-mapping';
import { oscolaCitation, oscolaIbid } from './oscola';

/**
 * A source as the style should see it. OSCOLA cites journals by their abbreviation ("(2019) 59 BJC 1123"),
 * so where a source has one it stands in for the journal's full name.
 */
function cslForStyle(source: SourceRecord, style: CitationStyle): CslItem {
  const item = sourceToCsl(source);
  if (style === 'oscola' && item.type === 'article-journal') {
    if (source.containerTitleShort) item['container-title'] = source.containerTitleShort;
    // OSCOLA's CSL prints an article's year only beside its journal: one not yet known is cited as a paper.
    if (!item['container-title']) item.type = 'report';
  }
  return item;
}

export { CITATION_STYLES, type CitationStyle } from './citation-js';

export interface CitationOptions {
  /** Plain text (default) or HTML with <i> for italics. */
  format?: 'text' | 'html';
  /** A bibliography entry (default), or the citation as it appears in a footnote or in the text. */
  mode?: 'bibliography' | 'note';
  /** For a note: where in the source ("p. 14", "para. 3"). */
  pinpoint?: Pinpoint;
}

export function isCitationStyle(name: string): name is CitationStyle {
  return Object.prototype.hasOwnProperty.call(CITATION_STYLES, name);
}

export function citationStyles(): { id: CitationStyle; title: string }[] {
  return CITATION_STYLE_IDS.map((id) => ({ id, title: CITATION_STYLES[id].title }));
}

const LOCATOR_LABELS: Record<Pinpoint['kind'], string> = { page: 'page', paragraph: 'paragraph', section: 'section', timestamp: 'timestamp' };

export function formatCitation(source: SourceRecord, style: CitationStyle = DEFAULT_CITATION_STYLE, options: CitationOptions = {}): string {
  const format = options.format ?? 'text';
  if (style === 'oscola') {
    const own = oscolaCitation(source, { mode: options.mode ?? 'bibliography', format, pinpoint: options.pinpoint });
    if (own !== undefined) return own;
  }
  const item = cslForStyle(source, style);
  if (options.mode === 'note') {
    const entry = options.pinpoint ? { id: source.id, locator: options.pinpoint.value, label: LOCATOR_LABELS[options.pinpoint.kind] } : source.id;
    return renderNote([item], style, entry, format);
  }
  return renderBibliography([item], style, format)[0]?.text ?? '';
}

/** Several sources as a bibliography, in the order the style sorts them. */
export function formatBibliography(
  sources: SourceRecord[],
  style: CitationStyle = DEFAULT_CITATION_STYLE,
  options: Pick<CitationOptions, 'format'> = {},
): { sourceId: string; text: string }[] {
  if (sources.length === 0) return [];
  const format = options.format ?? 'text';
  if (style === 'oscola') {
    // OSCOLA's bibliography sorts by author or title; the kinds laid out here are placed among the rest by the same key.
    const own = sources.map((s) => ({ source: s, text: oscolaCitation(s, { mode: 'bibliography', format }) }));
    const rest = own.filter((e) => e.text === undefined).map((e) => e.source);
    const fromCsl = rest.length ? renderBibliography(rest.map((s) => cslForStyle(s, style)), style, format).map((e) => ({ sourceId: e.id, text: e.text })) : [];
    const mine = own.filter((e) => e.text !== undefined).map((e) => ({ sourceId: e.source.id, text: e.text! }));
    const key = (t: string) => t.replace(/<[^>]*>/g, '').toLowerCase();
    return [...fromCsl, ...mine].sort((a, b) => key(a.text).localeCompare(key(b.text), 'en-GB'));
  }
  return renderBibliography(sources.map((s) => cslForStyle(s, style)), style, format).map((e) => ({ sourceId: e.id, text: e.text }));
}

/** A case's sources formatted: a bibliography (style's order) or notes (in the order asked, with pinpoints). */
export function formatCaseCitations(
  lib: CaseLibrary,
  caseKey: string,
  request: { style: CitationStyle; mode: 'bibliography' | 'note'; format: 'text' | 'html'; sources?: { sourceId: string; pinpoint?: Pinpoint }[] },
): { sourceId: string; text: string }[] {
  const file = lib.requireCase(caseKey);
  const wanted: { sourceId: string; pinpoint?: Pinpoint }[] = request.sources ?? file.sources.filter((s) => !s.deletedAt).map((s) => ({ sourceId: s.id }));
  const sources = wanted.map(({ sourceId, pinpoint }) => {
    const source = file.sources.find((s) => s.id === sourceId);
    if (!source) throw new ApiError('NOT_FOUND', `No source ${sourceId} in the case “${file.case.title}”.`);
    return { source, pinpoint };
  });
  if (request.mode === 'bibliography') return formatBibliography(sources.map((s) => s.source), request.style, { format: request.format });
  return sources.map(({ source, pinpoint }, i) => ({
    sourceId: source.id,
    // OSCOLA: a footnote citing the same source as the one before it is "ibid" (with its own pinpoint).
    text:
      request.style === 'oscola' && i > 0 && sources[i - 1].source.id === source.id
        ? oscolaIbid(source, pinpoint)
        : formatCitation(source, request.style, { mode: 'note', pinpoint, format: request.format }),
  }));
}
