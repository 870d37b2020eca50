/*
 * Rolling backups of case files: <library>/.backups/cases/<case-id>/case-<time>.json. When a case is saved,
 * the version it replaced is kept, at most one per interval and the newest few, so a case can be brought
 * back (`casefolio check --repair`) even from a mistake saved and folded long ago.
 *
 * A backup is a whole-case durable write (megabytes at 5,000 records), so it is not made inside the save:
 * the save only notes that one is due (`due`), and the backup is written once the save is acknowledged
 * (`flush`, which CaseLibrary runs before the next change starts). What it writes is the version the save
 * replaced (stored versions are never changed in place, so holding it is safe). An erasure must never be
 * undone by a backup written after it: `forget` drops a due backup before deleting the folder, and waits for
 * one being written, so an erased record's text is in no backup once `forget` resolves.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RecordId, type CaseFile } from '../../shared/domain';
import { isErrno, writeFileDurably, type WriteOps } from './durable-write';

export interface BackupPolicy {
  keep: number;
  intervalMs: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { keep: 10, intervalMs: 10 * 60 * 1000 };
export const BACKUPS_DIR = path.join('.backups', 'cases');

/** A backup noted as due by a save: the version it replaced, and when. */
interface DueBackup {
  previous: CaseFile;
  at: Date;
}

export class RollingBackups {
  private readonly lastBackupAt = new Map<string, number>();
  private readonly pending = new Map<string, DueBackup>();
  /** The backups being written now (one flush at a time). */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly libraryDir: string,
    private readonly policy: BackupPolicy,
    private readonly now: () => Date,
    private readonly writeOps: WriteOps,
  ) {}

  dir(caseId: string): string {
    return path.join(this.libraryDir, BACKUPS_DIR, RecordId.parse(caseId));
  }

  /**
   * Deletes a case's rolling backups (they hold copies of what an erasure removes), including one due but
   * not written yet, and after one being written has landed, so none is written after this.
   */
  async forget(caseId: string): Promise<void> {
    this.pending.delete(caseId);
    await this.writing;
    await fs.rm(this.dir(caseId), { recursive: true, force: true });
    this.lastBackupAt.delete(caseId);
  }

  /** Rolling backups, newest first, once any due backup has been written. */
  async list(caseId: string): Promise<string[]> {
    await this.flush();
    return this.listWritten(caseId);
  }

  /** Rolling backups on disk now, newest first: file names sort by time. */
  private async listWritten(caseId: string): Promise<string[]> {
    try {
      const names = (await fs.readdir(this.dir(caseId))).filter((n) => /^case-\d{8}T\d{9}Z\.json$/.test(n));
      return names.sort().reverse().map((n) => path.join(this.dir(caseId), n));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
  }

  /**
   * Notes that a save replaced `previous`: a backup of it is due unless one was made within the interval
   * (or one is due already, which holds an older version). Nothing is written here; see `flush`.
   */
  due(previous: CaseFile): void {
    const { keep, intervalMs } = this.policy;
    if (keep <= 0) return;
    const caseId = previous.case.id;
    if (this.pending.has(caseId)) return;
    const at = this.now();
    const last = this.lastBackupAt.get(caseId);
    if (last !== undefined && at.getTime() - last < intervalMs) return;
    this.pending.set(caseId, { previous, at });
  }

  /** Writes the backups noted as due. Best effort: a backup that cannot be written is skipped. */
  flush(): Promise<void> {
    if (this.pending.size === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      for (const [caseId, due] of this.pending) {
        this.pending.delete(caseId);
        await this.keep(due);
      }
    });
    return this.writing;
  }

  /** Keeps a replaced version as a rolling backup, at most one per interval, the newest `keep` retained. */
  private async keep({ previous, at: now }: DueBackup): Promise<void> {
    const { keep, intervalMs } = this.policy;
    const caseId = previous.case.id;
    try {
      let last = this.lastBackupAt.get(caseId);
      if (last === undefined) {
        const newest = (await this.listWritten(caseId))[0];
        last = newest ? backupTime(newest) : -Infinity;
        // Kept, so the saves of the rest of the interval find no backup due without reading the folder again.
        this.lastBackupAt.set(caseId, last);
      }
      if (now.getTime() - last < intervalMs) return;
      const dir = this.dir(caseId);
      await fs.mkdir(dir, { recursive: true });
      const name = `case-${now.toISOString().replace(/[-:.]/g, '')}.json`;
      await writeFileDurably(path.join(dir, name), `${JSON.stringify(previous, null, 2)}\n`, this.writeOps);
      this.lastBackupAt.set(caseId, now.getTime());
      for (const old of (await this.listWritten(caseId)).slice(keep)) await fs.rm(old, { force: true });
    } catch {
      // The save goes ahead; `casefolio check` reports a library without recent backups.
    }
  }
}

export function backupTime(file: string): number {
  const m = /case-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.json$/.exec(file);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]) : -Infinity;
}

