/*
 * Team sync through git, as both sides of the contract see it: the state of a library's sync, what one run
 * did, and the conflicts a run kept for a person to resolve. The engine lives in core/sync.
 */
import { z } from 'zod';
import { UserName } from './domain';

/** Who made a change: the per-machine identity (never shared through the library). */
export const Identity = z.strictObject({
  name: UserName.refine((s) => s.trim().length > 0, 'Type your name.'),
  email: z.email('Type an email address such as name@example.org.').max(254),
});
export type Identity = z.infer<typeof Identity>;
export interface IdentityInfo {
  name?: string;
  email?: string;
}

/**
 * A git remote: the https:// (or, on a trusted network, http://) address of a repository on a git host.
 * Credentials never go in it (they come from a callback: the keychain, CASEFOLIO_GIT_TOKEN, git's helper).
 * A bare repository on a shared drive is served by any small git host (Gitea, `git http-backend`): the
 * engine (isomorphic-git) speaks git's smart HTTP only, so folder, file://, ssh and git:// addresses are
 * refused with a sentence saying what to use instead.
 */
export const SyncRemote = z
  .string()
  .trim()
  .min(1, 'Give the address of the shared repository.')
  .max(2048)
  .superRefine((s, ctx) => {
    const problem = remoteProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Why an address cannot be synced with, in a sentence that says what to use instead; undefined when it can. */
export function remoteProblem(remote: string): string | undefined {
  if (/^https?:\/\/[^\s/@]+(\/\S*)?$/.test(remote)) return undefined;
  if (/^https?:\/\/[^\s/]*@/.test(remote)) return 'Give the address without a user name or password in it: the token is asked for separately (the app keeps it in the system keychain; the command line reads CASEFOLIO_GIT_TOKEN or git’s credential helper).';
  if (/^file:/i.test(remote) || /^(\/|\.{1,2}[\\/]|~|[A-Za-z]:[\\/]|\\\\)/.test(remote)) {
    return 'A repository in a folder or on a shared drive cannot be synced with directly: Casefolio speaks git over HTTP(S) only. Put a git host in front of it (Gitea, GitLab, or `git http-backend` behind a web server) and give its https:// address.';
  }
  if (/^(ssh|git(\+ssh)?):\/\//i.test(remote) || /^[^\s/:@]+@[^\s/:]+:/.test(remote)) {
    return 'SSH and git:// addresses are not supported: Casefolio speaks git over HTTP(S) only. Give the repository’s https:// address (every git host offers one) and an access token.';
  }
  return 'Give the https:// address of a git repository, e.g. https://git.example.org/team/casework.git.';
}

export type RecordCountKind = 'cases' | 'sources' | 'notes' | 'events' | 'attachments' | 'tags' | 'people';

export interface SyncAuthor {
  name: string;
  email: string;
}

export interface SyncIncoming {
  author: SyncAuthor;
  /** Records added or changed by this author that came in, by kind ("3 notes and 1 source from …"). */
  counts: Partial<Record<RecordCountKind, number>> & Record<string, number>;
}

export interface SyncReport {
  at: string;
  /** Nothing came in and nothing went out. */
  upToDate: boolean;
  pushedCommits: number;
  incoming: SyncIncoming[];
  /** Conflicts this run found (open ones are listed by sync:conflicts). */
  conflicts: number;
  /** Present when the run held back because it would delete too much; nothing was applied. */
  heldBack?: { deletions: number; percent: number; cases: string[] };
  /** Attachments that arrived with bytes not matching their name: refused and left out. */
  refusedFiles?: string[];
  /** Files above the sync limit (256 MiB): kept on this machine, not shared. */
  localOnlyFiles?: string[];
}

export interface SyncProgress {
  step: string;
  done: number;
  total: number;
}

export interface SyncStatus {
  configured: boolean;
  /** The remote's address without any credentials. */
  remote?: string;
  branch?: string;
  lastSyncAt?: string;
  lastReport?: SyncReport;
  /** Present while a run is going. */
  running?: SyncProgress;
  /** A run that stopped part-way (the program was killed or crashed) after reaching `step`: the next sync completes it. */
  interrupted?: { startedAt: string; step: string };
  openConflicts: number;
  identity: IdentityInfo;
}

export type SyncConflictKind = 'source' | 'note' | 'event' | 'case' | 'library' | 'tag' | 'person' | 'search' | string;

export interface SyncConflictSide {
  name: string;
  email: string;
  at: string;
}

export interface SyncConflict {
  id: string;
  caseId?: string;
  caseTitle?: string;
  kind: SyncConflictKind;
  recordId: string;
  recordTitle: string;
  /** The field both sides changed; absent when one side edited the record and the other deleted it. */
  field?: string;
  /** This machine's value (undefined when this side deleted the record). The merged file keeps ours. */
  ours: unknown;
  theirs: unknown;
  oursBy: SyncConflictSide;
  theirsBy: SyncConflictSide;
}

export const ConflictPick = z.enum(['ours', 'theirs', 'value']);
export type ConflictPick = z.infer<typeof ConflictPick>;

/**
 * Credentials for a git host never live in the library: a host passes a callback (the desktop app reads its
 * keychain through Electron's safeStorage; the CLI reads CASEFOLIO_GIT_TOKEN or asks git's credential helper).
 */
export interface GitCredentials {
  username: string;
  password: string;
}
/** Credentials for a remote, or undefined to try without (the run then fails with a clear error). */
export type CredentialSource = (remote: string) => Promise<GitCredentials | undefined>;

const SINGULAR: Record<string, string> = { cases: 'case', sources: 'source', notes: 'note', events: 'event', attachments: 'file', tags: 'tag', people: 'person', searches: 'saved search' };
const PLURAL: Record<string, string> = { attachments: 'files', searches: 'saved searches' };

/** "3 notes and 1 source from Alice": what came in from one person, as the window and the CLI say it. */
export function describeIncoming(entry: SyncIncoming): string {
  const parts = Object.entries(entry.counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${n === 1 ? (SINGULAR[kind] ?? kind) : (PLURAL[kind] ?? kind)}`);
  const list = parts.length <= 1 ? (parts[0] ?? 'changes') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${list} from ${entry.author.name}`;
}
