/*
 * The journal against the case files (issue #12). Two writers once each acknowledged their saves and one
 * writer's notes vanished from case.json while the journal still listed them; `check` said "No problems".
 * So `check` replays each case's journal and compares:
 *   - a record the journal last saw created, changed, trashed or restored must be in the case file;
 *   - a record in the case file created after the journal began must have at least one journal entry.
 * Records older than a case's first journal line (written before journalling, or by a tool that does not
 * journal) are not expected in it; a case without a journal is compared with nothing.
 */
import path from 'node:path';
import type { JournalRecordChange } from '../../shared/api/types';
import type { CaseFile } from '../../shared/domain';
import type { CaseLibrary } from '../case-library';
import { readCaseJournal } from './journal';

export interface JournalMismatch {
  caseId: string;
  /** Path of the case file, relative to the library folder. */
  file: string;
  reason: string;
}

type Kind = JournalRecordChange['kind'];

function recordsOf(file: CaseFile): Map<string, { kind: Kind; title: string; createdAt: string }> {
  const records = new Map<string, { kind: Kind; title: string; createdAt: string }>();
  records.set(file.case.id, { kind: 'case', title: file.case.title, createdAt: file.case.createdAt });
  for (const [kind, list] of [['source', file.sources], ['note', file.notes], ['event', file.events]] as const) {
    for (const r of list) records.set(r.id, { kind, title: r.title, createdAt: r.createdAt });
  }
  return records;
}

export async function compareJournalWithCases(lib: CaseLibrary): Promise<JournalMismatch[]> {
  const mismatches: JournalMismatch[] = [];
  for (const file of lib.read.caseFiles()) {
    const caseId = file.case.id;
    const where = path.join('cases', caseId, 'case.json');
    const { entries } = await readCaseJournal(lib, caseId);
    if (entries.length === 0) continue;
    // The last thing the journal says about each record.
    const last = new Map<string, { change: JournalRecordChange; at: string }>();
    for (const entry of entries) for (const change of entry.records) last.set(change.id, { change, at: entry.at });
    const present = recordsOf(file);
    for (const [id, { change, at }] of last) {
      if (change.op === 'removed' || change.op === 'purged' || present.has(id)) continue;
      mismatches.push({ caseId, file: where, reason: `the journal records the ${change.kind} “${change.title}” (${id}) as ${change.op} at ${at}, but it is not in the case file: a saved change may have been lost` });
    }
    const journalBegan = entries.reduce((first, e) => (e.at < first ? e.at : first), entries[0].at);
    for (const [id, record] of present) {
      if (last.has(id) || record.createdAt < journalBegan) continue;
      mismatches.push({ caseId, file: where, reason: `the ${record.kind} “${record.title}” (${id}), created at ${record.createdAt}, has no entry in the journal: it was written without being journalled` });
    }
  }
  return mismatches;
}
