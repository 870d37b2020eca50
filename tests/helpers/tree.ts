/* Every file and folder under a directory, with each file's hash: to assert what a call did (or did not) write. */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export async function listTree(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full);
      if (entry.isDirectory()) {
        out.push(`${rel}/`);
        await walk(full);
      } else {
        out.push(`${rel} ${createHash('sha256').update(await readFile(full)).digest('hex').slice(0, 16)}`);
      }
    }
  }
  await walk(root);
  return out.sort();
}
