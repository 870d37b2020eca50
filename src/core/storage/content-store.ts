/*
 * Content-addressed files written from a stream: the bytes go to a temp file in the store's folder while they
 * are hashed, and only once they are all on disk (fsynced) is the temp file renamed to its SHA-256. Memory
 * stays flat whatever the file's size, and a reader never sees a half-written file under a hash name. A file
 * already stored under that hash is never replaced: the temp file is dropped instead.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TEMP_SUFFIX, exists, fsyncDirectory, serialised } from './durable-write';

/**
 * How many leading bytes are kept for sniffing the file's type: file-type needs 4,100 for most formats, and reads
 * further into a ZIP to tell an office document (its first entries) from a plain archive.
 */
export const HEAD_BYTES = 64 * 1024;

export interface StreamedFile {
  sha256: string;
  size: number;
  /** The file's first bytes (at most HEAD_BYTES), for recognising its type without reading it again. */
  head: Uint8Array;
  /** True when this call put the file in the store (it was not there before). */
  written: boolean;
}

export interface StreamLimits {
  maxBytes: number;
  /** The error thrown when the stream runs past `maxBytes` (a file that grew while being read, say). */
  tooLarge: (bytesSoFar: number) => Error;
}

/** Writes a stream of bytes into `dir` under its SHA-256; nothing is left behind when it fails. */
export async function storeStreamOnce(dir: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limits: StreamLimits): Promise<StreamedFile> {
  await fs.mkdir(dir, { recursive: true });
  // The temp name ends like every other temp file, so a crashed writer's leftovers are swept on the next open.
  const temp = path.join(dir, `.incoming.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const hash = createHash('sha256');
  const head = Buffer.alloc(HEAD_BYTES);
  let size = 0;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', 0o644);
    for await (const chunk of chunks) {
      if (size + chunk.byteLength > limits.maxBytes) throw limits.tooLarge(size + chunk.byteLength);
      if (size < HEAD_BYTES) head.set(chunk.subarray(0, HEAD_BYTES - size), size);
      size += chunk.byteLength;
      hash.update(chunk);
      await handle.write(chunk);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    const sha256 = hash.digest('hex');
    const target = path.join(dir, sha256);
    const written = await serialised(path.resolve(target), async () => {
      if (await exists(target)) return false;
      await fs.rename(temp, target);
      await fsyncDirectory(dir);
      return true;
    });
    return { sha256, size, head: head.subarray(0, Math.min(size, HEAD_BYTES)), written };
  } finally {
    await handle?.close().catch(() => undefined);
    // After a successful rename the temp name no longer exists; otherwise this drops the partial or duplicate copy.
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}
