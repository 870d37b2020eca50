/*
 * Rolling backups of case files: <library>/.backups/cases/<case-id>/case-<time>.json. Before a case file is
 * replaced, the version about to go is kept, at most one per interval and the newest few, so a case can be
 * brought back (`casefolio check --repair`) even from a mistake saved and folded long ago.
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

export class RollingBackups {
  private readonly lastBackupAt = new Map<string, number>();

  constructor(
    private readonly libraryDir: string,
    private readonly policy: BackupPolicy,
    private readonly now: () => Date,
    private readonly writeOps: WriteOps,
  ) {}

  dir(caseId: string): string {
    return path.join(this.libraryDir, BACKUPS_DIR, RecordId.parse(caseId));
  }

  /** Deletes a case's rolling backups (they hold copies of what an erasure removes). */
  async forget(caseId: string): Promise<void> {
    await fs.rm(this.dir(caseId), { recursive: true, force: true });
    this.lastBackupAt.delete(caseId);
  }

  /** Rolling backups, newest first: file names sort by time. */
  async list(caseId: string): Promise<string[]> {
    try {
      const names = (await fs.readdir(this.dir(caseId))).filter((n) => /^case-\d{8}T\d{9}Z\.json$/.test(n));
      return names.sort().reverse().map((n) => path.join(this.dir(caseId), n));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
  }

  /**
   * Keeps the version about to be replaced as a rolling backup, at most one per interval, the newest
   * `keep` retained. Best effort: a backup that cannot be written never blocks the save itself.
   */
  async keep(previous: CaseFile): Promise<void> {
    const { keep, intervalMs } = this.policy;
    if (keep <= 0) return;
    const caseId = previous.case.id;
    const now = this.now();
    try {
      let last = this.lastBackupAt.get(caseId);
      if (last === undefined) {
        const newest = (await this.list(caseId))[0];
        last = newest ? backupTime(newest) : -Infinity;
      }
      if (now.getTime() - last < intervalMs) return;
      const dir = this.dir(caseId);
      await fs.mkdir(dir, { recursive: true });
      const name = `case-${now.toISOString().replace(/[-:.]/g, '')}.json`;
      await writeFileDurably(path.join(dir, name), `${JSON.stringify(previous, null, 2)}\n`, this.writeOps);
      this.lastBackupAt.set(caseId, now.getTime());
      for (const old of (await this.list(caseId)).slice(keep)) await fs.rm(old, { force: true });
    } catch {
      // The save goes ahead; `casefolio check` reports a library without recent backups.
    }
  }
}

export function backupTime(file: string): number {
  const m = /case-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.json$/.exec(file);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]) : -Infinity;
}

