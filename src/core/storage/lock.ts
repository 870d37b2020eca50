/*
 * One writer per library. The lock is a folder, <library>/.casefolio.lock/, holding owner.json (pid, host,
 * time and a random token). Why this mechanism (issue #12): every step that decides who holds the lock is
 * one atomic rename, so of any number of racing processes at most one wins, and nothing is ever judged
 * from a half-written file.
 *
 *   - Taking a free lock: owner.json is written and fsynced in a private folder first, which is then
 *     renamed to .casefolio.lock. rename() onto a folder that is not empty fails, so a lock in place is
 *     never replaced, and a lock that exists is always complete: "being written" cannot look "stale".
 *   - Taking over a stale lock (its holder ran on this host and has died): the stale folder is renamed to
 *     a tombstone named after the stale holder's token. Every process that judged the same lock stale
 *     aims at the same tombstone, so only the first rename succeeds; a later one would have to move the
 *     new holder's (non-empty) folder onto the (non-empty) tombstone, which fails. The tombstone is read
 *     back to prove the folder moved was the one judged stale; tombstones are kept for a minute so a slow
 *     racer still finds its target taken.
 *   - A lock from another host (a network share, a synced folder) cannot be checked, so it is honoured:
 *     `casefolio unlock --force` or the app's "Take over" button breaks it knowingly (breakLock).
 *   - The holder checks the lock is still its own before every file it replaces (`verify`, a fencing
 *     check), so a writer whose lock was broken refuses with LIBRARY_LOCKED instead of overwriting. The
 *     check is one stat of owner.json against the file this program wrote and holds open (see PinnedOwner).
 *
 * proper-lockfile was considered: its mkdir lock is atomic, but it judges staleness by an mtime heartbeat
 * (wrong for a lock on another host's share, and its stale takeover removes then re-creates, the very race
 * of issue #12). A lock file from older Casefolio versions (a plain file) is read and taken over the same way.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, statSync, type BigIntStats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../shared/errors';
import { fsyncDirectory, isErrno } from './durable-write';

export const LOCK_FILE = '.casefolio.lock';
export const LOCK_OWNER_FILE = 'owner.json';
/** How long a tombstone of a taken-over lock is kept, so a racer that judged the same lock stale cannot move the new one. */
const TOMBSTONE_KEEP_MS = 60_000;
/** A lock folder or old-style lock file that cannot be read is only treated as stale once it is this old. */
const UNREADABLE_GRACE_MS = 10_000;

export interface LockInfo {
  pid: number;
  host: string;
  since: string;
  /** Random token naming this holding of the lock; absent in locks written by older versions. */
  token?: string;
}

export interface LibraryLock {
  readonly info: LockInfo;
  /** Throws LIBRARY_LOCKED unless the lock on disk is still this one. */
  verify(): Promise<void>;
  /**
   * The same test without leaving the caller's turn: true when a stat shows the lock file is still the one
   * this program wrote and holds open; false when that cannot be told so quickly (no pinned file, or it
   * changed), and then `verify()` decides. Lets a save issue its durable write in the same turn as its fence.
   */
  verifiedNow(): boolean;
  release(): Promise<void>;
}

/** Test hooks: a pause between judging a lock stale and taking it over, to make races likely. */
export interface LockOptions {
  now?: Date;
  host?: string;
  beforeTakeover?: () => Promise<void>;
}

export type LockState =
  | { kind: 'free' }
  | { kind: 'held'; holder: LockInfo; where: 'this-process' | 'this-host' | 'other-host' }
  | { kind: 'stale'; holder?: LockInfo }
  /** A lock that cannot be read yet (another program is setting it up, or an old version is writing it). */
  | { kind: 'busy' };

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM'); // exists, but belongs to someone else
  }
}

export function lockedMessage(holder: LockInfo): string {
  return `The library is open for writing in another Casefolio (process ${holder.pid} on ${holder.host}, since ${holder.since}). Close it there, or open this one read-only.`;
}

interface Observed {
  holder?: LockInfo;
  ino: number;
  mtimeMs: number;
}

async function observe(file: string): Promise<Observed | undefined> {
  let stat;
  try {
    stat = await fs.lstat(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  const ownerFile = stat.isDirectory() ? path.join(file, LOCK_OWNER_FILE) : file;
  return { holder: await readOwner(ownerFile), ino: stat.ino, mtimeMs: stat.mtimeMs };
}

async function readOwner(file: string): Promise<LockInfo | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since), ...(typeof parsed.token === 'string' ? { token: parsed.token } : {}) };
    }
  } catch {
    // unreadable: judged by age (see UNREADABLE_GRACE_MS)
  }
  return undefined;
}

function judge(seen: Observed | undefined, host: string, now: Date): LockState {
  if (!seen) return { kind: 'free' };
  const holder = seen.holder;
  if (!holder) return now.getTime() - seen.mtimeMs > UNREADABLE_GRACE_MS ? { kind: 'stale' } : { kind: 'busy' };
  if (holder.host !== host) return { kind: 'held', holder, where: 'other-host' };
  if (holder.pid === process.pid) return { kind: 'held', holder, where: 'this-process' };
  return isProcessAlive(holder.pid) ? { kind: 'held', holder, where: 'this-host' } : { kind: 'stale', holder };
}

/** Who holds the lock of the library in `dir`, without changing anything. */
export async function lockState(dir: string, host: string = os.hostname(), now: Date = new Date()): Promise<LockState> {
  return judge(await observe(path.join(dir, LOCK_FILE)), host, now);
}

async function removeQuietly(target: string): Promise<void> {
  await fs.rm(target, { recursive: true, force: true }).catch(() => undefined);
}

/** Writes owner.json into a private folder, complete and fsynced, ready to be renamed into place. */
async function prepareLockFolder(dir: string, info: LockInfo): Promise<string> {
  const staging = path.join(dir, `${LOCK_FILE}.new-${info.token}`);
  try {
    await fs.mkdir(staging);
    const handle = await fs.open(path.join(staging, LOCK_OWNER_FILE), 'wx', 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(info)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsyncDirectory(staging);
  } catch (error) {
    // A full or read-only disk: nothing is left behind, and the lock path was never touched.
    await removeQuietly(staging);
    throw error;
  }
  return staging;
}

/** Removes tombstones and abandoned staging folders older than a minute. */
async function sweep(dir: string, now: Date): Promise<void> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.startsWith(`${LOCK_FILE}.`));
  } catch {
    return;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    const stat = await fs.lstat(full).catch(() => undefined);
    if (stat && now.getTime() - stat.mtimeMs > TOMBSTONE_KEEP_MS) await removeQuietly(full);
  }
}

/**
 * Moves a stale lock aside atomically. True if this process moved exactly the lock it judged stale; false
 * if another process got there first (the caller looks again).
 */
async function takeOver(dir: string, seen: Observed): Promise<boolean> {
  const lockPath = path.join(dir, LOCK_FILE);
  const tombstone = path.join(dir, `${LOCK_FILE}.stale-${seen.holder?.token ?? 'old'}-${seen.ino}`);
  try {
    await fs.rename(lockPath, tombstone);
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR', 'EISDIR')) return false;
    throw error;
  }
  const moved = await fs.lstat(tombstone).catch(() => undefined);
  if (moved?.ino === seen.ino) return true;
  // A tombstone from long ago was swept and this process was slow: it moved a live lock. Put it back;
  // if that fails, its holder finds out before its next write (verify).
  await fs.rename(tombstone, lockPath).catch(() => undefined);
  return false;
}

export async function acquireLock(dir: string, options: LockOptions = {}): Promise<LibraryLock> {
  const now = options.now ?? new Date();
  const host = options.host ?? os.hostname();
  const lockPath = path.join(dir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host, since: now.toISOString(), token: randomBytes(12).toString('hex') };
  await sweep(dir, now);
  const staging = await prepareLockFolder(dir, info);
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await fs.rename(staging, lockPath);
        await fsyncDirectory(dir);
        return await heldLock(dir, info);
      } catch (error) {
        // Windows refuses a rename onto an existing folder with EPERM; elsewhere EPERM/EACCES is a real refusal.
        const occupied = isErrno(error, 'ENOTEMPTY', 'EEXIST', 'ENOTDIR', 'EISDIR') || (isErrno(error, 'EPERM', 'EACCES') && (await observe(lockPath)) !== undefined);
        if (!occupied) throw error;
      }
      const seen = await observe(lockPath);
      const state = judge(seen, host, now);
      if (state.kind === 'busy') throw new ApiError('LIBRARY_LOCKED', 'Another program is opening this library for writing right now. Try again in a moment, or open it read-only.');
      if (state.kind === 'held') {
        if (state.where === 'this-process') throw new ApiError('LIBRARY_LOCKED', 'This library is already open in this program.', state.holder);
        throw new ApiError('LIBRARY_LOCKED', lockedMessage(state.holder), state.holder);
      }
      if (state.kind === 'stale' && seen) {
        await options.beforeTakeover?.();
        await takeOver(dir, seen);
      }
    }
    throw new ApiError('LIBRARY_LOCKED', 'Could not take the library lock: other programs keep taking it. Try again.');
  } finally {
    await removeQuietly(staging); // still there only if this process did not take the lock
  }
}

/**
 * What makes the fence cheap: this program's own owner.json, held open, and its identity on disk.
 *
 * `verify` used to read and parse owner.json before every write (four file operations). It now compares the
 * identity (device and inode, with size and modification time) of whatever `.casefolio.lock/owner.json` names
 * with that of the file this program wrote and holds open. Why that is the same test as comparing tokens:
 *   - owner.json is written once, in a private folder, before that folder is renamed into place, and never
 *     changed afterwards; so "the path names the very file we wrote" implies "the path holds our token".
 *   - a device and inode name one file among those that exist; the inode of a file held open cannot be freed,
 *     so it cannot be reused by another program's owner.json even after ours is renamed aside or deleted
 *     (taken over, broken). Same identity therefore means the same file, never a new one in its place.
 *   - size and modification time are compared too, against filesystems that report made-up inode numbers.
 * When the identities differ (or stat fails), the token is read as before, and that decides: the fast path
 * can only say "ours", never "not ours". On Windows no file is held open, since an open file inside the lock
 * folder could keep another program from renaming it (taking over, breaking it); every check reads the token.
 */
interface PinnedOwner {
  handle: fs.FileHandle;
  identity: string;
}

function identityOf(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}`;
}

async function pinOwner(ownerPath: string, token: string | undefined): Promise<PinnedOwner | undefined> {
  if (process.platform === 'win32') return undefined;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(ownerPath, 'r');
    const stat = await handle.stat({ bigint: true });
    const held = JSON.parse((await handle.readFile('utf8')) || '{}') as Partial<LockInfo>;
    // The file opened must be the one this program wrote (checked by its token), and its inode a real one.
    if (held.token !== token || stat.ino === 0n) throw new Error('not pinned');
    return { handle, identity: identityOf(stat) };
  } catch {
    await handle?.close().catch(() => undefined);
    return undefined; // every check reads the token instead
  }
}

async function heldLock(dir: string, info: LockInfo): Promise<LibraryLock> {
  const lockPath = path.join(dir, LOCK_FILE);
  const ownerPath = path.join(lockPath, LOCK_OWNER_FILE);
  let pinned = await pinOwner(ownerPath, info.token);
  const verifiedNow = (): boolean => {
    if (!pinned) return false;
    // Synchronous on purpose: a stat of a file whose inode is cached takes microseconds, less than
    // the trip through libuv's thread pool an asynchronous one costs, and this runs twice per save.
    let seen: BigIntStats | undefined;
    try {
      seen = statSync(ownerPath, { bigint: true, throwIfNoEntry: false });
    } catch {
      seen = undefined; // then the token decides (verify)
    }
    return seen !== undefined && identityOf(seen) === pinned.identity;
  };
  return {
    info,
    verifiedNow,
    async verify() {
      if (verifiedNow()) return;
      const holder = await readOwner(ownerPath);
      if (holder?.token === info.token) return;
      throw new ApiError(
        'LIBRARY_LOCKED',
        holder
          ? `Another Casefolio (process ${holder.pid} on ${holder.host}) has taken this library for writing, so this change was not saved. Nothing was overwritten; reopen the library to continue.`
          : 'This library’s lock was removed by another program, so this change was not saved. Nothing was overwritten; reopen the library to continue.',
        holder,
      );
    },
    async release() {
      await pinned?.handle.close().catch(() => undefined);
      pinned = undefined;
      const holder = await readOwner(ownerPath);
      if (holder?.token !== info.token) return; // broken by someone else: theirs now, left alone
      const released = path.join(dir, `${LOCK_FILE}.released-${info.token}`);
      await fs.rename(lockPath, released);
      await removeQuietly(released);
    },
  };
}

/**
 * Breaks the lock whoever holds it (`casefolio unlock --force`, the app's "Take over" button): the person
 * has been told that a program still writing there will have its next change refused. Returns who held it.
 */
export async function breakLock(dir: string): Promise<LockInfo | undefined> {
  const lockPath = path.join(dir, LOCK_FILE);
  const seen = await observe(lockPath);
  if (!seen) return undefined;
  const broken = path.join(dir, `${LOCK_FILE}.broken-${randomBytes(6).toString('hex')}`);
  try {
    await fs.rename(lockPath, broken);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  await removeQuietly(broken);
  await fsyncDirectory(dir);
  return seen.holder;
}
