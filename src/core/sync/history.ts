/*
 * Questions about the history a sync asks on every run (is one commit in the other's past, where did the
 * two sides part, what does a push send), answered by walking only the commits since the sides parted.
 * isomorphic-git's own answers walk the whole history whenever the answer is no (isDescendent) or once a
 * walker passes the merge base (findMergeBase), so every sync would slow down as the history grows.
 *
 * The walks go newest first by commit time from both ends at once, as git's own do (paint_down_to_common,
 * rev-list): a commit reached from one side carries that side's mark to its parents, and the walk stops
 * once nothing unmarked is left to reach. Commit times only order the walk; a clock set far back on one
 * machine can make an answer err on the safe side (a commit counted that is in fact known, an older merge
 * base, a merge where a fast-forward would do), never miss a commit.
 */
import git from 'isomorphic-git';
import { gitFs as fs } from './git-fs';

interface CommitInfo {
  time: number;
  parents: string[];
}

/** Reads commits once per question. */
function commitReader(dir: string): (oid: string) => Promise<CommitInfo> {
  const cache = {};
  const commits = new Map<string, CommitInfo>();
  return async (oid) => {
    let found = commits.get(oid);
    if (!found) {
      const { commit } = await git.readCommit({ fs, dir, oid, cache });
      found = { time: commit.committer.timestamp, parents: commit.parent };
      commits.set(oid, found);
    }
    return found;
  };
}

/** The newest entry of a queue of commits and their times. */
function newestOf(queue: Map<string, number>): string {
  let newest = '';
  for (const [oid, time] of queue) if (!newest || time > queue.get(newest)!) newest = oid;
  return newest;
}

/** The commits `head` has that `other` does not (`git rev-list other..head`). */
export async function commitsOnlyIn(dir: string, head: string, other: string): Promise<Set<string>> {
  const read = commitReader(dir);
  const known = new Set<string>(); // reachable from other
  const queued = new Map<string, number>(); // oid to its commit time
  const counted = new Set<string>();
  const enqueue = async (oid: string, fromOther: boolean) => {
    if (known.has(oid) || (!fromOther && (counted.has(oid) || queued.has(oid)))) return;
    if (fromOther) {
      // Known there after all: not counted, and its parents are known there too (walked again if it was counted).
      known.add(oid);
      counted.delete(oid);
    }
    queued.set(oid, (await read(oid)).time);
  };
  await enqueue(other, true);
  await enqueue(head, false);
  while ([...queued.keys()].some((oid) => !known.has(oid))) {
    const newest = newestOf(queued);
    queued.delete(newest);
    const fromOther = known.has(newest);
    if (!fromOther) counted.add(newest);
    for (const parent of (await read(newest)).parents) await enqueue(parent, fromOther);
  }
  return counted;
}

/** How many commits `head` has that `remote` does not: what a push sends. */
export async function commitsAhead(dir: string, head: string, remote: string | undefined): Promise<number> {
  if (!remote) return (await git.log({ fs, dir, ref: head })).length; // the first push sends everything
  return (await commitsOnlyIn(dir, head, remote)).size;
}

export async function isAncestor(dir: string, ancestor: string, oid: string): Promise<boolean> {
  return ancestor === oid || (await commitsOnlyIn(dir, ancestor, oid)).size === 0;
}

const FROM_A = 1;
const FROM_B = 2;
/** Below a common commit: an ancestor of a merge base, never a better one. */
const BELOW = 4;

/** The best common ancestor of two commits (the newest, when criss-cross merges leave several); undefined if none. */
export async function mergeBase(dir: string, a: string, b: string): Promise<string | undefined> {
  if (a === b) return a;
  const read = commitReader(dir);
  const marks = new Map<string, number>();
  const queued = new Map<string, number>();
  const mark = async (oid: string, flags: number) => {
    const before = marks.get(oid) ?? 0;
    if ((before | flags) === before) return;
    marks.set(oid, before | flags);
    queued.set(oid, (await read(oid)).time);
  };
  await mark(a, FROM_A);
  await mark(b, FROM_B);
  const found: string[] = [];
  while ([...queued.keys()].some((oid) => !(marks.get(oid)! & BELOW))) {
    const newest = newestOf(queued);
    queued.delete(newest);
    let flags = marks.get(newest)!;
    if ((flags & (FROM_A | FROM_B)) === (FROM_A | FROM_B) && !(flags & BELOW)) {
      found.push(newest);
      flags |= BELOW;
    }
    for (const parent of (await read(newest)).parents) await mark(parent, flags);
  }
  // A candidate later reached from below another is that one's ancestor: not a best merge base.
  return found.find((oid) => !(marks.get(oid)! & BELOW));
}

/** The blob id of `filepath` in a commit (undefined when absent), reading only the trees on its path. */
async function fileAt(dir: string, commit: string, filepath: string, cache: object): Promise<string | undefined> {
  const slash = filepath.lastIndexOf('/');
  try {
    const { tree } = await git.readTree({ fs, dir, oid: commit, ...(slash < 0 ? {} : { filepath: filepath.slice(0, slash) }), cache });
    return tree.find((entry) => entry.path === filepath.slice(slash + 1))?.oid;
  } catch {
    return undefined; // the folder is not in this commit
  }
}

export interface CommitAuthor {
  name: string;
  email: string;
  at: string;
}

/**
 * Who last changed `filepath` among the commits `ref` has that `other` does not (what a merge takes from that
 * side), else the author of `ref` itself. Only those commits are read: git's log of one file walks back until
 * the file changed, through the whole history for a file that seldom does (library.json).
 */
export async function lastAuthorSince(dir: string, ref: string, other: string | undefined, filepath: string): Promise<CommitAuthor> {
  const cache = {};
  const own = other ? [...(await commitsOnlyIn(dir, ref, other))] : [];
  const commits = await Promise.all(own.map(async (oid) => ({ oid, commit: (await git.readCommit({ fs, dir, oid, cache })).commit })));
  commits.sort((a, b) => b.commit.committer.timestamp - a.commit.committer.timestamp);
  let changer = (await git.readCommit({ fs, dir, oid: ref, cache })).commit;
  for (const { oid, commit } of commits) {
    const before = commit.parent[0] ? await fileAt(dir, commit.parent[0], filepath, cache) : undefined;
    if ((await fileAt(dir, oid, filepath, cache)) !== before) {
      changer = commit;
      break;
    }
  }
  const { name, email, timestamp } = changer.author;
  return { name: name || 'unknown', email: email ?? '', at: new Date(timestamp * 1000).toISOString() };
}
