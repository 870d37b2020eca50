/*
 * A lowdb adapter that writes through writeFileDurably (temp, fsync, rename, fsync folder) instead of
 * lowdb's rename-only writer, and hands back the raw text on read so the caller can validate it and set
 * a bad file aside rather than losing it.
 */
import { promises as fs } from 'node:fs';
import type { Adapter } from 'lowdb';
import { isErrno, nodeWriteOps, writeFileDurably, type WriteOps } from './durable-write';

export class DurableJsonFile<T> implements Adapter<T> {
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
    await writeFileDurably(this.filename, `${JSON.stringify(data, null, 2)}\n`, this.ops);
  }
}
