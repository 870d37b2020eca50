/*
 * A bag as one .zip file, serialised as RFC 8493 §4 describes: one top folder named after the bag, the bag
 * inside it. Written with yazl (temp file, fsync, rename, so a half-written zip never has the final name) and
 * read back with yauzl for verification, into a temporary folder, refusing any entry whose name would land
 * outside it.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { ApiError } from '../../shared/errors';
import { fsyncDirectory } from '../storage/durable-write';
import { outOfScope } from './bagit-verify';

/** Zips the bag folder `bagDir` into `zipFile` under the top folder `name`. */
export async function zipBag(bagDir: string, zipFile: string, name: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const add = async (rel: string) => {
    for (const entry of (await fs.readdir(path.join(bagDir, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await add(child);
      else zip.addFile(path.join(bagDir, child), `${name}/${child}`);
    }
  };
  await add('');
  zip.end();
  const temp = `${zipFile}.casefolio-tmp-${randomBytes(4).toString('hex')}`;
  try {
    await pipeline(zip.outputStream, createWriteStream(temp, { flags: 'wx' }));
    const handle = await fs.open(temp, 'r+');
    await handle.sync();
    await handle.close();
    await fs.rename(temp, zipFile);
    await fsyncDirectory(path.dirname(zipFile));
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * Unzips `zipFile` into a new temporary folder and returns the bag's top folder in it (the single folder at the
 * top, or the top itself when bagit.txt is there) with a function that removes the folder.
 */
export async function unzipBag(zipFile: string): Promise<{ bagDir: string; cleanup: () => Promise<void> }> {
  const into = await fs.mkdtemp(path.join(os.tmpdir(), 'casefolio-bag-'));
  const cleanup = () => fs.rm(into, { recursive: true, force: true });
  try {
    await extract(zipFile, into);
    const top = await fs.readdir(into, { withFileTypes: true });
    const single = top.length === 1 && top[0].isDirectory() ? path.join(into, top[0].name) : into;
    return { bagDir: single, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function extract(zipFile: string, into: string): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, z) => (error ? reject(zipError(zipFile, error)) : resolve(z))),
  );
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      zip.close();
      reject(zipError(zipFile, error));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      const outside = outOfScope(name);
      if (outside) return fail(new Error(`the entry "${name}" is ${outside}`));
      const target = path.join(into, ...name.split('/'));
      if (name.endsWith('/')) {
        fs.mkdir(target, { recursive: true }).then(() => zip.readEntry(), fail);
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        fs.mkdir(path.dirname(target), { recursive: true })
          .then(() => pipeline(stream, createWriteStream(target, { flags: 'wx' })))
          .then(() => zip.readEntry(), fail);
      });
    });
    zip.readEntry();
  });
}

function zipError(zipFile: string, error: Error): ApiError {
  return new ApiError('INVALID_INPUT', `${zipFile} cannot be read as a zip file: ${error.message}.`);
}
