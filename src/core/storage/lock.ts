/*
 * One writer per library. The lock file records who holds it (pid, host, time); a second process that
 * wants to write gets LIBRARY_LOCKED with those facts. A lock left by a process on this host that no longer
 * runs is stale and is taken over. A lock from another host cannot be checked, so it is honoured.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../shared/errors';
import { isErrno } from './durable-write';

export const LOCK_FILE = '.casefolio.lock';

export interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

export interface LibraryLock {
  readonly info: LockInfo;
  release(): Promise<void>;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM'); // exists, but belongs to someone else
  }
}

export async function acquireLock(dir: string, now: Date = new Date(), host: string = os.hostname()): Promise<LibraryLock> {
  const file = path.join(dir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host, since: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(file, 'wx', 0o644);
      try {
        await handle.writeFile(`${JSON.stringify(info)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return { info, release: () => releaseLock(file, info) };
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const holder = await readLock(file);
    if (holder && holder.pid === process.pid && holder.host === host) {
      throw new ApiError('LIBRARY_LOCKED', 'This library is already open in this program.', holder);
    }
    if (holder && (holder.host !== host || isProcessAlive(holder.pid))) {
      throw new ApiError(
        'LIBRARY_LOCKED',
        `The library is open for writing in another Casefolio (process ${holder.pid} on ${holder.host}, since ${holder.since}). Close it there, or open this one read-only.`,
        holder,
      );
    }
    // Stale (holder gone) or unreadable (a crash mid-write of the lock itself): take it over.
    await fs.rm(file, { force: true });
  }
  throw new ApiError('LIBRARY_LOCKED', 'Could not take the library lock: another process keeps taking it.');
}

async function readLock(file: string): Promise<LockInfo | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return { pid: parsed.pid, host: parsed.host, since: String(parsed.since) };
  } catch {
    // unreadable lock file: treated as stale
  }
  return undefined;
}

async function releaseLock(file: string, info: LockInfo): Promise<void> {
  const holder = await readLock(file);
  if (holder && holder.pid === info.pid && holder.host === info.host) await fs.rm(file, { force: true });
}
