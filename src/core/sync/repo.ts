/*
 * The library folder as a git working tree, through isomorphic-git: pure JavaScript, so the desktop app
 * needs no system git, and its smart-HTTP transport talks to any git host. Git is used for what it is
 * good at (storing and moving versions, history as a tamper-evident record); merging is ours (merge.ts).
 *
 * Every network error becomes one ApiError a person can act on: SYNC_UNREACHABLE (nothing changed),
 * FORBIDDEN (the host refused the credentials).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { gitFs as fs } from './git-fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import nodeHttp from 'isomorphic-git/http/node';
import { ApiError } from '../../shared/errors';
import type { CredentialSource } from '../../shared/sync';
import { writeFileDurably } from '../storage/durable-write';
import { removeFetchLeftovers, unpackSmallPacks } from './packs';

export const BRANCH = 'main';

/*
 * Node's default agents close a socket idle for 5 s; a host indexing a large push says nothing for longer than
 * that, and the push then ends with an empty answer. These agents wait as long as the host works, and keep no
 * socket open after an answer (a pooled socket would keep the command line's process alive).
 */
const agents = { 'http:': new HttpAgent({ keepAlive: false }), 'https:': new HttpsAgent({ keepAlive: false }) };
const http: typeof nodeHttp = {
  request: (request) => nodeHttp.request({ ...request, agent: agents[new URL(request.url).protocol as keyof typeof agents] }),
};
export const REMOTE = 'origin';

/**
 * What is never shared: the lock, caches and the search index, backups, this machine's identity and sync
 * state, its last link check, temp files, files set aside as unreadable and migration copies. Everything else in the library (library.json, case files, journals,
 * attachments) is the shared library.
 */
export const GITIGNORE = ['/.casefolio.lock/', '/.cache/', '/.index/', '/.backups/', '/.local/', '/exports/', '/link-status.json', '*.casefolio-tmp', '*.corrupt-*', '*.bak', '/cases/*/changes.jsonl', ''].join('\n');

export interface Author {
  name: string;
  email: string;
}

export async function isRepository(dir: string): Promise<boolean> {
  return fs.promises
    .stat(path.join(dir, '.git'))
    .then((s) => s.isDirectory())
    .catch(() => false);
}

/** Makes the library a git working tree (idempotent): the repository, the .gitignore, the remote. */
export async function initRepository(dir: string, remote: string): Promise<void> {
  if (!(await isRepository(dir))) await git.init({ fs, dir, defaultBranch: BRANCH });
  await writeGitignore(dir);
  await git.addRemote({ fs, dir, remote: REMOTE, url: remote, force: true });
}

export async function writeGitignore(dir: string): Promise<void> {
  const file = path.join(dir, '.gitignore');
  const current = await fsp.readFile(file, 'utf8').catch(() => '');
  if (current !== GITIGNORE) await writeFileDurably(file, GITIGNORE);
}

export async function remoteUrl(dir: string): Promise<string | undefined> {
  const remotes = await git.listRemotes({ fs, dir }).catch(() => []);
  return remotes.find((r) => r.remote === REMOTE)?.url;
}

/** The address without any user name or password in it, for showing. */
export function displayUrl(url: string): string {
  return url.replace(/^(https?:\/\/)[^@/]*@/, '$1');
}

export async function headCommit(dir: string): Promise<string | undefined> {
  return git.resolveRef({ fs, dir, ref: BRANCH }).catch(() => undefined);
}

export async function remoteHead(dir: string): Promise<string | undefined> {
  return git.resolveRef({ fs, dir, ref: `refs/remotes/${REMOTE}/${BRANCH}` }).catch(() => undefined);
}

export interface StageOptions {
  /** Files larger than this stay on this machine (isomorphic-git holds a file in memory to hash and pack it). */
  maxFileBytes: number;
}

/**
 * Stages the working tree as it is (new, changed and deleted files; .gitignore honoured) and commits it
 * when it differs from HEAD (or always, when `parents` makes a merge). Returns the new HEAD and the
 * files left out for their size.
 */
export async function commitWorkingTree(dir: string, author: Author, message: string, options: StageOptions & { parents?: string[]; at?: Date }): Promise<{ head: string | undefined; committed: boolean; tooLarge: string[] }> {
  const head = await headCommit(dir);
  const matrix = await git.statusMatrix({ fs, dir });
  const tooLarge: string[] = [];
  let changed = false;
  for (const [filepath, inHead, inWorkdir, inStage] of matrix) {
    // statusMatrix: 0 absent, 1 as in HEAD, 2 as in the working tree (differing from HEAD), 3 neither.
    if (inWorkdir === 0) {
      if (inStage !== 0) await git.remove({ fs, dir, filepath });
      if (inHead !== 0) changed = true;
      continue;
    }
    if (inWorkdir === 2 && inHead === 0) {
      const { size } = await fsp.stat(path.join(dir, filepath));
      if (size > options.maxFileBytes) {
        tooLarge.push(filepath);
        continue;
      }
    }
    if (inStage !== inWorkdir) await git.add({ fs, dir, filepath });
    if (inWorkdir === 2) changed = true;
  }
  if (!changed && !options.parents) return { head, committed: false, tooLarge };
  const timestamp = Math.floor((options.at ?? new Date()).getTime() / 1000);
  const who = { ...author, timestamp, timezoneOffset: 0 };
  const parent = options.parents ?? (head ? [head] : []);
  const oid = await git.commit({ fs, dir, message, author: who, committer: who, parent, ref: `refs/heads/${BRANCH}` });
  return { head: oid, committed: true, tooLarge };
}

/** Points the branch at `oid` (a fast-forward: the files already hold it; the next commitWorkingTree restages the index). */
export async function moveHead(dir: string, oid: string): Promise<void> {
  await git.writeRef({ fs, dir, ref: `refs/heads/${BRANCH}`, value: oid, force: true });
}

/**
 * isomorphic-git's credential callbacks for one sync step (which may make several requests): the source is
 * asked once and its answer reused; once the host refuses it, the step gives up. `offered` tells a refused
 * token from none at all.
 */
function authCallbacks(url: string, credentials: CredentialSource | undefined) {
  const state = { asked: false, offered: false, refused: false };
  let found: Awaited<ReturnType<CredentialSource>> | undefined;
  return {
    state,
    onAuth: async () => {
      if (!state.asked && credentials) found = await credentials(url);
      state.asked = true;
      state.offered ||= Boolean(found);
      return found && !state.refused ? { username: found.username, password: found.password } : { cancel: true };
    },
    onAuthFailure: () => {
      state.refused = true;
      return { cancel: true };
    },
  };
}

const TOKEN_WHERE = "in the app's sync settings, or CASEFOLIO_GIT_TOKEN or git's credential helper for the command line";

/** Turns a transport failure into a sentence; anything else is passed on as it is. `offered`: credentials were sent and refused. */
export function networkError(error: unknown, url: string, offered = false): unknown {
  const shown = displayUrl(url);
  const e = error as { code?: string; data?: { statusCode?: number }; cause?: { code?: string }; message?: string };
  if ((e?.code === 'HttpError' && (e.data?.statusCode === 401 || e.data?.statusCode === 403)) || (e?.code === 'UserCanceledError' && offered)) {
    return new ApiError('FORBIDDEN', `${shown} refused access with the token given: set a valid access token (${TOKEN_WHERE}) and sync again. Nothing was changed here.`);
  }
  if (e?.code === 'UserCanceledError') {
    return new ApiError('FORBIDDEN', `${shown} asks for a user name and token: set them (${TOKEN_WHERE}) and sync again. Nothing was changed here.`);
  }
  const errno = e?.code ?? e?.cause?.code;
  if (e?.code === 'HttpError' || (typeof errno === 'string' && /^(E[A-Z]+|UND_ERR.*)$/.test(errno))) {
    return new ApiError('SYNC_UNREACHABLE', `The shared repository at ${shown} could not be reached (${errno === 'HttpError' ? `HTTP ${e.data?.statusCode ?? 'error'}` : errno}); everything stays on this computer, and the next sync sends it.`);
  }
  return error;
}

/** Fetches the remote branch; returns its head, or undefined when the remote has no library yet. */
export async function fetchRemote(dir: string, url: string, credentials: CredentialSource | undefined): Promise<string | undefined> {
  await removeFetchLeftovers(dir); // what a fetch or unpack killed last time left: nothing reads it
  const { state, ...auth } = authCallbacks(url, credentials);
  try {
    const info = await git.getRemoteInfo2({ http, url, protocolVersion: 1, ...auth });
    const hasBranch = (info.refs ?? []).some((r) => r.ref === `refs/heads/${BRANCH}`);
    if (!hasBranch) return undefined;
    // isomorphic-git tells the host it has only `ref`'s commit. Our branch's head is often a local commit the
    // host has never seen, and the host then sends the whole history again: the remote-tracking branch is
    // what the host knows we have.
    const result = await git.fetch({ fs, http, dir, url, remote: REMOTE, ref: `refs/remotes/${REMOTE}/${BRANCH}`, remoteRef: BRANCH, singleBranch: true, tags: false, ...auth });
    await unpackSmallPacks(dir); // else every fetch adds a pack, and every later read searches them all
    return result.fetchHead ?? undefined;
  } catch (error) {
    throw networkError(error, url, state.offered);
  }
}

/** Pushes the branch without force; false when the remote moved on meanwhile (fetch and merge again). */
export async function pushBranch(dir: string, url: string, credentials: CredentialSource | undefined): Promise<boolean> {
  const { state, ...auth } = authCallbacks(url, credentials);
  try {
    const result = await git.push({ fs, http, dir, url, remote: REMOTE, ref: BRANCH, remoteRef: BRANCH, force: false, ...auth });
    if (!result.ok) return false;
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'PushRejectedError') return false;
    throw networkError(error, url, state.offered);
  }
}

export async function cloneRepository(dir: string, url: string, credentials: CredentialSource | undefined): Promise<void> {
  const { state, ...auth } = authCallbacks(url, credentials);
  try {
    await git.clone({ fs, http, dir, url, ref: BRANCH, singleBranch: true, noTags: true, ...auth });
  } catch (error) {
    throw networkError(error, url, state.offered);
  }
}

/** Every file of a commit, path to blob id. */
export async function treeFiles(dir: string, commit: string | undefined): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (!commit) return files;
  await git.walk({
    fs,
    dir,
    trees: [git.TREE({ ref: commit })],
    map: async (filepath, [entry]) => {
      if (!entry) return null;
      if ((await entry.type()) === 'blob') files.set(filepath, await entry.oid());
      return true;
    },
  });
  return files;
}

export async function readBlob(dir: string, oid: string): Promise<Uint8Array> {
  return (await git.readBlob({ fs, dir, oid })).blob;
}

