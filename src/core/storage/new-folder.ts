/*
 * Writes a whole new folder or nothing: its contents are made in a temporary folder beside the target and
 * renamed into place when complete, so an interrupted run never leaves a half-made folder under the final name.
 * The target must not exist or be empty; nothing in it is ever overwritten.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/errors';
import { fsyncDirectory } from './durable-write';

export async function refuseNonEmptyFolder(dir: string, what: string): Promise<void> {
  const entries = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new ApiError('CONFLICT', `${dir} is a file. Choose a new folder for the ${what}.`);
    throw error;
  });
  if (entries.length) throw new ApiError('CONFLICT', `${dir} is not empty. Choose a new or empty folder for the ${what}, so nothing in it is overwritten.`);
}

/** Runs `fill` on a temporary folder, then moves it to `dir`; on failure the temporary folder is removed. */
export async function writeNewFolder<T>(dir: string, what: string, fill: (temp: string) => Promise<T>): Promise<T> {
  await refuseNonEmptyFolder(dir, what);
  const temp = `${dir}.casefolio-tmp-${randomBytes(4).toString('hex')}`;
  try {
    await fs.mkdir(temp, { recursive: true });
    const result = await fill(temp);
    await fsyncTree(temp);
    await fs.rm(dir, { recursive: true, force: true }); // at most an empty folder: refuseNonEmptyFolder said so
    await fs.rename(temp, dir);
    await fsyncDirectory(path.dirname(dir));
    return result;
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Every folder fsynced, so the names of the files in it survive a power cut as their contents do. */
async function fsyncTree(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) if (entry.isDirectory()) await fsyncTree(path.join(dir, entry.name));
  await fsyncDirectory(dir);
}

/** Writes `content` to a new file and fsyncs it. */
export async function writeSynced(file: string, content: Uint8Array | string): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.write(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
