/*
 * Attachments are stored once per case, at cases/<case-id>/files/<sha256>, and never modified. The name a
 * user's file had is kept only as display text: it never becomes part of a path. The media type is read
 * from the content where it can be (a PNG named "report.pdf" is recorded as image/png) and from the name
 * only for formats without a signature, such as plain text.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Attachment, LIMITS, RecordId, Sha256, type CaptureInfo, type CaseFile } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary, Draft } from '../case-library';
import { isErrno } from '../storage/durable-write';
import { HEAD_BYTES, storeStreamOnce } from '../storage/content-store';
import { attachmentTooLarge, openAttachmentFile } from './attachment-file';
import { findRecord, SOURCE_KIND } from './records';

export const MAX_ATTACHMENT_BYTES = LIMITS.attachmentBytes;

/**
 * The display name: the last path segment, without control characters or bidirectional overrides (which
 * can make "report\u202Etxt.exe" read as "reportexe.txt"), at most 255 characters.
 */
export function displayFileName(name: string): string {
  const last = name.split(/[\\/]/).filter(Boolean).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let clean = last.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (/^[.\s]*$/.test(clean)) clean = '';
  if (clean.length > 255) {
    // At most 255 UTF-16 units (the schema's limit), cut between code points so no emoji is split in half.
    const ext = [...path.extname(clean)].slice(0, 16).join('');
    let stem = '';
    for (const char of clean.slice(0, clean.length - path.extname(clean).length)) {
      if (stem.length + char.length + ext.length > 255) break;
      stem += char;
    }
    clean = stem + ext;
  }
  return clean || 'attachment';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function detectMediaType(bytes: Uint8Array, fileName: string, claimed?: string): Promise<string> {
  // Loaded when a file arrives, not when a library opens: the sniffers and text decoders are large.
  const [{ fileTypeFromBuffer }, { default: mime }, { decodePlainText }] = await Promise.all([import('file-type'), import('mime'), import('../evidence/html-text')]);
  // A UTF-16 text file (Windows Notepad's "Unicode") begins FF FE, which file-type takes for an MP3 frame.
  if (hasUtf16Mark(bytes) && decodePlainText(bytes)) {
    const byName = mime.getType(fileName);
    return byName?.startsWith('text/') ? byName : 'text/plain';
  }
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed) return sniffed.mime;
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'text/html';
  const byName = mime.getType(fileName);
  const candidate = byName ?? claimed;
  if (candidate && Attachment.shape.mediaType.safeParse(candidate).success) return candidate;
  return 'application/octet-stream';
}

const hasUtf16Mark = (b: Uint8Array) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

export function attachmentPath(lib: CaseLibrary, caseId: string, sha256: string): string {
  return path.join(lib.read.filesDir(RecordId.parse(caseId)), Sha256.parse(sha256));
}

export async function readAttachment(lib: CaseLibrary, caseId: string, sha256: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(attachmentPath(lib, caseId, sha256));
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/** A stored file's SHA-256, size and first bytes, read as a stream (memory flat whatever its size); undefined if missing. */
export async function fingerprintAttachment(lib: CaseLibrary, caseId: string, sha256: string): Promise<{ sha256: string; size: number; head: Uint8Array } | undefined> {
  const hash = createHash('sha256');
  const head = Buffer.alloc(HEAD_BYTES);
  let size = 0;
  try {
    for await (const chunk of createReadStream(attachmentPath(lib, caseId, sha256), { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      if (size < HEAD_BYTES) chunk.copy(head, size, 0, HEAD_BYTES - size);
      size += chunk.length;
      hash.update(chunk);
    }
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  return { sha256: hash.digest('hex'), size, head: head.subarray(0, Math.min(size, HEAD_BYTES)) };
}

export interface NewAttachment {
  fileName: string;
  /** The content: bytes in memory, or chunks read from a file (never joined in memory). */
  bytes: Uint8Array | AsyncIterable<Uint8Array>;
  mediaType?: string;
  /** How the file was captured from the web, when it was. */
  capture?: CaptureInfo;
}

export interface StoredFile {
  caseId: string;
  sha256: string;
  size: number;
  fileName: string;
  mediaType: string;
  /** True when this call wrote the file (it was not in the case folder before). */
  written: boolean;
}

/**
 * Puts a file's bytes into a case's content store and derives its text for search, before any record
 * refers to it: by the time a change naming the file is saved (and observers such as the search index
 * hear of it), the file and its text are on disk. Records nothing; pair it with `attachStoredFile`.
 * The bytes are hashed and written as they stream in, so a file of hundreds of megabytes is never in memory.
 */
export async function storeFile(lib: CaseLibrary, caseId: string, input: NewAttachment): Promise<StoredFile> {
  await lib.assertWriter(); // nothing stored by a read-only or superseded writer
  const chunks = input.bytes instanceof Uint8Array ? [input.bytes] : input.bytes;
  const streamed = await storeStreamOnce(lib.read.filesDir(RecordId.parse(caseId)), chunks, {
    maxBytes: MAX_ATTACHMENT_BYTES,
    tooLarge: (size) => attachmentTooLarge(size, MAX_ATTACHMENT_BYTES),
  });
  const fileName = displayFileName(input.fileName);
  const mediaType = await detectMediaType(streamed.head, fileName, input.mediaType);
  try {
    const { deriveText } = await import('../evidence/extracted-text');
    await deriveText(lib.dir, streamed.sha256, attachmentPath(lib, caseId, streamed.sha256), mediaType);
  } catch {
    // The text is derived data: if it cannot be written now, `casefolio extract-text` derives it later.
  }
  return { caseId, sha256: streamed.sha256, size: streamed.size, fileName, mediaType, written: streamed.written };
}

/** Inside a change: records a stored file on a source (or returns the attachment already there for it). */
export function attachStoredFile(lib: CaseLibrary, draft: Draft, stored: StoredFile, sourceId: string, capture?: CaptureInfo): Attachment {
  const source = findRecord(draft.case(stored.caseId), SOURCE_KIND, sourceId);
  const existing = source.attachments.find((a) => a.sha256 === stored.sha256);
  if (existing) return existing;
  const attachment = Attachment.parse({
    id: lib.newId('att'),
    fileName: stored.fileName,
    mediaType: stored.mediaType,
    size: stored.size,
    sha256: stored.sha256,
    addedAt: draft.now,
    ...(capture ? { capture } : {}),
  });
  source.attachments.push(attachment);
  return attachment;
}

function referencesFile(file: CaseFile | undefined, sha256: string): boolean {
  return Boolean(file?.sources.some((s) => s.attachments.some((a) => a.sha256 === sha256)));
}

/**
 * After a change that would have referred to a newly stored file failed: removes the file again, so a
 * failed attach or capture leaves nothing behind. A file another record has come to use is kept.
 */
export async function discardUnusedFile(lib: CaseLibrary, stored: StoredFile): Promise<void> {
  if (!stored.written || referencesFile(lib.read.caseFile(stored.caseId), stored.sha256)) return;
  await fs.rm(attachmentPath(lib, stored.caseId, stored.sha256), { force: true }).catch(() => undefined);
}

export async function addAttachment(lib: CaseLibrary, caseKey: string, sourceId: string, input: NewAttachment): Promise<Attachment> {
  const file = lib.requireCase(caseKey);
  const caseId = file.case.id;
  findRecord(file, SOURCE_KIND, sourceId);
  const stored = await storeFile(lib, caseId, input);
  // The hash is known once the file is stored (streamed): the same file already on this source is not attached twice.
  const already = findRecord(lib.requireCase(caseId), SOURCE_KIND, sourceId).attachments.find((a) => a.sha256 === stored.sha256);
  if (already) return already;
  try {
    return await lib.mutate(`Attach “${stored.fileName}”`, (draft) => attachStoredFile(lib, draft, stored, sourceId, input.capture));
  } catch (error) {
    await discardUnusedFile(lib, stored);
    throw error;
  }
}

/**
 * Attaches a file named by a path (the command line): only a regular file, no symbolic link, at most
 * MAX_ATTACHMENT_BYTES, checked on the opened handle before a byte is read, then streamed into the store.
 */
export async function addAttachmentFromFile(lib: CaseLibrary, caseKey: string, sourceId: string, filePath: string): Promise<Attachment> {
  const file = lib.requireCase(caseKey);
  findRecord(file, SOURCE_KIND, sourceId);
  const opened = await openAttachmentFile(filePath, MAX_ATTACHMENT_BYTES);
  try {
    // highWaterMark: 1 MiB reads keep a 500 MB file's copy quick without holding more than a chunk or two.
    const chunks = opened.handle.createReadStream({ autoClose: false, highWaterMark: 1024 * 1024 });
    return await addAttachment(lib, caseKey, sourceId, { fileName: path.basename(filePath), bytes: chunks });
  } finally {
    await opened.handle.close();
  }
}

/** Detaches a file from a source. The stored file stays (other sources, or undo, may need it). */
export function removeAttachment(lib: CaseLibrary, caseKey: string, sourceId: string, attachmentId: string): Promise<void> {
  const file = lib.requireCase(caseKey);
  const source = findRecord(file, SOURCE_KIND, sourceId);
  const attachment = source.attachments.find((a) => a.id === attachmentId);
  if (!attachment) throw new ApiError('NOT_FOUND', `No attachment ${attachmentId} on the source “${source.title}”.`);
  return lib.mutate(`Detach “${attachment.fileName}”`, (draft) => {
    const target = findRecord(draft.case(file.case.id), SOURCE_KIND, sourceId);
    target.attachments = target.attachments.filter((a) => a.id !== attachmentId);
  });
}

/** Copies stored files between case folders, so a moved or copied source keeps its evidence. */
export async function copyAttachmentFiles(lib: CaseLibrary, fromCaseId: string, toCaseId: string, sha256s: string[]): Promise<void> {
  for (const sha of sha256s) {
    const from = attachmentPath(lib, fromCaseId, sha);
    try {
      await fs.access(from);
    } catch {
      throw new ApiError('NOT_FOUND', `An attachment file (${sha.slice(0, 12)}…) is missing from the case folder; run "casefolio check".`);
    }
    const copied = await storeStreamOnce(lib.read.filesDir(RecordId.parse(toCaseId)), createReadStream(from), {
      maxBytes: Number.MAX_SAFE_INTEGER,
      tooLarge: (size) => attachmentTooLarge(size, Number.MAX_SAFE_INTEGER),
    });
    // The copy is named by what was read: a stored file altered since it was added would land under another name.
    if (copied.sha256 !== sha) {
      if (copied.written) await fs.rm(attachmentPath(lib, toCaseId, copied.sha256), { force: true });
      throw new ApiError('CONFLICT', `An attachment file (${sha.slice(0, 12)}…) no longer matches its fingerprint; run "casefolio verify".`);
    }
  }
}
