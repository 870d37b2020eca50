/*
 * citation-js (its 0.8 line, which runs on Node 20), typed for the few calls Casefolio makes. Loaded with
 * `require` so the core and its plugins share one instance: the plugins register themselves with the
 * CommonJS build of @citation-js/core, and an ESM import could resolve to a second copy without them.
 *
 * Styles: OSCOLA and Chicago author-date are shipped as CSL files in ./styles (see its README); APA,
 * Harvard (Cite Them Right) and Vancouver come with @citation-js/plugin-csl.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deferCitationJsFetch } from './citation-js-fetch';
import { speedUpCiteproc } from './citeproc-speedups';
import { CITATION_STYLE_TITLES, type CitationStyleId } from '../../shared/citation-styles';

/** A CSL-JSON item, as citation-js reads and writes it. */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  suffix?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
}
export interface CslDate {
  'date-parts'?: (number | string)[][];
  circa?: boolean | string | number;
  raw?: string;
  literal?: string;
}
export interface CslItem {
  id?: string | number;
  type?: string;
  title?: string;
  'title-short'?: string;
  author?: CslName[];
  reporter?: (CslName | string)[];
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  'container-title'?: string;
  publisher?: string;
  authority?: string;
  genre?: string;
  abstract?: string;
  note?: string;
  keyword?: string;
  'citation-key'?: string;
  [key: string]: unknown;
}

interface Register<T> {
  add(name: string, value: T): void;
  has(name: string): boolean;
}
interface CiteInstance {
  format(format: 'bibtex', options: { format: 'object' }): BibtexEntry[];
  format(format: 'ris', options: { format: 'object' }): Record<string, string | string[]>[];
  format(format: 'citation', options: { template: string; lang: string; format: 'text' | 'html'; entry: CitationEntry }): string;
  format(format: 'bibliography', options: { template: string; lang: string; format: 'text' | 'html'; asEntryArray: true }): [string, string][];
}
interface CitationJsCore {
  Cite: new (data: CslItem[]) => CiteInstance;
  plugins: {
    input: {
      chain(data: unknown, options: { forceType: string; generateGraph: false }): CslItem[];
      chainLink(data: unknown, options: { forceType: string }): unknown;
    };
    config: { get(name: '@csl'): { styles: Register<string>; locales: Register<string> } };
  };
}
/** Which item a citation cites, and where in it ("p. 14"). */
export type CitationEntry = string | { id: string; locator?: string; label?: string };

export interface BibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

const require = createRequire(import.meta.url);
let loaded: CitationJsCore | undefined;
let interchangeLoaded = false;

/** The core and the CSL plugin: all that formatting citations (a dossier, say) needs. */
function citationJs(): CitationJsCore {
  if (!loaded) {
    deferCitationJsFetch(require);
    const core = require('@citation-js/core') as CitationJsCore;
    require('@citation-js/plugin-csl');
    // The citeproc the CSL plugin loaded (its own dependency, found from the plugin's folder).
    speedUpCiteproc(createRequire(require.resolve('@citation-js/plugin-csl'))('citeproc'));
    loaded = core;
  }
  return loaded;
}

/** Plus the BibTeX and RIS plugins, loaded only for import and export (they cost a dossier 3 MB and 10 ms). */
function withInterchange(): CitationJsCore {
  const core = citationJs();
  if (!interchangeLoaded) {
    require('@citation-js/plugin-bibtex');
    require('@citation-js/plugin-ris');
    interchangeLoaded = true;
  }
  return core;
}

/** Parses one chunk of text (or one CSL object) as the given citation-js input type. Throws on malformed input. */
export function parseAs(data: unknown, type: '@biblatex/text' | '@ris/file' | '@csl/object'): CslItem[] {
  return withInterchange().plugins.input.chain(data, { forceType: type, generateGraph: false });
}

/** BibTeX text as its entries, fields as written (macros such as `sep` expanded, braces kept), before any mapping to CSL. */
export function bibtexRawEntries(text: string): BibtexEntry[] {
  const entries = withInterchange().plugins.input.chainLink(text, { forceType: '@biblatex/text' });
  return Array.isArray(entries) ? (entries as BibtexEntry[]) : [];
}

interface StyleSpec {
  title: string;
  locale: string;
  /** A CSL file shipped in ./styles … */
  file?: string;
  /** … or a style that comes with @citation-js/plugin-csl. */
  builtIn?: string;
  /** CSL types the style has no layout for, and the type to cite them as. */
  typeFallbacks?: Record<string, string>;
}

export const CITATION_STYLES: Record<CitationStyleId, StyleSpec> = {
  // OSCOLA's CSL (2013) has no layout for posts or generic documents and would drop their dates: they are
  // cited the way OSCOLA cites online material and reports.
  oscola: { title: CITATION_STYLE_TITLES.oscola, file: 'oscola.csl', locale: 'en-GB', typeFallbacks: { post: 'webpage', 'post-weblog': 'webpage', document: 'report', song: 'motion_picture' } },
  'chicago-author-date': { title: CITATION_STYLE_TITLES['chicago-author-date'], file: 'chicago-author-date.csl', locale: 'en-GB' },
  // APA leaves personal communications out of the reference list (an empty entry); a dossier must list every
  // source, so letters and emails are listed as unpublished manuscripts are.
  apa: { title: CITATION_STYLE_TITLES.apa, builtIn: 'apa', locale: 'en-GB', typeFallbacks: { personal_communication: 'manuscript' } },
  'harvard-cite-them-right': { title: CITATION_STYLE_TITLES['harvard-cite-them-right'], builtIn: 'harvard1', locale: 'en-GB' },
  vancouver: { title: CITATION_STYLE_TITLES.vancouver, builtIn: 'vancouver', locale: 'en-GB' },
};
export type CitationStyle = CitationStyleId;

let stylesDirectory: string | undefined;

/**
 * Where the shipped CSL files are, for a build that moves this module away from ./styles (a bundled
 * Electron main process copies the folder into its resources and says where it put it).
 */
export function setCitationStylesDirectory(dir: string): void {
  stylesDirectory = dir;
}

/** Where the shipped CSL files are read from, when a build said so. */
export function citationStylesDirectory(): string | undefined {
  return stylesDirectory;
}

function shipped(file: string): string {
  if (stylesDirectory) return readFileSync(path.join(stylesDirectory, file), 'utf8');
  return readFileSync(new URL(`./styles/${file}`, import.meta.url), 'utf8');
}

/** The citation-js template name for a style, registering the shipped CSL file (and en-GB) on first use. */
function template(style: CitationStyle): string {
  const spec = CITATION_STYLES[style];
  const config = citationJs().plugins.config.get('@csl');
  if (!config.locales.has('en-GB')) config.locales.add('en-GB', shipped('locales-en-GB.xml'));
  if (spec.builtIn) return spec.builtIn;
  if (!config.styles.has(style)) config.styles.add(style, shipped(spec.file!));
  return style;
}

/** Items with the types a style cannot lay out replaced by the nearest it can (see CITATION_STYLES). */
function forStyle(items: CslItem[], style: CitationStyle): CslItem[] {
  const fallbacks = CITATION_STYLES[style].typeFallbacks;
  if (!fallbacks) return items;
  return items.map((item) => (item.type && fallbacks[item.type] ? { ...item, type: fallbacks[item.type] } : item));
}

/** A bibliography, sorted as the style sorts it: each entry's id and its text (or HTML, without the wrapping div). */
export function renderBibliography(items: CslItem[], style: CitationStyle, format: 'text' | 'html'): { id: string; text: string }[] {
  const cite = new (citationJs().Cite)(forStyle(items, style));
  const entries = cite.format('bibliography', { template: template(style), lang: CITATION_STYLES[style].locale, format, asEntryArray: true });
  return entries.map(([id, text]) => ({
    id,
    text: format === 'html' ? text.trim().replace(/^<div[^>]*class="csl-entry"[^>]*>/, '').replace(/<\/div>$/, '').trim() : text.trim(),
  }));
}

/** A citation as it appears in a footnote (note styles) or in the text (author-date styles). */
export function renderNote(items: CslItem[], style: CitationStyle, entry: CitationEntry, format: 'text' | 'html'): string {
  const cite = new (citationJs().Cite)(forStyle(items, style));
  return cite.format('citation', { template: template(style), lang: CITATION_STYLES[style].locale, format, entry }).trim();
}
