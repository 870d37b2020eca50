/*
 * The extracted text of attachments, as the evidence side stores it:
 *   <library>/.cache/text/<sha256>.json = { sha256, pages: [{ index, label, text }], truncated?, error? }
 * Read-only from here. A missing or unreadable file simply means "no text yet"; the index records each
 * file's size and modification time, so re-extracted text is picked up on the next open, or at once when
 * the extractor calls SearchService.attachmentTextChanged().
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Sha256 } from '../../shared/domain';
import { isErrno } from '../storage/durable-write';

export const TEXT_CACHE_DIR = path.join('.cache', 'text');

export const AttachmentText = z.object({
  sha256: Sha256,
  pages: z.array(z.object({ index: z.number().int().nonnegative(), label: z.string().max(200).optional(), text: z.string() })).max(100_000),
});
export type AttachmentText = z.infer<typeof AttachmentText>;

export interface TextStamp {
  size: number;
  mtimeMs: number;
}

export function attachmentTextPath(libraryDir: string, sha256: string): string {
  return path.join(libraryDir, TEXT_CACHE_DIR, `${Sha256.parse(sha256)}.json`);
}

export async function statAttachmentText(libraryDir: string, sha256: string): Promise<TextStamp | undefined> {
  try {
    const stat = await fs.stat(attachmentTextPath(libraryDir, sha256));
    return { size: stat.size, mtimeMs: Math.round(stat.mtimeMs) };
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
}

export async function readAttachmentText(libraryDir: string, sha256: string): Promise<AttachmentText | undefined> {
  let raw: string;
  try {
    raw = await fs.readFile(attachmentTextPath(libraryDir, sha256), 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
  try {
    const parsed = AttachmentText.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.sha256 === sha256 ? parsed.data : undefined;
  } catch {
    return undefined; // a damaged cache entry is as good as none
  }
}

/** A small cache of attachment texts by SHA-256, bounded by total characters (the least recently used go first). */
export class AttachmentTextCache {
  private readonly entries = new Map<string, AttachmentText | null>();
  private chars = 0;

  constructor(
    private readonly libraryDir: string,
    private readonly maxChars = 32 * 1024 * 1024,
  ) {}

  get(sha256: string): AttachmentText | undefined {
    const entry = this.entries.get(sha256);
    if (entry === undefined) return undefined;
    this.entries.delete(sha256);
    this.entries.set(sha256, entry);
    return entry ?? undefined;
  }

  has(sha256: string): boolean {
    return this.entries.has(sha256);
  }

  async load(sha256: string): Promise<AttachmentText | undefined> {
    if (this.entries.has(sha256)) return this.get(sha256);
    const text = await readAttachmentText(this.libraryDir, sha256);
    this.entries.set(sha256, text ?? null);
    this.chars += size(text);
    while (this.chars > this.maxChars && this.entries.size > 1) {
      const [oldest, value] = this.entries.entries().next().value as [string, AttachmentText | null];
      this.entries.delete(oldest);
      this.chars -= size(value ?? undefined);
    }
    return text;
  }

  forget(sha256: string): void {
    const entry = this.entries.get(sha256);
    if (entry === undefined) return;
    this.chars -= size(entry ?? undefined);
    this.entries.delete(sha256);
  }
}

function size(text: AttachmentText | undefined): number {
  return text ? text.pages.reduce((n, p) => n + p.text.length, 0) : 0;
}
