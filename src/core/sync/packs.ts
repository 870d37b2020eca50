/*
 * Every fetch leaves one more packfile in .git/objects/pack, and isomorphic-git looks an object up by
 * loading the index of every pack in turn (once per command call): after a few hundred syncs each read of a
 * commit or tree costs hundreds of file reads, and every sync step slows down as the history grows.
 * isomorphic-git cannot repack, so after each fetch the small packs are unpacked into loose objects, as
 * git itself does with small fetches (transfer.unpackLimit): a loose object is found by its name, at a cost
 * that does not grow. Large packs (the clone's, or a large attachment's) stay packs: they are few.
 *
 * Safe to kill at any point: objects are written whole (git-fs.ts) before the pack goes, the index goes
 * before its pack (a pack without an index is never read), and the next fetch finishes what is left.
 * What a killed fetch or unpack leaves (a temp file of a write cut short, a pack whose index was never written
 * or was already removed) is read by nothing but takes space, a whole fetch's worth: `removeFetchLeftovers`
 * clears it before the next fetch.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { TEMP_SUFFIX } from '../storage/durable-write';
import { gitFs as fs } from './git-fs';

/** A pack with fewer objects and bytes than this is unpacked after a fetch. */
export const UNPACK_LIMIT = { objects: 5000, bytes: 32 * 1024 * 1024 };

/** The object ids a version-2 pack index lists (header, 256-entry fan-out, then the sorted ids). */
export function packIndexIds(idx: Buffer): string[] {
  if (idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) throw new Error('not a version 2 pack index');
  const count = idx.readUInt32BE(8 + 255 * 4);
  const first = 8 + 256 * 4;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(idx.toString('hex', first + i * 20, first + (i + 1) * 20));
  return ids;
}

/** Unpacks the small packs of a repository into loose objects; returns how many packs went. */
export async function unpackSmallPacks(dir: string): Promise<number> {
  const packDir = path.join(dir, '.git', 'objects', 'pack');
  const names = await fsp.readdir(packDir).catch(() => [] as string[]);
  let unpacked = 0;
  for (const name of names.filter((n) => n.endsWith('.idx'))) {
    const idxFile = path.join(packDir, name);
    const packFile = idxFile.replace(/\.idx$/, '.pack');
    const size = await fsp.stat(packFile).then((s) => s.size, () => undefined);
    if (size === undefined || size >= UNPACK_LIMIT.bytes) continue;
    const ids = packIndexIds(await fsp.readFile(idxFile));
    if (ids.length >= UNPACK_LIMIT.objects) continue;
    const cache = {};
    for (const oid of ids) {
      if (await fsp.stat(path.join(dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2))).then(() => true, () => false)) continue;
      const { type, object } = await git.readObject({ fs, dir, oid, format: 'content', cache });
      const written = await git.writeObject({ fs, dir, type: type as 'blob' | 'tree' | 'commit' | 'tag', object: object as Uint8Array, format: 'content' });
      if (written !== oid) throw new Error(`object ${oid} of ${name} hashed to ${written} when unpacked`);
    }
    await fsp.rm(idxFile, { force: true });
    await fsp.rm(packFile, { force: true });
    unpacked++;
  }
  return unpacked;
}

/**
 * Removes what a killed fetch or unpack left in .git/objects: temp files of writes cut short (git-fs.ts) and
 * packs without an index. Only while no other git command runs on the repository (a sync holds the library's
 * writer lock): a fetch in progress writes exactly such files. Returns the names removed.
 */
export async function removeFetchLeftovers(dir: string): Promise<string[]> {
  const objects = path.join(dir, '.git', 'objects');
  const packDir = path.join(objects, 'pack');
  const packNames = await fsp.readdir(packDir).catch(() => [] as string[]);
  const indexed = new Set(packNames.filter((n) => n.endsWith('.idx')).map((n) => n.slice(0, -'.idx'.length)));
  const stray = packNames.filter((n) => n.endsWith(TEMP_SUFFIX) || (n.endsWith('.pack') && !indexed.has(n.slice(0, -'.pack'.length)))).map((n) => path.join(packDir, n));
  // Loose objects are written the same way: a kill mid-unpack leaves a temp file beside them.
  for (const fanout of await fsp.readdir(objects).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(fanout)) continue;
    const names = await fsp.readdir(path.join(objects, fanout)).catch(() => [] as string[]);
    for (const name of names) if (name.endsWith(TEMP_SUFFIX)) stray.push(path.join(objects, fanout, name));
  }
  for (const file of stray) await fsp.rm(file, { force: true });
  return stray.map((file) => path.relative(dir, file));
}
