/*
 * A save's short path (README, "Saves and the change log"): the change log held open between saves, the
 * journal's carried line and the fold of a large log made just after the acknowledgement.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../src/core/case-library';
import { ensureAuditJournal } from '../../src/core/evidence/journal';
import { createHandlers } from '../../src/core/handlers';
import { createCase, updateCase } from '../../src/core/services/cases';
import { CHANGE_LOG, LOG_OPEN_FLAGS } from '../../src/core/storage/change-log';
import { nodeWriteOps, type WriteOps } from '../../src/core/storage/durable-write';
import { dispatch } from '../../src/shared/api/dispatch';
import { fixedDeps, tempDir } from '../helpers/temp-library';

async function closedLibraryWithCase() {
  const dir = path.join(await tempDir(), 'lib');
  const setup = await CaseLibrary.create(dir, 'Saves', fixedDeps());
  const c = await createCase(setup, { title: 'T' });
  await setup.close();
  return { dir, caseId: c.id, caseDir: path.join(dir, 'cases', c.id) };
}

const exists = (file: string) => access(file).then(() => true, () => false);

describe('the save path', () => {
  it('a log folded because it grew past its limit leaves each journal line once', async () => {
    const { dir, caseId, caseDir } = await closedLibraryWithCase();
    const lib = await CaseLibrary.open(dir, { ...fixedDeps(), foldAboveBytes: 900 });
    ensureAuditJournal(lib);
    let folds = 0;
    for (let i = 0; i < 10; i++) {
      await updateCase(lib, caseId, { title: `T${i}` });
      await lib.settled();
      if (!(await exists(path.join(caseDir, CHANGE_LOG)))) folds++;
    }
    await lib.close();
    expect(folds).toBeGreaterThanOrEqual(3);
    const actions = (await readFile(path.join(caseDir, 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l).action);
    expect(actions).toEqual([...Array.from({ length: 10 }, (_, i) => `Edit case “${i === 0 ? 'T' : `T${i - 1}`}”`)]);
  });

  it('the journal shows a save as soon as it is acknowledged, though its line is written just after', async () => {
    const { dir, caseId } = await closedLibraryWithCase();
    const lib = await CaseLibrary.open(dir, fixedDeps());
    ensureAuditJournal(lib);
    const handlers = createHandlers(lib);
    for (let i = 0; i < 3; i++) {
      expect(await dispatch(handlers, 'cases:update', { caseId, patch: { summary: `Summary ${i}` } })).toMatchObject({ ok: true });
      const listed = await dispatch(handlers, 'journal:list', { caseId });
      expect(listed).toMatchObject({ ok: true });
      expect((listed as { value: { entries: unknown[] } }).value.entries).toHaveLength(1 + i);
    }
    await lib.close();
  });

  it('an edit refers only to sources of its case (checked without listing them when it refers to none)', async () => {
    const { dir, caseId } = await closedLibraryWithCase();
    const lib = await CaseLibrary.open(dir, fixedDeps());
    const handlers = createHandlers(lib);
    const source = await dispatch(handlers, 'sources:create', { caseId, fields: { title: 'Report' } });
    const note = await dispatch(handlers, 'notes:create', { caseId, fields: { title: 'Reading', body: 'Plain.' } });
    const noteId = (note as { value: { id: string } }).value.id;
    const sourceId = (source as { value: { id: string } }).value.id;
    const quoting = (id: string) => dispatch(handlers, 'notes:update', { caseId, noteId, patch: { quotations: [{ sourceId: id, quote: 'As it was said.' }] } });
    expect(await quoting('src_9999')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/refers to source src_9999, which is not in the case/) } });
    expect(await quoting(sourceId)).toMatchObject({ ok: true });
    expect(lib.requireCase(caseId).notes[0].quotations).toMatchObject([{ sourceId, quote: 'As it was said.' }]);
    await lib.close();
  });

  it('a save whose durable write to the open log fails is refused and cut back; the next save opens the log again', async () => {
    const { dir, caseId, caseDir } = await closedLibraryWithCase();
    // What makes a save durable: the log's write where it is opened with O_DSYNC, else its fsync. The second
    // save's fails after its bytes reached the file (the disk refused to make them durable).
    let durableSteps = 0;
    const failsOnce = () => ++durableSteps === 2;
    const injected = () => Object.assign(new Error('injected EIO'), { code: 'EIO' });
    const failSecondLogSync: WriteOps = {
      ...nodeWriteOps,
      open: async (file, flags, mode) => {
        const handle = await nodeWriteOps.open(file, flags, mode);
        if (path.basename(file) !== CHANGE_LOG) return handle;
        expect(flags).toBe(LOG_OPEN_FLAGS);
        const syncsOnWrite = typeof flags === 'number';
        return {
          writeFile: handle.writeFile.bind(handle),
          write: (async (buffer: Uint8Array, offset?: number, length?: number, position?: number | null) => {
            const written = await handle.write(buffer, offset, length, position);
            if (syncsOnWrite && failsOnce()) throw injected();
            return written;
          }) as typeof handle.write,
          close: () => handle.close(),
          sync: async () => {
            if (!syncsOnWrite && failsOnce()) throw injected();
            await handle.sync();
          },
        };
      },
    };
    const lib = await CaseLibrary.open(dir, { ...fixedDeps(), writeOps: failSecondLogSync, backups: { keep: 0, intervalMs: 0 } });
    const handlers = createHandlers(lib);
    const save = (summary: string) => dispatch(handlers, 'cases:update', { caseId, patch: { summary } });
    expect(await save('first')).toMatchObject({ ok: true });
    expect(await save('second')).toMatchObject({ ok: false, error: { code: 'IO_ERROR' } });
    expect(lib.requireCase(caseId).case.summary).toBe('first');
    expect(await readFile(path.join(caseDir, CHANGE_LOG), 'utf8')).not.toContain('second');
    expect(await save('third')).toMatchObject({ ok: true });
    const log = await readFile(path.join(caseDir, CHANGE_LOG), 'utf8');
    expect(log.split('\n').filter(Boolean)).toHaveLength(2); // the first and third saves
    expect(log).not.toContain('second');
    // What another program reading the library now (or the next open after a kill) sees: what was acknowledged.
    const reopened = await CaseLibrary.open(dir, { ...fixedDeps(), readOnly: true });
    expect(reopened.read.problems).toEqual([]);
    expect(reopened.requireCase(caseId).case.summary).toBe('third');
    await reopened.close();
    await lib.close();
  });
});
