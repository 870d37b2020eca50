/*
 * A PDF file opened for copying, not for reading: objects are located through the cross-reference and
 * returned as byte ranges; object streams are inflated once each; the page tree is walked to list the pages
 * with the attributes they inherit (§7.7.3.4). Nothing else of the file is looked at.
 */
import { RawPdfError, readDict, readNumberArray, readRefArray, readScalar, scanValue, skipSpace, type DictEntries, type Span } from './lexer';
import { DestinationResolver, type ObjectSource } from './destinations';
import { InflateLimitError, MAX_INFLATED_STREAM_BYTES } from '../../evidence/inflate-limits';
import { checkStreamEnd, decodeStreamData, objectHeader, readCrossReference, streamDataStart, type CrossReference } from './xref';

export type { Span } from './lexer';

/** One object's bytes: its value, and for a stream its dictionary and data. */
export interface RawObject {
  /** The buffer the ranges point into: the file, or an inflated object stream. */
  bytes: Uint8Array;
  start: number;
  end: number;
  /** A dictionary's entries (also a stream's), read once. */
  dict?: DictEntries;
  /** For a stream: where its data lies (the value range is then the dictionary). */
  stream?: { dict: DictEntries; dataStart: number; dataEnd: number };
}

export interface SourcePage {
  num: number;
  /** The page dictionary's own entries. */
  dict: DictEntries;
  bytes: Uint8Array;
  /** Inherited attributes, as byte ranges in the object that holds them. */
  inherited: Map<'Resources' | 'MediaBox' | 'CropBox' | 'Rotate', { bytes: Uint8Array; start: number; end: number }>;
}

const MAX_TREE_DEPTH = 64;
const MAX_HELD_OBJECT_STREAM_BYTES = 4 * MAX_INFLATED_STREAM_BYTES;
const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

export class SourcePdf implements ObjectSource {
  private readonly xref: CrossReference;
  private readonly objectStreams = new Map<number, { data: Uint8Array; offsets: number[]; first: number }>();
  /** Bytes of inflated object streams held: each is capped on its own, and together they are capped too. */
  private heldBytes = 0;
  private readonly cache = new Map<number, RawObject>();
  private pageList?: { pages: SourcePage[]; treeNodes: Set<number> };
  private resolver?: DestinationResolver;

  constructor(readonly file: Uint8Array) {
    this.xref = readCrossReference(file);
  }

  get encrypted(): boolean {
    return this.xref.trailer.has('Encrypt');
  }

  /** The object numbered `num`; throws RawPdfError if it is missing or its bytes are not where the index says. */
  object(num: number, gen = 0): RawObject {
    const cached = this.cache.get(num);
    if (cached) return cached;
    const entry = this.xref.entries.get(num);
    if (!entry) throw new RawPdfError(`object ${num} is not in the cross-reference`);
    let object: RawObject;
    if (entry.kind === 'offset') {
      if (entry.gen !== gen) throw new RawPdfError(`object ${num} has generation ${entry.gen}, not ${gen}`);
      const header = objectHeader(this.file, entry.offset);
      if (!header || header.num !== num) throw new RawPdfError(`object ${num} is not at its recorded offset`);
      object = this.readValue(this.file, header.body, true);
    } else {
      if (gen !== 0) throw new RawPdfError(`object ${num} in an object stream with generation ${gen}`);
      const stream = this.objectStream(entry.stream);
      if (entry.index >= stream.offsets.length) throw new RawPdfError(`object ${num} beyond its object stream's end`);
      object = this.readValue(stream.data, stream.first + stream.offsets[entry.index], false);
    }
    this.cache.set(num, object);
    return object;
  }

  /** A value given directly or by one reference, as the bytes it is found in. */
  resolve(where: Span): Span {
    const v = readScalar(where.bytes, where.start, where.end);
    if (v.kind !== 'ref') return { bytes: where.bytes, start: skipSpace(where.bytes, where.start), end: where.end };
    const o = this.object(v.num, v.gen);
    return { bytes: o.bytes, start: o.start, end: o.end };
  }

  /** A dictionary given directly or by one reference; undefined when the value is something else. */
  resolveDict(where: Span): { bytes: Uint8Array; entries: DictEntries } | undefined {
    const v = this.resolve(where);
    if (v.bytes[v.start] !== 0x3c || v.bytes[v.start + 1] !== 0x3c) return undefined;
    return { bytes: v.bytes, entries: readDict(v.bytes, v.start).entries };
  }

  /** The dictionary `num` (a stream's dictionary for a stream). */
  dict(num: number, gen = 0): { bytes: Uint8Array; entries: DictEntries } {
    const o = this.object(num, gen);
    if (!o.dict) throw new RawPdfError(`object ${num} is not a dictionary`);
    return { bytes: o.bytes, entries: o.dict };
  }

  /** The entry `key` of a dictionary resolved through one reference, for numbers such as a stream's /Length. */
  number(bytes: Uint8Array, range: { start: number; end: number }): number {
    const v = readScalar(bytes, range.start, range.end);
    if (v.kind === 'number') return v.value;
    if (v.kind === 'ref') {
      const o = this.object(v.num, v.gen);
      const inner = readScalar(o.bytes, o.start, o.end);
      if (inner.kind === 'number') return inner.value;
    }
    throw new RawPdfError('a number expected');
  }

  private readValue(bytes: Uint8Array, at: number, mayBeStream: boolean): RawObject {
    const start = skipSpace(bytes, at);
    if (bytes[start] !== 0x3c || bytes[start + 1] !== 0x3c) return { bytes, start, end: scanValue(bytes, start) };
    const { entries, end } = readDict(bytes, start);
    const after = skipSpace(bytes, end);
    if (!mayBeStream || bytes[after] !== 0x73 /* s */) return { bytes, start, end, dict: entries };
    const dataStart = streamDataStart(bytes, end);
    const length = entries.get('Length');
    if (!length) throw new RawPdfError('a stream without /Length');
    const dataEnd = dataStart + this.number(bytes, length);
    if (dataEnd > bytes.length) throw new RawPdfError('a stream longer than the file');
    checkStreamEnd(bytes, dataEnd);
    return { bytes, start, end, dict: entries, stream: { dict: entries, dataStart, dataEnd } };
  }

  private objectStream(num: number) {
    const known = this.objectStreams.get(num);
    if (known) return known;
    const o = this.object(num);
    if (!o.stream) throw new RawPdfError(`object stream ${num} is not a stream`);
    const { dict, dataStart, dataEnd } = o.stream;
    const data = decodeStreamData(o.bytes, dict, o.bytes.subarray(dataStart, dataEnd));
    this.heldBytes += data.length;
    if (this.heldBytes > MAX_HELD_OBJECT_STREAM_BYTES) throw new InflateLimitError(MAX_HELD_OBJECT_STREAM_BYTES);
    const n = this.number(o.bytes, dict.get('N') ?? { start: 0, end: 0 });
    const first = this.number(o.bytes, dict.get('First') ?? { start: 0, end: 0 });
    const offsets: number[] = [];
    let at = 0;
    for (let i = 0; i < n; i++) {
      at = scanValue(data, at); // object number
      const offsetStart = skipSpace(data, at);
      at = scanValue(data, offsetStart);
      const v = readScalar(data, offsetStart, at);
      if (v.kind !== 'number' || first + v.value > data.length) throw new RawPdfError(`a malformed object stream ${num}`);
      offsets.push(v.value);
    }
    const stream = { data, offsets, first };
    this.objectStreams.set(num, stream);
    return stream;
  }

  /** The catalog's object number. */
  get root(): number {
    const root = this.xref.trailer.get('Root');
    const v = root && readScalar(this.file, root.start, root.end);
    if (v?.kind !== 'ref') throw new RawPdfError('a trailer without /Root');
    return v.num;
  }

  /** Named destinations resolved to explicit ones, the name tree read once. */
  get destinations(): DestinationResolver {
    this.resolver ??= new DestinationResolver(this);
    return this.resolver;
  }

  /** The pages in order, and the page-tree nodes above them (which a copy leaves behind). */
  pages(): { pages: SourcePage[]; treeNodes: Set<number> } {
    this.pageList ??= this.readPageTree();
    return this.pageList;
  }

  private readPageTree(): { pages: SourcePage[]; treeNodes: Set<number> } {
    const catalog = this.dict(this.root);
    const top = catalog.entries.get('Pages');
    const topRef = top && readScalar(catalog.bytes, top.start, top.end);
    if (topRef?.kind !== 'ref') throw new RawPdfError('a catalog without /Pages');
    const pages: SourcePage[] = [];
    const treeNodes = new Set<number>();
    const visited = new Set<number>();
    const walk = (num: number, gen: number, inherited: SourcePage['inherited'], depth: number) => {
      if (visited.has(num) || depth > MAX_TREE_DEPTH) throw new RawPdfError('a page tree that loops');
      visited.add(num);
      const node = this.dict(num, gen);
      const own = new Map(inherited);
      for (const key of INHERITABLE) {
        const e = node.entries.get(key);
        if (e) own.set(key, { bytes: node.bytes, start: e.start, end: e.end });
      }
      const type = node.entries.get('Type');
      const typeName = type && readScalar(node.bytes, type.start, type.end);
      const kids = node.entries.get('Kids');
      if (typeName?.kind === 'name' && typeName.value === 'Page') {
        pages.push({ num, dict: node.entries, bytes: node.bytes, inherited: own });
        return;
      }
      if (!kids) throw new RawPdfError(`page-tree node ${num} has no /Kids`);
      treeNodes.add(num);
      const refs = readRefArray(node.bytes, kids.start, kids.end);
      if (!refs) throw new RawPdfError(`page-tree node ${num} has /Kids that are not references`);
      for (const kid of refs) walk(kid.num, kid.gen, own, depth + 1);
    };
    walk(topRef.num, topRef.gen, new Map(), 0);
    return { pages, treeNodes };
  }

  /** A rectangle such as /MediaBox, as four numbers. */
  rectangle(range: { bytes: Uint8Array; start: number; end: number }): number[] {
    let { bytes, start, end } = range;
    const v = readScalar(bytes, start, end);
    if (v.kind === 'ref') ({ bytes, start, end } = this.object(v.num, v.gen));
    const numbers = readNumberArray(bytes, start, end);
    if (!numbers || numbers.length !== 4) throw new RawPdfError('a page rectangle that is not four numbers');
    return numbers;
  }
}
