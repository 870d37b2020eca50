/*
 * Destinations in an exhibit (§12.3.2): where its bookmarks and links go. An explicit destination is an array
 * [page /XYZ left top zoom] (or /Fit, /FitH top…); a named one is a name looked up in the catalog's /Dests
 * dictionary (PDF 1.1) or a string looked up in the /Dests name tree of the catalog's /Names (PDF 1.2 on).
 *
 * The dossier leaves an exhibit's catalog behind, so named destinations would point nowhere in the output:
 * they are resolved here to the explicit arrays they name, which are copied with the exhibit's pages.
 */
import { RawPdfError, arrayElements, bytesEqual, readScalar, readStringBytes, skipSpace, type DictEntries, type Span } from './lexer';

/** What resolving destinations needs of a parsed PDF (document.ts's SourcePdf), so this file does not depend on it. */
export interface ObjectSource {
  /** The catalog's object number. */
  readonly root: number;
  resolve(where: Span): Span;
  resolveDict(where: Span): { bytes: Uint8Array; entries: DictEntries } | undefined;
  dict(num: number, gen?: number): { bytes: Uint8Array; entries: DictEntries };
}

const MAX_DEPTH = 32;
/** Beyond this many names the tree is read no further: links to names past it stay as they are. */
const MAX_NAMES = 100_000;
const VIEWS = new Set(['XYZ', 'Fit', 'FitH', 'FitV', 'FitR', 'FitB', 'FitBH', 'FitBV']);

/** An explicit destination read into parts: the page it names, and how the viewer should show it. */
export interface ExplicitDestination {
  /** The page's object number (or, as some writers put it, its 0-based index). */
  page: { num: number } | { index: number };
  view: { fit: string; params: (number | null)[] };
}

export class DestinationResolver {
  private dests?: { bytes: Uint8Array; entries: DictEntries };
  private names?: Map<string, Span>;

  constructor(private readonly source: ObjectSource) {}

  /**
   * The explicit array a destination comes to: itself when it is one; for a name or a string, the array it
   * names (a named entry may also be a dictionary whose /D is the array). Undefined when it names nothing, or
   * nothing that can be read: the link or bookmark then stays as it was, and the exhibit's pages are copied all
   * the same.
   */
  explicit(span: Span): Span | undefined {
    try {
      return this.lookUp(span);
    } catch (error) {
      if (error instanceof RawPdfError) return undefined;
      throw error;
    }
  }

  private lookUp(span: Span): Span | undefined {
    const v = this.source.resolve(span);
    const c = v.bytes[v.start];
    if (c === 0x5b /* [ */) return v;
    let target: Span | undefined;
    if (c === 0x2f /* / */) {
      const name = readScalar(v.bytes, v.start, v.end);
      if (name.kind === 'name') target = this.namedInDests(name.value);
    } else if (c === 0x28 /* ( */ || c === 0x3c /* < */) {
      const key = readStringBytes(v.bytes, v.start, v.end);
      if (key) target = this.nameTree().get(Buffer.from(key).toString('latin1'));
    }
    if (!target) return undefined;
    const resolved = this.source.resolve(target);
    if (resolved.bytes[resolved.start] === 0x5b) return resolved;
    const d = this.source.resolveDict(resolved)?.entries.get('D');
    if (!d) return undefined;
    const inner = this.source.resolve({ bytes: resolved.bytes, ...d });
    return inner.bytes[inner.start] === 0x5b ? inner : undefined;
  }

  /** An explicit array read into its page and view; undefined when it is not a destination. */
  read(span: Span): ExplicitDestination | undefined {
    const elements = arrayElements(span.bytes, span.start, span.end);
    if (!elements.length) return undefined;
    const first = readScalar(span.bytes, elements[0].start, elements[0].end);
    const page = first.kind === 'ref' ? { num: first.num } : first.kind === 'number' && Number.isInteger(first.value) ? { index: first.value } : undefined;
    if (!page) return undefined;
    const fit = elements[1] && readScalar(span.bytes, elements[1].start, elements[1].end);
    if (fit?.kind !== 'name' || !VIEWS.has(fit.value)) return { page, view: { fit: 'Fit', params: [] } };
    const params: (number | null)[] = [];
    for (const e of elements.slice(2, 6)) {
      const p = readScalar(span.bytes, e.start, e.end);
      if (p.kind === 'number' && Number.isFinite(p.value)) params.push(p.value);
      else if (bytesEqual(span.bytes, skipSpace(span.bytes, e.start), e.end, 'null')) params.push(null);
      else return { page, view: { fit: 'Fit', params: [] } };
    }
    return { page, view: { fit: fit.value, params } };
  }

  private catalog(): { bytes: Uint8Array; entries: DictEntries } {
    return this.source.dict(this.source.root);
  }

  private namedInDests(name: string): Span | undefined {
    if (!this.dests) {
      const catalog = this.catalog();
      const at = catalog.entries.get('Dests');
      this.dests = (at && this.source.resolveDict({ bytes: catalog.bytes, ...at })) || { bytes: catalog.bytes, entries: new Map() };
    }
    const at = this.dests.entries.get(name);
    return at && { bytes: this.dests.bytes, ...at };
  }

  /** Every entry of the /Dests name tree, read once, keyed by the string's bytes. */
  private nameTree(): Map<string, Span> {
    if (this.names) return this.names;
    const names = new Map<string, Span>();
    this.names = names;
    const catalog = this.catalog();
    const at = catalog.entries.get('Names');
    const namesDict = at && this.source.resolveDict({ bytes: catalog.bytes, ...at });
    const root = namesDict?.entries.get('Dests');
    if (!root) return names;
    const visited = new Set<number>();
    const walk = (node: Span, depth: number) => {
      if (depth > MAX_DEPTH || names.size >= MAX_NAMES) return;
      const ref = readScalar(node.bytes, node.start, node.end);
      if (ref.kind === 'ref') {
        if (visited.has(ref.num)) return; // a loop
        visited.add(ref.num);
      }
      const d = this.source.resolveDict(node);
      if (!d) return;
      const pairs = d.entries.get('Names');
      if (pairs) {
        const array = this.source.resolve({ bytes: d.bytes, ...pairs });
        const elements = arrayElements(array.bytes, array.start, array.end);
        for (let i = 0; i + 1 < elements.length; i += 2) {
          const key = readStringBytes(array.bytes, elements[i].start, elements[i].end);
          if (key) names.set(Buffer.from(key).toString('latin1'), { bytes: array.bytes, ...elements[i + 1] });
        }
      }
      const kids = d.entries.get('Kids');
      if (kids) {
        const array = this.source.resolve({ bytes: d.bytes, ...kids });
        for (const kid of arrayElements(array.bytes, array.start, array.end)) walk({ bytes: array.bytes, ...kid }, depth + 1);
      }
    };
    walk({ bytes: namesDict!.bytes, ...root }, 0);
    return names;
  }
}
