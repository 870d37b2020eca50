/*
 * What follows a save's acknowledgement (storage/change-queue.ts): the audit journal's line, which the
 * change log already carries, and the fold of a log that has grown past its limit. A program killed the
 * moment a save is acknowledged has done neither: the next open must restore the journal line from the
 * log, once, and fold the log, so the save and its chain of custody are whole.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../src/core/evidence/journal';
import { CHANGE_LOG } from '../../src/core/storage/change-log';
import { openTempLibrary, tempLibrary } from '../helpers/temp-library';
import { bundleWriter, runToEnd } from './crash-safety';

let writer: Awaited<ReturnType<typeof bundleWriter>>;
beforeAll(async () => {
  writer = await bundleWriter('save-then-die.ts');
});
afterAll(() => writer.dispose());

const saveThenDie = (args: string[]) => runToEnd(writer.file, args);

async function libraryWithNote() {
  const { dir, api, session } = await tempLibrary();
  const c = await api['cases:create']({ fields: { title: 'Custody' } });
  const note = await api['notes:create']({ caseId: c.id, fields: { title: 'Interview', body: 'The first account.' } });
  await session.close();
  const caseDir = path.join(dir, 'cases', c.id);
  return { dir, caseId: c.id, noteId: note.id, journal: path.join(caseDir, JOURNAL_FILE), log: path.join(caseDir, CHANGE_LOG) };
}

const editsIn = (text: string) => text.split('\n').filter((line) => line.includes('Edit note')).length;

describe('a kill the moment a save is acknowledged', () => {
  it('before its journal line reached the journal: the next open restores the line from the change log, once', async () => {
    const { dir, caseId, noteId, journal, log } = await libraryWithNote();
    const died = await saveThenDie([dir, caseId, noteId, 'A heron stood in the shallows.']);
    expect(died).toMatchObject({ err: '', out: 'acknowledged\n', signal: 'SIGKILL' });
    // The kill came first: the save and its journal line are in the change log, the journal lacks the line.
    const logText = await readFile(log, 'utf8');
    expect(logText).toContain('heron');
    expect(logText).toContain('Edit note');
    expect(editsIn(await readFile(journal, 'utf8'))).toBe(0);

    const reopened = await openTempLibrary(dir);
    expect(reopened.lib.requireCase(caseId).notes[0].body).toBe('A heron stood in the shallows.');
    const { entries } = await reopened.api['journal:list']({ caseId });
    expect(entries.map((e) => e.action)).toEqual(['Create case “Custody”', 'Add note “Interview”', 'Edit note “Interview”']);
    await reopened.close();
    expect(editsIn(await readFile(journal, 'utf8'))).toBe(1);
  });

  it('of a save that took its log past the fold limit: the fold had not run, and the next open folds it, losing and doubling nothing', async () => {
    const { dir, caseId, noteId, journal, log } = await libraryWithNote();
    const died = await saveThenDie([dir, caseId, noteId, 'A heron stood in the shallows.', '1']);
    expect(died).toMatchObject({ err: '', out: 'acknowledged\n', signal: 'SIGKILL' });
    expect(await readFile(log, 'utf8')).toContain('heron'); // not folded: the fold follows the acknowledgement

    const reopened = await openTempLibrary(dir);
    expect(reopened.lib.requireCase(caseId).notes[0].body).toBe('A heron stood in the shallows.');
    await expect(readFile(log)).rejects.toMatchObject({ code: 'ENOENT' }); // folded at open
    expect(JSON.parse(await readFile(path.join(dir, 'cases', caseId, 'case.json'), 'utf8')).notes[0].body).toBe('A heron stood in the shallows.');
    await reopened.close();
    expect(editsIn(await readFile(journal, 'utf8'))).toBe(1);
  });
});
