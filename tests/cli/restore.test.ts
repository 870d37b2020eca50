/*
 * `casefolio restore <id>`: whatever the trash holds (a case, a record, a person of the register) comes back by
 * the id the trash lists, through one contract call (trash:restore), and an id the trash does not hold gets a
 * sentence saying why. The restores run the built `casefolio` binary in a child process, as a user runs it; the
 * set-up runs in this process (a child per command takes seconds on a shared machine).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../src/shared/domain';
import type { Person } from '../../src/shared/people';
import { tempDir } from '../helpers/temp-library';
import { casefolio } from '../helpers/cli';
import { casefolioInProcess } from '../helpers/cli-in-process';

async function library() {
  const dir = path.join(await tempDir(), 'lib');
  const ok = async (...args: string[]) => {
    const result = await casefolioInProcess([...args, '--library', dir]);
    if (result.code !== 0) throw new Error(`casefolio ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.stdout.trim();
  };
  const spawned = (...args: string[]) => casefolio([...args, '--library', dir], { NO_COLOR: '1' });
  await ok('init');
  await ok('new', 'Death in custody', '--slug', 'custody');
  await ok('new', 'Stop and search', '--slug', 'stops');
  const caseFile = async (slug: string) => JSON.parse(await ok('show', slug, '--json')) as CaseFile;
  return { ok, spawned, caseFile };
}

describe('casefolio restore <id>', () => {
  it('brings back a source, a case and a person by the id the trash lists', async () => {
    const { ok, spawned, caseFile } = await library();
    const source = await ok('add', 'source', 'custody', '--title', 'Inquest findings');
    const stops = (await caseFile('stops')).case.id;
    const person = JSON.parse(await ok('person', 'add', '--name', 'PC John Smith', '--json')) as Person;
    await ok('delete', source, stops);
    await ok('person', 'delete', person.id);
    const listed = JSON.parse(await ok('trash', '--json')) as { ref: { id: string } }[];
    expect(listed.map((i) => i.ref.id).sort()).toEqual([source, stops, person.id].sort());

    expect(await spawned('restore', source)).toMatchObject({ code: 0, stdout: 'Restored the source “Inquest findings”.\n', stderr: '' });
    expect((await caseFile('custody')).sources.map((s) => s.title)).toEqual(['Inquest findings']);

    const restoredCase = await spawned('restore', stops, '--json');
    expect(restoredCase).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(restoredCase.stdout)).toMatchObject({ id: stops, title: 'Stop and search' });
    expect(JSON.parse(restoredCase.stdout)).not.toHaveProperty('deletedAt');

    expect(await spawned('restore', person.id)).toMatchObject({ code: 0, stdout: 'Restored the person “PC John Smith”.\n' });
    expect(await ok('trash')).toBe('The trash is empty.');
  }, 180_000);

  it('says why when the id is not in the trash, and changes nothing', async () => {
    const { ok, spawned, caseFile } = await library();
    const kept = await ok('add', 'source', 'custody', '--title', 'Kept report');
    const inCase = await ok('add', 'note', 'stops', '--title', 'Notes on the stop');
    await ok('delete', 'stops');
    const before = await ok('trash', '--json');

    const unknown = await spawned('restore', 'src_nosuchid');
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toBe('casefolio: Nothing in the trash has the id “src_nosuchid”; the trash lists the ids of what it holds.\n');

    const notDeleted = await spawned('restore', kept);
    expect(notDeleted).toMatchObject({ code: 1, stderr: 'casefolio: The source “Kept report” is not in the trash.\n' });

    // A note of a case in the trash comes back with its case, not on its own.
    const inTrashedCase = await spawned('restore', inCase);
    expect(inTrashedCase.code).toBe(1);
    expect(inTrashedCase.stderr).toMatch(/^casefolio: The note “Notes on the stop” is in the case “Stop and search”, which is in the trash; restore the case \(\w+\) first\.\n$/);

    expect(await ok('trash', '--json')).toBe(before);
    expect((await caseFile('custody')).sources.map((s) => [s.title, s.deletedAt])).toEqual([['Kept report', undefined]]);
  }, 180_000);
});
