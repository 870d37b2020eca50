/*
 * The attachment-text cache, the one definition of its format: derived data, kept at
 *   <library>/.cache/text/<sha256>.json = { sha256, pages: [{ index, label, text }], truncated?, error? }
 * Written by the evidence side when it extracts a file's text (evidence/extracted-text.ts), read by it for
 * quoting and by the search index (search/attachment-text.ts). Keyed by content hash, so a file attached to
 * several sources or cases is read once. Safe to delete: it is derived again from the stored file. A missing,
 * damaged or mismatched entry reads as "no text yet", never as an error.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AttachmentText } from '../../shared/api/types';
import { Sha256 } from '../../shared/domain';
import { isErrno, writeFileDurably } from './durable-write';

export const TEXT_CACHE_DIR = path.join('.cache', 'text');

export const CachedText = z.object({
  sha256: Sha256,
  pages: z.array(z.object({ index: z.number().int().nonnegative(), label: z.string(), text: z.string() })),
  /** True when the file had more text than is kept. */
  truncated: z.boolean().optional(),
  /** Why no text could be read (a damaged or hostile file); pages is then empty. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
}) satisfies z.ZodType<AttachmentText>;
export type CachedText = z.infer<typeof CachedText>;

/** The file's size and modification time, by which the search index notices re-extracted text. */
export interface TextStamp {
  size: number;
  mtimeMs: number;
}

export function textCachePath(libraryDir: string, sha256: string): string {
  return path.join(libraryDir, TEXT_CACHE_DIR, `${Sha256.parse(sha256)}.json`);
}

export async function readCachedText(libraryDir: string, sha256: string): Promise<CachedText | undefined> {
  let raw: string;
  try {
    raw = await fs.readFile(textCachePath(libraryDir, sha256), 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
  try {
    const parsed = CachedText.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.sha256 === sha256 ? parsed.data : undefined;
  } catch {
    return undefined; // a damaged cache entry is as good as none: it is derived again
  }
}

export async function writeCachedText(libraryDir: string, text: CachedText): Promise<void> {
  const target = textCachePath(libraryDir, text.sha256);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await writeFileDurably(target, JSON.stringify(CachedText.parse(text)));
}

export async function statCachedText(libraryDir: string, sha256: string): Promise<TextStamp | undefined> {
  try {
    const stat = await fs.stat(textCachePath(libraryDir, sha256));
    return { size: stat.size, mtimeMs: Math.round(stat.mtimeMs) };
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
}
