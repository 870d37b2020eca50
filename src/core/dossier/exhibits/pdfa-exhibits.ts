/*
 * Which exhibits keep a dossier from being PDF/A-1b. Merged pages are copied byte for byte (that is their value
 * as evidence), so an exhibit that uses what PDF/A-1 forbids cannot be made conformant without changing it: it is
 * kept as it is and named in a warning, and the dossier then does not claim PDF/A conformance.
 *
 * The check reads the dictionaries of the objects each exhibit brought into the dossier (numbered while that
 * exhibit was loaded) for the rules most often broken: transparency, fonts not embedded, JPEG 2000 and LZW,
 * CMYK colour against the sRGB intent, scripts and launch actions, embedded files, layers, PostScript, and
 * annotations not set to print. It does not read content streams, so colour set with CMYK operators alone and
 * the limits on sizes and nesting are not checked here; PDFBox's preflight checks the whole file in the tests.
 */
import { PDFRawStream, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { RawStream } from '../raw-pdf/objects';

const ANNOTATION_SUBTYPES =
  'Text|Link|FreeText|Line|Square|Circle|Polygon|PolyLine|Highlight|Underline|Squiggly|StrikeOut|Stamp|Caret|Ink|FileAttachment|Sound|Movie|Widget|Screen|PrinterMark|TrapNet|Watermark|3D|Redact';
const ANNOTATION = new RegExp(`/Subtype\\s*/(${ANNOTATION_SUBTYPES})(?![A-Za-z0-9])`);
const PRINT = 4;
const HIDDEN = 1 | 2 | 32; // Invisible, Hidden, NoView

/** Each rule: a description a user understands and a test on one object's dictionary text. */
const RULES: [string, (text: string) => boolean][] = [
  ['transparency', (t) => /\/S\s*\/Transparency\b/.test(t) || /\/SMask\s*(?!\/None\b)[^\s]/.test(t) || partialOpacity(t) || /\/BM\s*\/(?!Normal\b|Compatible\b)/.test(t)],
  ['fonts that are not embedded', fontNotEmbedded],
  ['JPEG 2000 images', (t) => /\/JPXDecode\b/.test(t)],
  ['LZW compression', (t) => /\/LZWDecode\b/.test(t)],
  ['CMYK colour', (t) => /\/DeviceCMYK\b/.test(t)],
  ['scripts, sounds, films or launch actions', (t) => /\/S\s*\/(JavaScript|Launch|Sound|Movie|ResetForm|ImportData)\b/.test(t) || /\/JS\b/.test(t)],
  ['embedded files', (t) => /\/(EmbeddedFiles?|FileAttachment)\b/.test(t)],
  ['layers (optional content)', (t) => /\/(OCProperties|OC)(?![A-Za-z0-9])/.test(t)],
  ['PostScript', (t) => /\/Subtype2?\s*\/PS\b/.test(t)],
  ['image interpolation', (t) => /\/Interpolate\s+true\b/.test(t)],
  ['annotations not set to print', annotationHidden],
];

function partialOpacity(text: string): boolean {
  for (const m of text.matchAll(/\/(?:CA|ca)\s+([0-9.]+)/g)) if (Number(m[1]) < 1) return true;
  return false;
}

function fontNotEmbedded(text: string): boolean {
  if (/\/Type\s*\/FontDescriptor\b/.test(text) && !/\/FontFile[23]?\b/.test(text)) return true;
  // A simple font without a descriptor is one of the standard 14, which readers supply and PDF/A forbids.
  return /\/Type\s*\/Font\b/.test(text) && /\/Subtype\s*\/(Type1|TrueType|MMType1)\b/.test(text) && !/\/FontDescriptor\b/.test(text);
}

function annotationHidden(text: string): boolean {
  if (!/\/Rect\b/.test(text) || !ANNOTATION.test(text)) return false;
  const flags = /\/F\s+(\d+)/.exec(text);
  const f = flags ? Number(flags[1]) : 0;
  return (f & PRINT) === 0 || (f & HIDDEN) !== 0;
}

/** An object's dictionary as text (never a stream's data). */
function dictionaryText(object: PDFObject): string {
  if (object instanceof RawStream) return Buffer.from(object.dict).toString('latin1');
  if (object instanceof PDFRawStream || object instanceof PDFStream) return object.dict.toString();
  return object.toString();
}

/** Object numbers an exhibit brought in: those above `after`, up to and including `upTo`. */
export interface ObjectRange {
  after: number;
  upTo: number;
}

/**
 * For each range (in loading order, so ascending and disjoint), what in its objects PDF/A-1 forbids, each named
 * once; an empty list when nothing was found. One pass over the document, however many exhibits.
 */
export function pdfaProblems(context: PDFContext, ranges: readonly ObjectRange[]): string[][] {
  const found = ranges.map(() => new Set<string>());
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    const owner = rangeHolding(ranges, ref.objectNumber);
    if (owner < 0) continue;
    const text = dictionaryText(object);
    for (const [problem, breaks] of RULES) if (!found[owner].has(problem) && breaks(text)) found[owner].add(problem);
  }
  return found.map((set) => RULES.map(([problem]) => problem).filter((p) => set.has(p)));
}

function rangeHolding(ranges: readonly ObjectRange[], objectNumber: number): number {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (objectNumber <= ranges[mid].after) high = mid - 1;
    else if (objectNumber > ranges[mid].upTo) low = mid + 1;
    else return mid;
  }
  return -1;
}
