/* The sync panel's sentences, as a person reads them (issue 15). */
import { describe, expect, it } from 'vitest';
import { canCombine, conflictTitle, heldBackText, incomingText, interruptedText, reportText, stepText, valueText, whenText } from '../../src/renderer/src/features/sync/sync-text';
import type { SyncConflict, SyncReport } from '../../src/shared/sync';

const ana = { name: 'Ana Díaz', email: 'ana@example.org' };
const report = (patch: Partial<SyncReport>): SyncReport => ({ at: '2026-12-03T10:00:00.000Z', upToDate: false, pushedCommits: 0, incoming: [], conflicts: 0, ...patch });

describe('what came in', () => {
  it('names the kinds, the most first, singular and plural, and who made them', () => {
    expect(incomingText({ author: ana, counts: { sources: 1, notes: 3 } })).toBe('3 notes and 1 source from Ana Díaz');
    expect(incomingText({ author: ana, counts: { attachments: 2, cases: 1, events: 0, people: 1 } })).toBe('2 files, 1 case and 1 person from Ana Díaz');
    expect(incomingText({ author: { name: '', email: 'bo@example.org' }, counts: {} })).toBe('changes from bo@example.org');
  });

  it('sums a run up: in, out, conflicts; or up to date', () => {
    expect(reportText(report({ upToDate: true }))).toBe('Already up to date: nothing came in and nothing went out.');
    expect(reportText(report({ incoming: [{ author: ana, counts: { notes: 3, sources: 1 } }], pushedCommits: 2, conflicts: 1 }))).toBe(
      'Came in: 3 notes and 1 source from Ana Díaz. Your changes went out (2 commits). One conflict needs your choice.',
    );
    expect(reportText(report({ pushedCommits: 1 }))).toBe('Nothing came in. Your changes went out (one commit).');
  });

  it('says what a held-back run would delete, with the cases by name, and that nothing changed', () => {
    const held = { deletions: 12, percent: 23.04, cases: ['Child Q', 'Everard'] };
    expect(heldBackText(held)).toBe('This sync would delete 23 % of the library’s records — 12 records (2 cases: “Child Q” and “Everard”). Nothing was changed yet.');
    expect(reportText(report({ heldBack: { deletions: 1, percent: 12.5, cases: [] } }))).toBe('This sync would delete 12.5 % of the library’s records — 1 record. Nothing was changed yet.');
  });
});

describe('when and conflicts', () => {
  const now = new Date('2026-12-03T12:00:00.000Z');
  it('says when as people do', () => {
    expect(whenText(undefined, now)).toBe('never');
    expect(stepText('fetch')).toBe('Fetching your team’s changes');
    expect(stepText('Publishing the library')).toBe('Publishing the library');
    expect(interruptedText({ step: 'merge', startedAt: '2026-12-03T11:40:00.000Z' }, now)).toBe(
      'The last sync (started 20 minutes ago) was interrupted at “Merging record by record”; nothing is lost. Sync now completes it, as does casefolio sync while the app is closed.',
    );
    expect(whenText('2026-12-03T11:59:30.000Z', now)).toBe('just now');
    expect(whenText('2026-12-03T11:55:00.000Z', now)).toBe('5 minutes ago');
    expect(whenText('2026-11-01T09:05:00.000Z', now)).toMatch(/^1 November 2026 at \d\d:05$/);
  });

  it('titles a conflict by record and field, shows values as text, and lets text alone be combined', () => {
    const conflict: SyncConflict = {
      id: 'c1',
      kind: 'note',
      recordId: 'n1',
      recordTitle: 'Timeline gap',
      field: 'text',
      ours: 'Mine',
      theirs: 'Theirs',
      oursBy: { ...ana, at: '2026-12-03T10:00:00.000Z' },
      theirsBy: { name: 'Bo', email: 'bo@example.org', at: '2026-12-03T10:01:00.000Z' },
    };
    expect(conflictTitle(conflict)).toBe('Note “Timeline gap” — text');
    expect(canCombine(conflict)).toBe(true);
    expect(canCombine({ ...conflict, ours: 3, theirs: 4 })).toBe(false);
    expect(conflictTitle({ ...conflict, field: undefined })).toBe('Note “Timeline gap” — edited on one side, deleted on the other');
    expect(canCombine({ ...conflict, field: undefined, theirs: undefined })).toBe(false);
    expect(valueText(undefined)).toBe('(deleted)');
    expect(valueText(['a', 'b'])).toBe('a, b');
    expect(valueText({ id: 's1', title: 'Safeguarding review', year: 2022, tags: [], authors: [{ family: 'Lee' }] })).toBe('title: Safeguarding review\nyear: 2022\nauthors: [{"family":"Lee"}]');
  });
});
