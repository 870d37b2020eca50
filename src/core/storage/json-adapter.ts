/*
 * A lowdb adapter that writes through writeFileDurably (temp, fsync, rename, fsync folder) instead of
 * lowdb's rename-only writer, and hands back the raw text on read so the caller can validate it and set
 * a bad file aside rather than losing it.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Adapter } from 'lowdb';
import { isErrno, nodeWriteOps, writeFileDurably, type WriteOps } from './durable-write';

export function contentFingerprint(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

export class DurableJsonFile<T> implements Adapter<T> {
  /**
   * SHA-256 of the file's bytes as last read or written by this program: observers such as the search
   * index record it, and compare it on the next open to see which files changed in between.
   */
  fingerprint?: string;

  constructor(
    readonly filename: string,
    private readonly ops: WriteOps = nodeWriteOps,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.readFile(this.filename, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    await writeFileDurably(this.filename, text, this.ops);
    this.fingerprint = contentFingerprint(text);
  }
}
