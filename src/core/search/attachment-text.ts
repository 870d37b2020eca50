/*
 * The extracted text of attachments as the search index reads it: from the text cache the evidence side
 * writes (storage/text-cache.ts, the one definition of its format). A missing or unreadable file simply means
 * "no text yet"; the index records each file's size and modification time, so re-extracted text is picked up
 * on the next open, or at once when the extractor calls SearchService.attachmentTextChanged().
 */
import { readCachedText, type CachedText } from '../storage/text-cache';

export { statCachedText as statAttachmentText, TEXT_CACHE_DIR, type TextStamp } from '../storage/text-cache';
export type AttachmentText = CachedText;

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
    const text = await readCachedText(this.libraryDir, sha256);
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
