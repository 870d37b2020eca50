/*
 * The rolling backup a save makes due is written after the save is acknowledged, not inside it: the save
 * does not wait for a whole-case durable write. On real files: the acknowledgement comes while the backup
 * cannot be written yet, the backup then holds the version the save replaced, and an erasure made right after
 * a backup is due (or while it is being written) leaves no copy of the erased text in any backup file.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeWriteOps, type WriteOps } from '../../src/core/storage/durable-write';
import { BACKUPS_DIR } from '../../src/core/storage/library-store';
import { tempLibrary } from '../helpers/temp-library';

const ERASED_TEXT = 'Statement of Jane Witness, 1 Example Road';

/** Write operations whose opening of a file under .backups waits, between `shut()` and `open()`. */
function gatedBackups() {
  let gate: Promise<void> | undefined;
  let release = () => {};
  let waiting = 0;
  const ops: WriteOps = {
    ...nodeWriteOps,
    open: async (file, flags, mode) => {
      if (gate && file.includes(`${path.sep}.backups${path.sep}`)) {
        waiting++;
        await gate;
      }
      return nodeWriteOps.open(file, flags, mode);
    },
  };
  const shut = () => (gate = new Promise<void>((resolve) => (release = resolve)));
  const open = () => {
    gate = undefined;
    release();
  };
  return { ops, shut, open, waiting: () => waiting };
}

/** Every file under the library's .backups folder, with its text. */
async function backupTexts(dir: string): Promise<{ file: string; text: string }[]> {
  const root = path.join(dir, '.backups');
  const files = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return Promise.all(files.filter((f) => f.isFile()).map(async (f) => ({ file: f.name, text: await readFile(path.join(f.parentPath, f.name), 'utf8') })));
}

describe('the rolling backup, after the acknowledgement', () => {
  it('acknowledges a save before its backup is written; the backup then holds the version the save replaced', async () => {
    const gated = gatedBackups();
    const { api, lib, dir } = await tempLibrary('Backups', { writeOps: gated.ops, backups: { keep: 10, intervalMs: 0 } });
    const c = await api['cases:create']({ fields: { title: 'Before the edit' } });
    await lib.settled();
    gated.shut();
    try {
      // The backup of 'Before the edit' cannot be written while the gate is shut, yet the save is acknowledged.
      const saved = await api['cases:update']({ caseId: c.id, patch: { title: 'After the edit' } });
      expect(saved.title).toBe('After the edit');
      await expect.poll(() => gated.waiting()).toBeGreaterThan(0);
      expect(await backupTexts(dir)).toEqual([]);
    } finally {
      gated.open();
    }
    await lib.settled();
    const backups = await lib.read.listBackups(c.id);
    expect(backups).toHaveLength(1);
    expect(path.dirname(backups[0])).toBe(path.join(dir, BACKUPS_DIR, c.id));
    expect(JSON.parse(await readFile(backups[0], 'utf8')).case.title).toBe('Before the edit');
  });

  it('an erasure right after a backup is due leaves no copy of the erased text in any backup file', async () => {
    const { api, lib, dir } = await tempLibrary('Erasure', { backups: { keep: 10, intervalMs: 0 } });
    const c = await api['cases:create']({ fields: { title: 'Complaint' } });
    const gone = await api['sources:create']({ caseId: c.id, fields: { title: ERASED_TEXT } });
    await api['sources:update']({ caseId: c.id, sourceId: gone.id, patch: { publisher: 'Held by the family' } });
    // Trashing it makes a backup of a version holding the text due; the erasure is asked for at once.
    await api['sources:delete']({ caseId: c.id, sourceId: gone.id });
    await api['trash:erase']({ items: [{ caseId: c.id, kind: 'source', id: gone.id }] });
    await lib.settled();

    for (const { file, text } of await backupTexts(dir)) expect(text, file).not.toContain('Jane Witness');
    expect(await readFile(path.join(lib.read.caseDir(c.id), 'case.json'), 'utf8')).not.toContain('Jane Witness');
    // Later saves back up the case as it is now, without the erased source.
    await api['cases:update']({ caseId: c.id, patch: { title: 'Complaint (reviewed)' } });
    await lib.settled();
    const after = await backupTexts(dir);
    expect(after.length).toBeGreaterThan(0);
    for (const { file, text } of after) expect(text, file).not.toContain('Jane Witness');
  });

  it('an erasure asked for while the backup is being written waits for it, then deletes it', async () => {
    const gated = gatedBackups();
    const { api, lib, dir } = await tempLibrary('Erasure in flight', { writeOps: gated.ops, backups: { keep: 10, intervalMs: 0 } });
    const c = await api['cases:create']({ fields: { title: 'Complaint' } });
    const gone = await api['sources:create']({ caseId: c.id, fields: { title: ERASED_TEXT } });
    await lib.settled();
    gated.shut();
    let erasing: Promise<unknown>;
    try {
      await api['sources:delete']({ caseId: c.id, sourceId: gone.id });
      // The backup of the version holding the source is stuck in its write when the erasure is asked for.
      await expect.poll(() => gated.waiting()).toBeGreaterThan(0);
      erasing = api['trash:erase']({ items: [{ caseId: c.id, kind: 'source', id: gone.id }] });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      gated.open();
    }
    expect(await erasing).toEqual({ items: 1, files: 0 });
    await lib.settled();
    for (const { file, text } of await backupTexts(dir)) expect(text, file).not.toContain('Jane Witness');
  });
});
