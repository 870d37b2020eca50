/*
 * Writes a BagIt bag (RFC 8493, version 1.0): the payload under data/, bagit.txt, bag-info.txt, a payload
 * manifest and a tag manifest for SHA-256 and for SHA-512.
 *
 * The bag is built in a temporary folder beside the target and renamed into place when whole (every file
 * fsynced first; storage/new-folder.ts), so an interrupted run never leaves something that looks like a bag. Files are streamed and
 * hashed as they are copied, never held whole in memory.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { writeNewFolder, writeSynced } from '../storage/new-folder';
import { encodeManifestPath, tagFileText, WRITTEN_ALGORITHMS, type BagAlgorithm } from './bagit-text';

/** One payload file: its path inside data/ ('/'-separated, already safe) and its bytes or the file holding them. */
export type BagFile = { path: string; bytes: Uint8Array } | { path: string; file: string };

export interface BagSummary {
  dir: string;
  files: number;
  bytes: number;
}

export const BAGIT_VERSION = '1.0';

/** A new folder `dir` (it must not exist, or be empty) holding the bag. */
export async function writeBag(dir: string, files: readonly BagFile[], info: readonly (readonly [string, string])[]): Promise<BagSummary> {
  const summary = await writeNewFolder(dir, 'package', (temp) => writeBagContents(temp, files, info));
  return { ...summary, dir };
}

async function writeBagContents(root: string, files: readonly BagFile[], info: readonly (readonly [string, string])[]): Promise<Omit<BagSummary, 'dir'>> {
  await fs.mkdir(path.join(root, 'data'), { recursive: true });
  const manifests = new Map<BagAlgorithm, string[]>(WRITTEN_ALGORITHMS.map((a) => [a, []]));
  const seen = new Set<string>();
  let bytes = 0;
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`BagIt writer: ${file.path} is listed twice`);
    seen.add(file.path);
    const target = path.join(root, 'data', ...file.path.split('/'));
    const digests = await copyHashed(file, target);
    bytes += digests.size;
    for (const [algorithm, lines] of manifests) lines.push(`${digests.hex.get(algorithm)}  ${encodeManifestPath(`data/${file.path}`)}\n`);
  }
  const tagFiles: [string, string][] = [
    ['bagit.txt', tagFileText([['BagIt-Version', BAGIT_VERSION], ['Tag-File-Character-Encoding', 'UTF-8']])],
    ['bag-info.txt', tagFileText([...info, ['Payload-Oxum', `${bytes}.${files.length}`], ['Bag-Size', humanSize(bytes)]])],
    ...[...manifests].map(([algorithm, lines]) => [`manifest-${algorithm}.txt`, lines.join('')] as [string, string]),
  ];
  const tagManifests = new Map<BagAlgorithm, string[]>(WRITTEN_ALGORITHMS.map((a) => [a, []]));
  for (const [name, text] of tagFiles) {
    const content = Buffer.from(text, 'utf8');
    await writeSynced(path.join(root, name), content);
    for (const [algorithm, lines] of tagManifests) lines.push(`${createHash(algorithm).update(content).digest('hex')}  ${name}\n`);
  }
  for (const [algorithm, lines] of tagManifests) await writeSynced(path.join(root, `tagmanifest-${algorithm}.txt`), Buffer.from(lines.join(''), 'utf8'));
  return { files: files.length, bytes };
}

async function copyHashed(file: BagFile, target: string): Promise<{ hex: Map<BagAlgorithm, string>; size: number }> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const hashes: [BagAlgorithm, Hash][] = WRITTEN_ALGORITHMS.map((a) => [a, createHash(a)]);
  const handle = await fs.open(target, 'wx');
  let size = 0;
  try {
    const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = 'bytes' in file ? [file.bytes] : createReadStream(file.file);
    for await (const chunk of chunks) {
      for (const [, h] of hashes) h.update(chunk);
      await handle.write(chunk);
      size += chunk.length;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { hex: new Map(hashes.map(([a, h]) => [a, h.digest('hex')])), size };
}

export function humanSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
