/*
 * The sync panel's sentences, from the contract's values: what came in and from whom, what a held-back run
 * would delete, when the last sync was. Pure, so tests/renderer/sync-text.test.ts reads them as a person would.
 */
import type { SyncConflict, SyncIncoming, SyncReport } from '../../../../shared/sync';

const NOUNS: Record<string, [string, string]> = {
  cases: ['case', 'cases'],
  sources: ['source', 'sources'],
  notes: ['note', 'notes'],
  events: ['event', 'events'],
  attachments: ['file', 'files'],
  tags: ['tag', 'tags'],
  people: ['person', 'people'],
};
const ORDER = Object.keys(NOUNS);

function count(kind: string, n: number): string {
  const [one, many] = NOUNS[kind] ?? [kind, kind];
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** "a, b and c" */
export function listText(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "3 notes and 1 source from Ana Díaz": the most first (ties in a fixed order), kinds with nothing left out. */
export function incomingText(incoming: SyncIncoming): string {
  const kinds = Object.keys(incoming.counts)
    .filter((k) => (incoming.counts[k] ?? 0) > 0)
    .sort((a, b) => incoming.counts[b] - incoming.counts[a] || (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
  const what = kinds.length ? listText(kinds.map((k) => count(k, incoming.counts[k]))) : 'changes';
  return `${what} from ${incoming.author.name || incoming.author.email}`;
}

/** One line for a whole run: what came in, what went out, and any conflicts. */
export function reportText(report: SyncReport): string {
  if (report.heldBack) return heldBackText(report.heldBack);
  if (report.upToDate && report.conflicts === 0) return 'Already up to date: nothing came in and nothing went out.';
  const came = report.incoming.length ? `Came in: ${listText(report.incoming.map(incomingText))}.` : 'Nothing came in.';
  return [came, outgoingText(report)].filter(Boolean).join(' ');
}

/** What went out and what is left to choose, after what came in. */
export function outgoingText(report: SyncReport): string {
  const parts: string[] = [];
  if (report.pushedCommits > 0) parts.push(`Your changes went out (${report.pushedCommits === 1 ? 'one commit' : `${report.pushedCommits} commits`}).`);
  if (report.conflicts > 0) parts.push(`${report.conflicts === 1 ? 'One conflict needs' : `${report.conflicts} conflicts need`} your choice.`);
  return parts.join(' ');
}

/** "This sync would delete 23 % of the library's records (2 cases)." */
export function heldBackText(held: NonNullable<SyncReport['heldBack']>): string {
  const percent = Math.round(held.percent * 10) / 10;
  const cases = held.cases.length ? ` (${held.cases.length === 1 ? 'the case' : `${held.cases.length} cases:`} ${listText(held.cases.map((c) => `“${c}”`))})` : '';
  return `This sync would delete ${percent.toLocaleString('en-GB')} % of the library’s records — ${held.deletions.toLocaleString('en-GB')} ${held.deletions === 1 ? 'record' : 'records'}${cases}. Nothing was changed yet.`;
}

/** "just now", "5 minutes ago", "yesterday at 14:02", or a date; `now` is passed so tests can fix it. */
export function whenText(iso: string | undefined, now: Date = new Date()): string {
  if (!iso) return 'never';
  const at = new Date(iso);
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} ${Math.round(seconds / 60) === 1 ? 'minute' : 'minutes'} ago`;
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return `today at ${time}`;
  if (new Date(now.getTime() - 86_400_000).toDateString() === at.toDateString()) return `yesterday at ${time}`;
  return `${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })} at ${time}`;
}

const RECORD_LINES = 8;

/**
 * A conflict's value as the person reads it: text as it is, a deleted record said so, a whole record (an
 * edit against a deletion) as its fields one per line, anything else as JSON.
 */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '(deleted)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? value.join(', ') : JSON.stringify(value, null, 2);
  const lines = Object.entries(value as Record<string, unknown>)
    .filter(([key, v]) => key !== 'id' && v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([key, v]) => `${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return lines.length > RECORD_LINES ? [...lines.slice(0, RECORD_LINES), `… and ${lines.length - RECORD_LINES} more fields`].join('\n') : lines.join('\n');
}

/** Which record and field a conflict is about: "Note “Timeline gap” — text, in Child Q". */
export function conflictTitle(conflict: SyncConflict): string {
  const kind = conflict.kind.charAt(0).toUpperCase() + conflict.kind.slice(1);
  const field = conflict.field ? ` — ${conflict.field}` : ' — edited on one side, deleted on the other';
  return `${kind} “${conflict.recordTitle}”${field}`;
}

/** Text fields can be combined by hand; other values are picked whole. */
export function canCombine(conflict: SyncConflict): boolean {
  return conflict.field !== undefined && (typeof conflict.ours === 'string' || typeof conflict.theirs === 'string');
}

/** The engine's steps (core/sync/run.ts SYNC_STEPS) in words; a step not listed is shown as it comes. */
const STEPS: Record<string, string> = {
  commit: 'Recording your changes',
  fetch: 'Fetching your team’s changes',
  merge: 'Merging record by record',
  apply: 'Applying what came in',
  'commit-merge': 'Recording the merge',
  push: 'Sending your changes',
};

export function stepText(step: string): string {
  return STEPS[step] ?? step;
}

/** The panel's line for a run that was killed: the step it reached, when it started, and what completes it. */
export function interruptedText(interrupted: { step: string; startedAt: string }, now: Date = new Date()): string {
  return (
    `The last sync (started ${whenText(interrupted.startedAt, now)}) was interrupted at “${stepText(interrupted.step)}”; nothing is lost. ` +
    'Sync now completes it, as does casefolio sync while the app is closed.'
  );
}
