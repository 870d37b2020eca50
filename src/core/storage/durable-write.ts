/*
 * Atomic and durable file replacement: write a temp file beside the target, fsync it, rename it over the
 * target, then fsync the folder so the rename itself survives a power cut. A reader sees the old file or
 * the new one, never a mixture or an empty file. lowdb's own writer renames without fsync, which is why
 * this exists.
 *
 * Writes to one path are serialised: two writers on one file would race on the rename order.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const TEMP_SUFFIX = '.casefolio-tmp';

/**
 * The filesystem operations a save performs. Real code uses Node's; fault-injection tests pass a shim
 * that fails the Nth operation (as SQLite's test VFS does), so every error path of a save is exercised.
 */
export interface WriteOps {
  /** `flags` as fs.open takes them: a string, or open(2)'s bits (the change log adds O_DSYNC). */
  open(file: string, flags: string | number, mode?: number): Promise<Pick<fs.FileHandle, 'write' | 'writeFile' | 'sync' | 'close'> & Partial<Pick<fs.FileHandle, 'writev'>>>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: boolean }): Promise<void>;
}

export const nodeWriteOps: WriteOps = {
  open: (file, flags, mode) => fs.open(file, flags, mode),
  rename: (from, to) => fs.rename(from, to),
  rm: (file, options) => fs.rm(file, options),
};

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task queued for the same key has settled. */
export function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

export async function fsyncDirectory(dir: string, ops: WriteOps = nodeWriteOps): Promise<void> {
  let handle: Awaited<ReturnType<WriteOps['open']>> | undefined;
  try {
    handle = await ops.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    if (!isErrno(error, 'EISDIR', 'EPERM', 'EINVAL', 'EBADF')) throw error;
  } finally {
    await handle?.close();
  }
}

/** What a file is written from: text, bytes, or a sequence of byte chunks written in order (never joined in memory). */
export type FileContent = string | Uint8Array | readonly Uint8Array[];

export function writeFileDurably(target: string, data: FileContent, ops: WriteOps = nodeWriteOps): Promise<void> {
  const absolute = path.resolve(target);
  return serialised(absolute, () => replaceFile(absolute, data, ops));
}

async function replaceFile(target: string, data: FileContent, ops: WriteOps = nodeWriteOps): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  let handle: Awaited<ReturnType<WriteOps['open']>> | undefined;
  try {
    handle = await ops.open(temp, 'wx', 0o644);
    // A file handle's writeFile writes at its position and moves it on, so chunks land one after another.
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else await writeChunks(handle, data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await ops.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    // Best effort: if this cleanup fails too, the next open removes the temp file.
    await ops.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dir, ops);
}

/** The most buffers one writev is given (Linux's IOV_MAX). */
const WRITEV_BATCH = 1024;

/**
 * Chunks in order from the handle's position. A dossier's are thousands of small arrays (each page's content
 * stream, handed on without a copy): one system call per batch rather than per chunk, and the rest of a short
 * write written after it.
 */
async function writeChunks(handle: Awaited<ReturnType<WriteOps['open']>>, chunks: readonly Uint8Array[]): Promise<void> {
  if (!handle.writev) {
    for (const chunk of chunks) await handle.writeFile(chunk);
    return;
  }
  for (let i = 0; i < chunks.length; i += WRITEV_BATCH) {
    const batch = chunks.slice(i, i + WRITEV_BATCH);
    let { bytesWritten } = await handle.writev(batch);
    for (const chunk of batch) {
      if (bytesWritten >= chunk.length) bytesWritten -= chunk.length;
      else {
        await handle.writeFile(chunk.subarray(bytesWritten));
        bytesWritten = 0;
      }
    }
  }
}

/** Writes a file that must never change once written (content-addressed); a no-op if it already exists. */
export async function writeFileOnce(target: string, data: Uint8Array): Promise<boolean> {
  const absolute = path.resolve(target);
  return serialised(absolute, async () => {
    if (await exists(absolute)) return false;
    await replaceFile(absolute, data);
    return true;
  });
}

/** Removes temp files a crashed writer left behind in `dir`. */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw error;
  }
  const stale = names.filter((n) => n.endsWith(TEMP_SUFFIX));
  await Promise.all(stale.map((n) => fs.rm(path.join(dir, n), { force: true })));
  return stale;
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

export function isErrno(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}
