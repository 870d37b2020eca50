/*
 * The file system isomorphic-git writes through. Its own writes are plain writeFile calls: a process killed
 * mid-write would leave a truncated ref, index or object, and since it never rewrites an object that exists,
 * a truncated object would break the repository for good. Every write here goes to a temp file renamed over
 * the target, so a killed sync leaves each file whole (old or new). Refs and the index are also fsynced,
 * being the few files that say which objects matter.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { TEMP_SUFFIX } from '../storage/durable-write';
import { writeFileDurably } from '../storage/durable-write';

type WriteFile = typeof fsp.writeFile;

async function writeAtomically(file: string, data: Parameters<WriteFile>[1], options?: Parameters<WriteFile>[2]): Promise<void> {
  const name = path.basename(file);
  if (name === 'index' || name === 'HEAD' || file.includes(`${path.sep}refs${path.sep}`)) {
    await writeFileDurably(file, typeof data === 'string' ? data : Buffer.from(data as Uint8Array));
    return;
  }
  const temp = path.join(path.dirname(file), `.${name}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  try {
    await fsp.writeFile(temp, data, options);
    await fsp.rename(temp, file);
  } catch (error) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

export const gitFs = {
  promises: {
    readFile: fsp.readFile,
    writeFile: writeAtomically,
    unlink: fsp.unlink,
    readdir: fsp.readdir,
    mkdir: fsp.mkdir,
    rmdir: fsp.rmdir,
    stat: fsp.stat,
    lstat: fsp.lstat,
    readlink: fsp.readlink,
    symlink: fsp.symlink,
    chmod: fsp.chmod,
  },
};
