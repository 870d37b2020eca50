/*
 * Copies every page of a PDF exhibit into the dossier without building pdf-lib's object model of it.
 *
 * pdf-lib's load + copyPages parses every object of the file into objects, then clones them: for a dossier
 * of many exhibits that was most of the merge's cost and a good share of its memory. Here the objects the
 * pages need are found through the file's cross-reference and copied as bytes with their references
 * renumbered (stream data is not even copied: the output points at the input's bytes). Only each page's own
 * dictionary is rebuilt, with its inherited attributes made explicit and its resources and fonts as pdf-lib
 * dictionaries, so that the dossier can stamp the page as it stamps any other.
 *
 * Left behind, as pdf-lib's copyPages leaves them: the page tree and the catalog (references to them become
 * null), and article beads (/B). A reference to another page of the same file points at that page's copy, and a
 * link to a named destination is given the explicit destination it names, since the names stay behind.
 *
 * The reader is strict: a file it cannot follow exactly (a damaged cross-reference, an unusual filter on an
 * object stream, a missing object, a content stream that does not decompress) throws RawPdfError, and the
 * caller falls back to pdf-lib's tolerant parser, which repairs what it can and reports what it cannot; the
 * repaired file, written again, then comes back here.
 */
import { InflateLimitError, inflateCapped } from '../../evidence/inflate-limits';
import { PDFDict, PDFNumber, PDFPage, PDFPageLeaf, type PDFArray, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { RawObject, SourcePage, SourcePdf, Span } from './document';
import { RawPdfError, readDict, readRefArray, readScalar, scanValue, skipSpace, type DictEntries } from './lexer';
import { renumber, renumberDict, type Rename } from './renumber';
import { RawResources, RawStream, RawValue, pdfName } from './objects';

export { RawPdfError } from './lexer';
export { SourcePdf } from './document';

/** Page entries rebuilt from the source rather than copied; /Parent and /B are left behind. */
const REBUILT = new Set(['Type', 'Parent', 'B', 'Resources', 'MediaBox', 'CropBox', 'Rotate', 'Contents']);

export function transplantPages(source: SourcePdf, out: PDFDocument): PDFPage[] {
  const { context } = out;
  const { pages, treeNodes } = source.pages();
  const pageRefs = new Map(pages.map((p) => [p.num, context.nextRef()]));
  const leftBehind = new Set([...treeNodes, source.root]);
  const copies = new Map<number, PDFRef>();
  const queue: number[] = [];

  /** Where a reference points in the dossier: a page's copy, an object's copy (queued), or nothing. */
  const target = (num: number, gen: number): PDFRef | undefined => {
    const page = pageRefs.get(num);
    if (page) return page;
    if (leftBehind.has(num)) return undefined;
    let ref = copies.get(num);
    if (!ref) {
      source.object(num, gen); // throws if the object is missing
      ref = context.nextRef();
      copies.set(num, ref);
      queue.push(num);
    }
    return ref;
  };
  // A page's font dictionary may name the same font dozens of times: each reference is spelt once.
  const spelt = new Map<number, { gen: number; text: string }>();
  const rename = (num: number, gen: number): string => {
    const known = spelt.get(num);
    if (known?.gen === gen) return known.text;
    const ref = target(num, gen);
    const text = ref ? `${ref.objectNumber} 0 R` : 'null';
    spelt.set(num, { gen, text });
    return text;
  };
  const raw = (bytes: Uint8Array, range: { start: number; end: number }) => new RawValue(renumber(bytes, range.start, range.end, rename));

  // Pages whose resources are the same bytes share one copy: most writers (pdf-lib among them) give every page its
  // own `<< /Font << /F1 5 0 R >> >>`, the same text each time. Within one file the same text means the same
  // dictionary, so it is read and renumbered once, and the dossier stamps one copy per exhibit, not one per page.
  const resourcesCache = new Map<string, PDFDict | RawResources>();
  const resources = (where: { bytes: Uint8Array; start: number; end: number }): PDFDict | RawResources => {
    const key = Buffer.from(where.bytes.buffer, where.bytes.byteOffset + where.start, where.end - where.start).toString('latin1').trim();
    const known = resourcesCache.get(key);
    if (known) return known;
    const dict = rawResources(source, where, rename) ?? dictOf(source, where, (bytes, entries) => {
      const d = context.obj({}) as PDFDict;
      for (const [key, range] of entries) {
        // The dossier adds its stamp fonts to /Font, so that one is copied as a dictionary, never a reference.
        d.set(pdfName(key), key === 'Font' ? raw(...directDict(source, { bytes, ...range })) : raw(bytes, range));
      }
      return d;
    });
    resourcesCache.set(key, dict);
    return dict;
  };

  // Pages of one size share one array for it (nothing changes a copied page's boxes in place): not five pdf-lib
  // objects per box on each of hundreds of pages, and the numbers are read once.
  const rectangles = new Map<string, PDFArray>();
  const rectangle = (where: { bytes: Uint8Array; start: number; end: number }): PDFArray => {
    const key = Buffer.from(where.bytes.buffer, where.bytes.byteOffset + where.start, where.end - where.start).toString('latin1');
    let known = rectangles.get(key);
    if (!known) {
      known = context.obj(source.rectangle(where)) as PDFArray;
      rectangles.set(key, known);
    }
    return known;
  };

  // A content stream shared by several pages (a letterhead, a blank page repeated) is inflated once to check it.
  const checked = new Set<number>();
  const copied = pages.map((page) => {
    const leaf = PDFPageLeaf.fromMapWithContext(new Map(), context, false);
    leaf.set(pdfName('Type'), pdfName('Page'));
    const mediaBox = page.inherited.get('MediaBox');
    if (!mediaBox) throw new RawPdfError(`page ${page.num} has no /MediaBox`);
    leaf.set(pdfName('MediaBox'), rectangle(mediaBox));
    const cropBox = page.inherited.get('CropBox');
    if (cropBox) leaf.set(pdfName('CropBox'), rectangle(cropBox));
    const rotate = page.inherited.get('Rotate');
    if (rotate) leaf.set(pdfName('Rotate'), PDFNumber.of(source.number(rotate.bytes, rotate)));
    const res = page.inherited.get('Resources');
    if (res) leaf.set(pdfName('Resources'), resources(res));
    const contents = contentStreams(source, page, checked).map((c) => target(c.num, c.gen)!);
    if (contents.length) leaf.set(pdfName('Contents'), context.obj(contents));
    for (const [key, range] of page.dict) if (!REBUILT.has(key)) leaf.set(pdfName(key), raw(page.bytes, range));
    const ref = pageRefs.get(page.num)!;
    context.assign(ref, leaf);
    return PDFPage.of(leaf, ref, out);
  });

  while (queue.length) {
    const num = queue.shift()!;
    const o = source.object(num);
    const ref = copies.get(num)!;
    const value = (!o.stream && withExplicitDestinations(source, o)) || o;
    const dict = renumber(value.bytes, value.start, value.end, rename);
    context.assign(ref, o.stream ? new RawStream(dict, o.bytes.subarray(o.stream.dataStart, o.stream.dataEnd)) : new RawValue(dict));
  }
  return copied;
}

/**
 * A copied dictionary whose named destinations — a link's /Dest, a GoTo action's /D, given in the dictionary or
 * in its /A — are replaced by the explicit arrays they name, since the exhibit's catalog, where the names are
 * looked up, is left behind. Undefined when there is nothing to replace (or a name is not found: such a link
 * led nowhere in the exhibit either).
 */
function withExplicitDestinations(source: SourcePdf, o: RawObject): Span | undefined {
  if (!o.dict) return undefined;
  const { bytes } = o;
  const replacements: { start: number; end: number; with: Uint8Array }[] = [];
  const consider = (range: { start: number; end: number }) => {
    const at = skipSpace(bytes, range.start);
    const named = bytes[at] === 0x2f || bytes[at] === 0x28 || (bytes[at] === 0x3c && bytes[at + 1] !== 0x3c);
    const explicit = named && source.destinations.explicit({ bytes, ...range });
    if (explicit) replacements.push({ start: at, end: range.end, with: explicit.bytes.subarray(explicit.start, scanValue(explicit.bytes, explicit.start)) });
  };
  const inDict = (entries: DictEntries) => {
    const dest = entries.get('Dest');
    if (dest) consider(dest);
    const s = entries.get('S');
    const d = entries.get('D');
    const kind = s && readScalar(bytes, s.start, s.end);
    if (d && kind?.kind === 'name' && kind.value === 'GoTo') consider(d);
  };
  inDict(o.dict);
  const action = o.dict.get('A');
  const actionAt = action && skipSpace(bytes, action.start);
  if (actionAt !== undefined && bytes[actionAt] === 0x3c && bytes[actionAt + 1] === 0x3c) inDict(readDict(bytes, actionAt).entries);
  if (!replacements.length) return undefined;
  replacements.sort((a, b) => a.start - b.start);
  const parts: Uint8Array[] = [];
  let from = o.start;
  for (const r of replacements) {
    parts.push(bytes.subarray(from, r.start), r.with);
    from = r.end;
  }
  parts.push(bytes.subarray(from, o.end));
  const joined = Buffer.concat(parts);
  return { bytes: joined, start: 0, end: joined.length };
}

/**
 * A page's resources copied as one run of bytes, when they are a dictionary (given directly or by reference) whose
 * /Font, if any, is a direct dictionary: the common case. Otherwise undefined, and they are rebuilt as a pdf-lib
 * dictionary whose /Font is copied inline (the dossier adds its stamp fonts to it, so it cannot stay shared).
 */
function rawResources(source: SourcePdf, where: { bytes: Uint8Array; start: number; end: number }, rename: Rename): RawResources | undefined {
  const v = readScalar(where.bytes, where.start, where.end);
  const o = v.kind === 'ref' ? source.object(v.num, v.gen) : where;
  if ('stream' in o && o.stream) return undefined;
  const start = skipSpace(o.bytes, o.start);
  if (o.bytes[start] !== 0x3c || o.bytes[start + 1] !== 0x3c) return undefined;
  const { bytes, nested } = renumberDict(o.bytes, start, rename, 'Font');
  return nested === 'not a dictionary' ? undefined : new RawResources(bytes, nested);
}

/** The bytes of a dictionary given directly or by reference. */
function directDict(source: SourcePdf, where: { bytes: Uint8Array; start: number; end: number }): [Uint8Array, { start: number; end: number }] {
  const v = readScalar(where.bytes, where.start, where.end);
  const o = v.kind === 'ref' ? source.object(v.num, v.gen) : where;
  const start = skipSpace(o.bytes, o.start);
  if (o.bytes[start] !== 0x3c || o.bytes[start + 1] !== 0x3c || ('stream' in o && o.stream)) throw new RawPdfError('a font resource that is not a dictionary');
  return [o.bytes, { start, end: o.end }];
}

/** A dictionary given directly or by reference, handed to `build` with the bytes its entries point into. */
function dictOf<T>(source: SourcePdf, where: { bytes: Uint8Array; start: number; end: number }, build: (bytes: Uint8Array, entries: DictEntries) => T): T {
  const v = readScalar(where.bytes, where.start, where.end);
  if (v.kind === 'ref') {
    const { bytes, entries } = source.dict(v.num, v.gen);
    return build(bytes, entries);
  }
  return build(where.bytes, readDict(where.bytes, where.start).entries);
}

/**
 * The page's content streams, each checked to decompress when it is Flate-encoded: a page whose content is
 * damaged would be damaged in the dossier too, and pdf-lib's path then says so.
 */
function contentStreams(source: SourcePdf, page: SourcePage, checked: Set<number>): { num: number; gen: number }[] {
  const entry = page.dict.get('Contents');
  if (!entry) return [];
  let refs: { num: number; gen: number }[] | undefined;
  const v = readScalar(page.bytes, entry.start, entry.end);
  if (v.kind === 'ref') {
    const target = source.object(v.num, v.gen);
    refs = target.stream ? [v] : readRefArray(target.bytes, target.start, target.end);
  } else {
    refs = readRefArray(page.bytes, entry.start, entry.end);
  }
  if (!refs) throw new RawPdfError(`page ${page.num} has /Contents that are not streams`);
  for (const ref of refs) {
    if (checked.has(ref.num)) continue;
    const o = source.object(ref.num, ref.gen);
    if (!o.stream) throw new RawPdfError(`page ${page.num} has content that is not a stream`);
    const filter = o.stream.dict.get('Filter');
    const name = filter && readScalar(o.bytes, filter.start, filter.end);
    if (name?.kind === 'name' && name.value === 'FlateDecode' && !o.stream.dict.has('DecodeParms')) {
      try {
        inflateCapped(o.bytes.subarray(o.stream.dataStart, o.stream.dataEnd));
      } catch (error) {
        // A stream that inflates past the cap is a decompression bomb, not damage: pdf-lib must not get it either.
        if (error instanceof InflateLimitError) throw error;
        throw new RawPdfError(`a content stream of page ${page.num} does not decompress`);
      }
    }
    checked.add(ref.num);
  }
  return refs;
}
