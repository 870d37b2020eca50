/*
 * `casefolio package verify PATH`: a bag folder, or a bag serialised as a .zip, checked by bagit-verify.
 */
import { promises as fs } from 'node:fs';
import { ApiError } from '../../shared/errors';
import { unzipBag } from './bag-zip';
import { verifyBag, type BagReport } from './bagit-verify';

export async function verifyPackage(target: string): Promise<BagReport> {
  const stat = await fs.stat(target).catch(() => undefined);
  if (!stat) throw new ApiError('NOT_FOUND', `${target} does not exist. Give the folder of a bag, or a bag zipped into a .zip file.`);
  if (stat.isDirectory()) return verifyBag(target);
  const { bagDir, cleanup } = await unzipBag(target);
  try {
    return await verifyBag(bagDir);
  } finally {
    await cleanup();
  }
}
