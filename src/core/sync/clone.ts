/*
 * A shared library onto a new machine: cloned whole into a new folder (or nothing: storage/new-folder.ts),
 * every attachment checked against its name (its SHA-256) on arrival. A file that does not match is removed
 * from the working copy and reported; the next sync commits its removal, so a damaged file does not spread.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../shared/errors';
import type { CredentialSource } from '../../shared/sync';
import { CASES_DIR, FILES_DIR, LIBRARY_FILE } from '../storage/library-store';
import { exists } from '../storage/durable-write';
import { writeNewFolder } from '../storage/new-folder';
import { cloneRepository, writeGitignore } from './repo';

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Removes attachments whose bytes do not hash to their name; returns their paths in the library. */
export async function refuseDamagedAttachments(dir: string): Promise<string[]> {
  const refused: string[] = [];
  for (const caseId of await readdir(path.join(dir, CASES_DIR)).catch(() => [] as string[])) {
    const filesDir = path.join(dir, CASES_DIR, caseId, FILES_DIR);
    for (const name of await readdir(filesDir).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      if ((await sha256Of(path.join(filesDir, name))) !== name) {
        await rm(path.join(filesDir, name), { force: true });
        refused.push(`${CASES_DIR}/${caseId}/${FILES_DIR}/${name}`);
      }
    }
  }
  return refused;
}

export async function cloneLibrary(dir: string, url: string, credentials?: CredentialSource): Promise<{ refusedFiles: string[] }> {
  return writeNewFolder(dir, 'library', async (temp) => {
    await cloneRepository(temp, url, credentials);
    if (!(await exists(path.join(temp, LIBRARY_FILE)))) throw new ApiError('LIBRARY_NOT_FOUND', `${url} holds no Casefolio library (no library.json).`);
    await writeGitignore(temp);
    return { refusedFiles: await refuseDamagedAttachments(temp) };
  });
}
