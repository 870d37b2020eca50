/*
 * Writes a merge plan into the library through its one write path: one `mutate` (origin 'sync'), so each
 * case file is validated and written atomically, the store's memory and the search index follow (a window
 * shows the merged data at once), and nothing is journalled twice. Attachments go first and journals next,
 * inside the same turn of the change queue, so a case file never names a file that is not there yet.
 *
 * A run killed half-way leaves some files merged and others not, each whole. The next run commits that as a
 * local change and merges again: the parts already applied are "the same change on both sides", which the
 * merge takes without a conflict, so the run completes with the same result.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CaseFile } from '../../shared/domain';
import type { CaseLibrary } from '../case-library';
import { writeFileDurably, writeFileOnce } from '../storage/durable-write';
import type { MergePlan } from './merge';

function replaceContents<T extends object>(target: T, source: T): void {
  for (const key of Object.keys(target)) delete (target as Record<string, unknown>)[key];
  Object.assign(target, source);
}

export async function applyPlan(lib: CaseLibrary, plan: MergePlan, label: string): Promise<void> {
  const purged = new Set([...plan.cases].filter(([, file]) => file === undefined).map(([id]) => id));
  const inPurged = (filepath: string) => [...purged].some((id) => filepath.startsWith(`cases/${id}/`));
  // Saves waiting in change logs are folded first: their carried journal lines are matched against the journal
  // as it was, which the merged journal written below replaces.
  await lib.checkpoint();
  await lib.mutate(
    label,
    async (draft) => {
      for (const [filepath, bytes] of plan.attachments) {
        if (inPurged(filepath)) continue;
        const absolute = path.join(lib.dir, filepath);
        await mkdir(path.dirname(absolute), { recursive: true });
        await writeFileOnce(absolute, bytes);
      }
      for (const [filepath, text] of plan.journals) {
        if (inPurged(filepath)) continue;
        const absolute = path.join(lib.dir, filepath);
        await mkdir(path.dirname(absolute), { recursive: true });
        await writeFileDurably(absolute, text);
      }
      for (const [caseId, file] of plan.cases) {
        if (file === undefined) {
          if (lib.read.caseFile(caseId)) draft.purgeCase(caseId);
        } else if (lib.read.caseDigest(caseId)) replaceContents(draft.case(caseId), structuredClone(file));
        else draft.addCase(structuredClone(file) as CaseFile);
      }
      if (plan.library) replaceContents(draft.library(), structuredClone(plan.library));
    },
    { undoable: false, origin: 'sync' },
  );
}
