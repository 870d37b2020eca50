/*
 * I/O faults, the way SQLite tests its error paths: the Nth filesystem operation of a save fails, for
 * every N until the save completes. Each failure must reach the caller as IO_ERROR, leave the case whole
 * (the old version whenever the failure came before the save's line was complete in the change log, which
 * a failed save cuts back), and leave no temp file and no change log after the next open.
 */
import { promises as fs } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { createHandlers } from '../../src/core/handlers';
import { createCase } from '../../src/core/services/cases';
import { LOG_OPEN_FLAGS, readAsSaved } from '../../src/core/storage/change-log';
import { nodeWriteOps, type WriteOps } from '../../src/core/storage/durable-write';
import { dispatch } from '../../src/shared/api/dispatch';
import { fixedDeps, tempDir } from '../helpers/temp-library';

class FaultyOps implements WriteOps {
  count = 0;
  failAt = Infinity;
  renamed = false;
  constructor(private readonly code: string) {}

  private step(file: string): void {
    // The catalogue an open rewrites in the background is derived (a failed write is ignored, the next open
    // validates instead) and is not the save's: its operations pass uncounted, so they cannot absorb the fault.
    if (file.split(path.sep).includes('.cache')) return;
    this.count++;
    if (this.count === this.failAt) throw Object.assign(new Error(`injected ${this.code}`), { code: this.code });
  }

  async open(file: string, flags: string | number, mode?: number) {
    const step = () => this.step(file);
    step();
    const handle = await nodeWriteOps.open(file, flags, mode);
    return {
      writeFile: async (data: Parameters<typeof handle.writeFile>[0]) => {
        step();
        await handle.writeFile(data);
      },
      write: (async (buffer: Uint8Array, offset?: number, length?: number, position?: number | null) => {
        step();
        return handle.write(buffer, offset, length, position);
      }) as typeof handle.write,
      sync: async () => {
        step();
        await handle.sync();
      },
      close: async () => {
        // A failed close still releases the descriptor, as on a real system.
        await handle.close();
        step();
      },
    };
  }

  async rename(from: string, to: string) {
    this.step(to);
    await nodeWriteOps.rename(from, to);
    this.renamed = true;
  }

  async rm(file: string, options: { force: boolean }) {
    this.step(file);
    await nodeWriteOps.rm(file, options);
  }
}

describe('a save whose Nth filesystem operation fails', () => {
  for (const code of ['ENOSPC', 'EIO', 'EACCES']) {
    it(`reports IO_ERROR and keeps the case file whole, for every N (${code})`, async () => {
      const dir = path.join(await tempDir(), 'lib');
      const setup = await CaseLibrary.create(dir, 'Faults', fixedDeps());
      const c = await createCase(setup, { title: 'Original title' });
      await setup.close();
      const caseFile = path.join(dir, 'cases', c.id, 'case.json');
      const original = await readFile(caseFile, 'utf8');

      let completedAt = 0;
      for (let n = 1; n < 50 && !completedAt; n++) {
        const ops = new FaultyOps(code);
        ops.failAt = n;
        // Rolling backups off: they are best effort and would absorb the injected faults before the save's own operations.
        const lib = await CaseLibrary.open(dir, { ...fixedDeps(), writeOps: ops, backups: { keep: 0, intervalMs: 0 } });
        const result = await dispatch(createHandlers(lib), 'cases:update', { caseId: c.id, patch: { title: `Edited ${n}` } });
        // The case as a kill now would leave it: case.json with its change log replayed.
        const onDisk = (await readAsSaved(path.dirname(caseFile), 'case.json')).toString('utf8');
        if (result.ok) {
          completedAt = n;
          expect(JSON.parse(onDisk).case.title).toBe(`Edited ${n}`);
        } else {
          expect(result.error.code).toBe('IO_ERROR');
          expect(result.error.message).toMatch(new RegExp(`\\(${code}\\)`));
          const title = JSON.parse(onDisk).case.title;
          if (ops.renamed) expect([`Original title`, `Edited ${n}`]).toContain(title);
          else expect(onDisk).toBe(original);
          // What the program holds in memory agrees with what the caller was told.
          if (!ops.renamed) expect(lib.requireCase(c.id).case.title).toBe('Original title');
        }
        await lib.close();
        // The next open leaves no temp file behind (journal.jsonl is the case's audit journal).
        const next = await CaseLibrary.open(dir);
        expect((await readdir(path.dirname(caseFile))).filter((f) => f !== 'case.json' && f !== 'journal.jsonl')).toEqual([]);
        if (!result.ok && !ops.renamed) expect(next.requireCase(c.id).case.title).toBe('Original title');
        await next.close();
        if (!result.ok) {
          // Put the original back so every N starts from the same file.
          await fs.writeFile(caseFile, original);
        }
      }
      // The change log's open and durable write (O_DSYNC; with a sync after it where the system lacks
      // O_DSYNC; it stays open until folded), then (a new log) open folder, sync folder, close folder: the
      // save completes once N passes them all.
      expect(completedAt).toBeGreaterThanOrEqual(typeof LOG_OPEN_FLAGS === 'number' ? 6 : 7);
    });
  }
});
