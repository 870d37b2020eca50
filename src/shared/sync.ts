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
 * A git remote: an https:// or http:// address (a git host), or an absolute path / file:// address of a
 * bare repository on a shared drive. Credentials never go in it (they come from a callback, the keychain or
 * CASEFOLIO_GIT_TOKEN).
 */
export const SyncRemote = z
  .string()
  .trim()
  .min(1, 'Give the address of the shared repository.')
  .max(2048)
  .refine((s) => /^(https?:\/\/[^\s@]+|file:\/\/\/\S+|\/\S*)$/.test(s), 'Give an https:// address of a git repository (without a password in it) or the absolute path of a bare repository.');

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
