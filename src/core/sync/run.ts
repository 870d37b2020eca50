/*
 * One sync run: commit what changed here, fetch, merge (ours, record by record), apply, commit the merge,
 * push; if the push is refused because someone pushed meanwhile, fetch and merge again. Each step is safe to
 * repeat, so a run killed at any point completes when run again (apply.ts says why), and the step reached is
 * recorded in the sync state so the next run can say the last one was interrupted.
 *
 * Guards: a merge that would delete (or move to the trash) more than 10 % of this library's records, or any
 * whole case, holds back with nothing applied until confirmed; a push is never forced, so the shared
 * history is never rewritten; an unreachable repository leaves everything here and says so.
 */
import { ApiError } from '../../shared/errors';
import type { CallProgress } from '../../shared/api/types';
import type { CredentialSource, SyncProgress, SyncReport } from '../../shared/sync';
import type { CaseLibrary } from '../case-library';
import { identityOf } from '../storage/local-identity';
import { applyPlan } from './apply';
import { planMerge, type MergePlan } from './merge';
import { commitsAhead, isAncestor, mergeBase } from './history';
import { commitWorkingTree, fetchRemote, headCommit, isRepository, moveHead, pushBranch, remoteUrl, type Author } from './repo';
import { addConflicts, readSyncState, writeSyncState } from './state';

export const SYNC_STEPS = ['commit', 'fetch', 'merge', 'apply', 'commit-merge', 'push'] as const;
export type SyncStep = (typeof SYNC_STEPS)[number];

/** Above this a file stays on this machine: isomorphic-git holds a whole file in memory (several times over) to hash, pack and send it. */
export const MAX_SYNC_FILE_BYTES = 256 * 1024 * 1024;
/** A run that would delete more than this share of the records holds back until confirmed. */
export const DELETION_THRESHOLD = 0.1;
const PUSH_ATTEMPTS = 5;

export interface SyncOptions {
  credentials?: CredentialSource;
  progress?: (progress: CallProgress) => void;
  /** Called after each step; a test throws here to crash a run at step k. */
  afterStep?: (step: SyncStep) => void | Promise<void>;
  maxFileBytes?: number;
}

const running = new Map<string, SyncProgress>();

export function runningSync(dir: string): SyncProgress | undefined {
  return running.get(dir);
}

export async function requireIdentity(lib: CaseLibrary): Promise<Author> {
  const { name, email } = identityOf(lib);
  if (!name || !email) throw new ApiError('INVALID_INPUT', 'Set your name and email first (casefolio settings --user-name "Your Name" --user-email you@example.org): every change you share is signed with them.');
  return { name, email };
}

export async function requireRemote(lib: CaseLibrary): Promise<string> {
  const url = (await isRepository(lib.dir)) ? await remoteUrl(lib.dir) : undefined;
  if (!url) throw new ApiError('SYNC_NOT_CONFIGURED', 'This library is not shared yet: publish it with casefolio sync init <address of an empty git repository>, or clone a shared one with casefolio sync clone.');
  return url;
}

/** Commits whatever changed in the library since the last commit, between two saves. */
export function commitLocalChanges(lib: CaseLibrary, author: Author, maxFileBytes: number) {
  return lib.exclusive(() => commitWorkingTree(lib.dir, author, `Changes by ${author.name}`, { maxFileBytes, at: lib.now() }));
}

/** A case's live records (itself, if not trashed, and its live sources, notes and events) from the catalogue, without reading its file. */
function liveRecordsInDigest(lib: CaseLibrary, caseId: string): number | undefined {
  const digest = lib.read.caseDigest(caseId);
  if (!digest) return undefined;
  return (digest.case.deletedAt ? 0 : 1) + digest.counts.sources + digest.counts.notes + digest.counts.events;
}

function heldBack(plan: MergePlan): SyncReport['heldBack'] | undefined {
  const share = plan.deletions.of ? plan.deletions.records / plan.deletions.of : 0;
  if (share <= DELETION_THRESHOLD && plan.deletions.cases.length === 0) return undefined;
  return { deletions: plan.deletions.records, percent: Math.round(share * 1000) / 10, cases: plan.deletions.cases };
}

export async function runSync(lib: CaseLibrary, confirmDeletions: boolean, options: SyncOptions = {}): Promise<SyncReport> {
  if (running.has(lib.dir)) throw new ApiError('CONFLICT', 'A sync of this library is already running; wait for it to finish.');
  await lib.assertWriter();
  const url = await requireRemote(lib);
  const author = await requireIdentity(lib);
  const maxFileBytes = options.maxFileBytes ?? MAX_SYNC_FILE_BYTES;
  // A mark left by an interrupted run is dropped: this run takes over, and ends with no mark or its own.
  const { inProgress: _interrupted, ...state } = await readSyncState(lib.dir);
  const startedAt = lib.now().toISOString();
  const step = async (name: SyncStep, work: () => Promise<void> = async () => undefined) => {
    const progress = { step: name, done: SYNC_STEPS.indexOf(name), total: SYNC_STEPS.length };
    running.set(lib.dir, progress);
    options.progress?.({ phase: name, done: progress.done, total: progress.total });
    await writeSyncState(lib.dir, { ...state, inProgress: { startedAt, step: name } });
    await work();
    await options.afterStep?.(name);
  };
  running.set(lib.dir, { step: 'commit', done: 0, total: SYNC_STEPS.length });
  try {
    const report: SyncReport = { at: startedAt, upToDate: true, pushedCommits: 0, incoming: [], conflicts: 0 };
    const incoming = new Map<string, SyncReport['incoming'][number]>();
    const refused: string[] = [];
    const localOnly: string[] = [];
    await step('commit', async () => {
      const { committed, tooLarge } = await commitLocalChanges(lib, author, maxFileBytes);
      if (committed) report.upToDate = false;
      localOnly.push(...tooLarge);
    });
    for (let attempt = 1; ; attempt++) {
      let theirs: string | undefined;
      await step('fetch', async () => {
        theirs = await fetchRemote(lib.dir, url, options.credentials);
      });
      const ours = await headCommit(lib.dir);
      if (theirs && ours && ours !== theirs && !(await isAncestor(lib.dir, theirs, ours))) {
        const remote = theirs;
        const base = await mergeBase(lib.dir, ours, remote);
        let plan: MergePlan | undefined;
        await step('merge', async () => {
          plan = await planMerge(lib.dir, { base, ours, theirs: remote }, author, { liveRecordsOf: (caseId) => liveRecordsInDigest(lib, caseId) });
        });
        const hold = confirmDeletions ? undefined : heldBack(plan!);
        if (hold) {
          const held = { ...report, upToDate: false, heldBack: hold };
          await writeSyncState(lib.dir, { ...state, lastReport: held });
          return held;
        }
        await step('apply', async () => {
          await applyPlan(lib, plan!, `Sync: changes from the shared library`);
          await addConflicts(lib.dir, plan!.conflicts);
        });
        for (const entry of plan!.incoming.values()) {
          const key = `${entry.author.name}\u0000${entry.author.email}`;
          const known = incoming.get(key) ?? { author: entry.author, counts: {} };
          for (const [kind, n] of Object.entries(entry.counts)) known.counts[kind] = (known.counts[kind] ?? 0) + n;
          incoming.set(key, known);
        }
        report.conflicts += plan!.conflicts.length;
        refused.push(...plan!.refused);
        report.upToDate = false;
        await step('commit-merge', () =>
          lib.exclusive(async () => {
            if (await isAncestor(lib.dir, ours, remote)) {
              // A fast-forward: the files now hold theirs; anything that still differs (a refused file) is committed on top.
              await moveHead(lib.dir, remote);
              await commitWorkingTree(lib.dir, author, `Changes by ${author.name}`, { maxFileBytes, at: lib.now() });
            } else {
              await commitWorkingTree(lib.dir, author, `Merge the shared library into ${author.name}'s copy`, { maxFileBytes, parents: [ours, remote], at: lib.now() });
            }
          }),
        );
      }
      const head = await headCommit(lib.dir);
      if (!head || head === theirs) break;
      let pushed = false;
      const ahead = await commitsAhead(lib.dir, head, theirs);
      await step('push', async () => {
        pushed = await pushBranch(lib.dir, url, options.credentials);
      });
      if (pushed) {
        report.pushedCommits += ahead;
        report.upToDate = false;
        break;
      }
      if (attempt >= PUSH_ATTEMPTS) throw new ApiError('CONFLICT', `Others kept changing the shared library while this sync ran (${PUSH_ATTEMPTS} tries); everything is kept here: sync again in a moment.`);
    }
    report.incoming = [...incoming.values()];
    if (refused.length) report.refusedFiles = refused;
    if (localOnly.length) report.localOnlyFiles = [...new Set(localOnly)];
    await writeSyncState(lib.dir, { lastSyncAt: report.at, lastReport: report });
    return report;
  } catch (error) {
    // A failure we understand ends the run cleanly; anything else is left marked as interrupted.
    if (error instanceof ApiError) await writeSyncState(lib.dir, { ...state }).catch(() => undefined);
    throw error;
  } finally {
    running.delete(lib.dir);
  }
}
