/*
 * The persisted index: one file, <library>/.index/search-index.bin, derived data that is safe to delete.
 *
 *   "CFSEARCH"  magic, 8 bytes
 *   u32         length of the header (little-endian)
 *   header      JSON: format, text and phrase-index versions, the library's id, each case's id, state and the
 *               fingerprint (SHA-256) of the case file it was indexed from, each attachment text file's
 *               size and mtime, average field lengths, the sections' places, and a CRC-32 of the body
 *   body        sections of raw typed arrays, each 8-byte aligned, viewed in place after loading
 *
 * Written whole with writeFileDurably (temp, fsync, rename), so a reader sees the old index or the new one.
 * Any mismatch (wrong magic, format, library, checksum, a section out of bounds) is reported as a reason
 * and the caller rebuilds; a bad index never throws and never loses anything but time.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { isErrno, writeFileDurably } from '../storage/durable-write';
import type { TextStamp } from './attachment-text';
import { Column } from './columns';
import type { FieldName } from './documents';
import { PHRASE_FORMAT, PhraseStreams, Vocabulary } from './phrase-index';
import { SearchIndex, type BaseSegment, type CaseTable, type DocColumns } from './search-index';
import { TEXT_VERSION } from './text';

export const INDEX_DIR = '.index';
export const INDEX_FILE = 'search-index.bin';
/** Bumped whenever the layout or the meaning of what is stored changes. */
export const INDEX_FORMAT = 2;
const MAGIC = Buffer.from('CFSEARCH', 'latin1');

export function indexPath(libraryDir: string): string {
  return path.join(libraryDir, INDEX_DIR, INDEX_FILE);
}

export interface IndexManifest {
  format: number;
  textVersion: number;
  /** The version of the word streams (phrase-index.ts), on its own: an index saved without them, or with others, is rebuilt. */
  phraseFormat: number;
  libraryId: string;
  writtenAt: string;
  documents: number;
  averages: Record<FieldName, number>;
  cases: { id: string; live: boolean; status: number; fingerprint?: string }[];
  /** Attachment text files indexed, by SHA-256: their size and mtime when read. */
  attachmentTexts: Record<string, TextStamp>;
}

interface Header extends IndexManifest {
  sections: Record<string, { offset: number; length: number }>;
  bodyCrc32: number;
}

type SectionValue = Uint8Array | Uint32Array | Int32Array;

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** The index file as chunks: a header, then each section (views of the index's own arrays) and padding. */
export function serialiseIndex(index: SearchIndex, manifest: Omit<IndexManifest, 'documents' | 'averages' | 'cases'>): Uint8Array[] {
  const base = index.segment;
  const docs = index.docs;
  const n = docs.kind.length;
  const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
  const sections: [string, SectionValue][] = [
    ['terms', Buffer.from(base.terms.join('\n'), 'utf8')],
    ['termStart', base.termStart],
    ['postDoc', base.postDoc],
    ['postImpact', base.postImpact],
    ['tags', json(base.tags)],
    ['tagStart', base.tagStart],
    ['tagDoc', base.tagDoc],
    ['caseSlot', docs.caseSlot.view()],
    ['kind', docs.kind.view()],
    ['sub', docs.sub.view()],
    ['reliability', docs.reliability.view()],
    ['dateFrom', docs.dateFrom.view()],
    ['dateTo', docs.dateTo.view()],
    ['page', docs.page.view()],
    ['folds', docs.folds.view()],
    ['titleOrder', index.titleOrderOfBase()],
    ['phraseWords', Buffer.from(index.phrases.vocabulary.words.join('\n'), 'utf8')],
    ['phraseStart', index.phrases.segment.start],
    ['phraseBytes', index.phrases.segment.bytes],
    ['strings', json({ recordId: docs.recordId, attachmentId: docs.attachmentId.map((v) => v ?? null), pageLabel: docs.pageLabel.map((v) => v ?? null), titleKey: docs.titleKey })],
  ];
  // Laid out and checksummed section by section and written as chunks: an index of tens of megabytes is
  // never copied.
  const placed: Record<string, { offset: number; length: number }> = {};
  let offset = 0;
  let crc = 0;
  const zeros = Buffer.alloc(8);
  for (const [name, value] of sections) {
    placed[name] = { offset, length: value.length };
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    // Node 20's crc32 of a view of an empty ArrayBuffer (no tags: an empty tagDoc) returns 0, not the running
    // value, and the index would be read back as damaged.
    if (bytes.byteLength > 0) crc = zlib.crc32(bytes, crc);
    const end = offset + value.byteLength;
    if (align8(end) > end) crc = zlib.crc32(zeros.subarray(0, align8(end) - end), crc);
    offset = align8(end);
  }
  const cases = index.cases.ids.map((id, slot) => ({ id, live: index.cases.live.get(slot) === 1, status: index.cases.status.get(slot), fingerprint: index.cases.fingerprints[slot] }));
  const header: Header = { ...manifest, documents: n, averages: index.averages, cases, sections: placed, bodyCrc32: crc };
  const headerBytes = json(header);
  const prefix = Buffer.alloc(align8(12 + headerBytes.length));
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(prefix, 12);
  const chunks: Uint8Array[] = [prefix];
  for (const [, value] of sections) {
    chunks.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    const pad = align8(value.byteLength) - value.byteLength;
    if (pad > 0) chunks.push(zeros.subarray(0, pad));
  }
  return chunks;
}

export async function writeIndexFile(libraryDir: string, chunks: readonly Uint8Array[]): Promise<void> {
  await fs.mkdir(path.join(libraryDir, INDEX_DIR), { recursive: true });
  await writeFileDurably(indexPath(libraryDir), chunks);
}

export type LoadOutcome = { ok: true; index: SearchIndex; manifest: IndexManifest } | { ok: false; reason: string };

export async function readIndexFile(libraryDir: string, expect: { libraryId: string }): Promise<LoadOutcome> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(indexPath(libraryDir));
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return { ok: false, reason: 'there is no saved index' };
    return { ok: false, reason: `the saved index could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  return deserialiseIndex(bytes, expect);
}

export function deserialiseIndex(bytes: Buffer, expect: { libraryId: string }): LoadOutcome {
  const fail = (reason: string): LoadOutcome => ({ ok: false, reason });
  if (bytes.length < 12 || !bytes.subarray(0, 8).equals(MAGIC)) return fail('the saved index is not an index file');
  const headerLength = bytes.readUInt32LE(8);
  if (12 + headerLength > bytes.length) return fail('the saved index is truncated');
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(12, 12 + headerLength).toString('utf8')) as Header;
  } catch {
    return fail('the saved index has a damaged header');
  }
  if (header.format !== INDEX_FORMAT || header.textVersion !== TEXT_VERSION || header.phraseFormat !== PHRASE_FORMAT) return fail('the saved index was made by another version of Casefolio');
  if (header.libraryId !== expect.libraryId) return fail('the saved index belongs to another library');
  const bodyStart = align8(12 + headerLength);
  const body = bytes.subarray(bodyStart);
  if (zlib.crc32(body) !== header.bodyCrc32) return fail('the saved index is damaged (its checksum does not match)');
  try {
    return { ok: true, index: materialise(header, body), manifest: header };
  } catch (error) {
    return fail(`the saved index is inconsistent (${(error as Error).message})`);
  }
}

function materialise(header: Header, body: Buffer): SearchIndex {
  const section = <T extends SectionValue>(name: string, Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number }): T => {
    const place = header.sections[name];
    if (!place) throw new Error(`no ${name} section`);
    const byteLength = place.length * Type.BYTES_PER_ELEMENT;
    if (place.offset + byteLength > body.length) throw new Error(`the ${name} section is out of bounds`);
    const at = body.byteOffset + place.offset;
    if (at % Type.BYTES_PER_ELEMENT === 0) return new Type(body.buffer, at, place.length);
    const copy = new Type(place.length);
    new Uint8Array(copy.buffer).set(body.subarray(place.offset, place.offset + byteLength));
    return copy;
  };
  const text = (name: string) => Buffer.from(section(name, Uint8Array)).toString('utf8');
  const n = header.documents;
  const terms = n === 0 && header.sections.terms.length === 0 ? [] : text('terms').split('\n');
  const termStart = section('termStart', Uint32Array);
  const postDoc = section('postDoc', Uint32Array);
  const base: BaseSegment = {
    terms: termStart.length === 1 ? [] : terms,
    termStart,
    postDoc,
    postImpact: section('postImpact', Uint8Array),
    tags: JSON.parse(text('tags')) as string[],
    tagStart: section('tagStart', Uint32Array),
    tagDoc: section('tagDoc', Uint32Array),
  };
  if (base.termStart.length !== base.terms.length + 1 || base.termStart[base.terms.length] !== postDoc.length) throw new Error('term table');
  if (base.tagStart.length !== base.tags.length + 1) throw new Error('tag table');
  for (let i = 0; i < postDoc.length; i++) if (postDoc[i] >= n) throw new Error('a posting points past the documents');
  const strings = JSON.parse(text('strings')) as { recordId: string[]; attachmentId: (string | null)[]; pageLabel: (string | null)[]; titleKey: string[] };
  const column = <T extends SectionValue>(name: string, Type: Parameters<typeof section<T>>[1]) => {
    const values = section(name, Type);
    if (values.length !== n) throw new Error(`the ${name} column has the wrong length`);
    return new Column(Type as never, values, n) as Column<T>;
  };
  const alive = new Column(Uint8Array, new Uint8Array(Math.max(16, n)).fill(1), n);
  const docs: DocColumns = {
    caseSlot: column('caseSlot', Uint32Array),
    kind: column('kind', Uint8Array),
    sub: column('sub', Uint8Array),
    reliability: column('reliability', Uint8Array),
    dateFrom: column('dateFrom', Int32Array),
    dateTo: column('dateTo', Int32Array),
    alive,
    folds: column('folds', Uint8Array),
    page: column('page', Int32Array),
    recordId: strings.recordId,
    attachmentId: strings.attachmentId.map((v) => v ?? undefined),
    pageLabel: strings.pageLabel.map((v) => v ?? undefined),
    titleKey: strings.titleKey,
  };
  if (strings.recordId.length !== n) throw new Error('the record ids do not match the documents');
  const cases: CaseTable = {
    ids: header.cases.map((c) => c.id),
    live: new Column(Uint8Array, Uint8Array.from(header.cases.map((c) => (c.live ? 1 : 0))), header.cases.length),
    status: new Column(Uint8Array, Uint8Array.from(header.cases.map((c) => c.status)), header.cases.length),
    fingerprints: header.cases.map((c) => c.fingerprint),
  };
  for (let d = 0; d < n; d++) if (docs.caseSlot.get(d) >= cases.ids.length) throw new Error('a document points past the cases');
  const index = new SearchIndex(base, docs, cases, header.averages, phraseStreams(section, text, n));
  if (header.sections.titleOrder) {
    const order = section('titleOrder', Uint32Array);
    if (order.length === n && order.every((d) => d < n)) index.adoptTitleOrder(order);
  }
  return index;
}

/** The word streams of the `n` documents, checked to fit them. */
function phraseStreams(section: <T extends SectionValue>(name: string, Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number }) => T, text: (name: string) => string, n: number): PhraseStreams {
  const words = text('phraseWords');
  const start = section('phraseStart', Uint32Array);
  const bytes = section('phraseBytes', Uint8Array);
  if (start.length !== n + 1 || start[0] !== 0 || start[n] !== bytes.length) throw new Error('the word streams do not match the documents');
  for (let d = 0; d < n; d++) if (start[d] > start[d + 1]) throw new Error('the word streams are out of order');
  return new PhraseStreams({ start, bytes }, new Vocabulary(words.length === 0 ? [] : words.split('\n')));
}
