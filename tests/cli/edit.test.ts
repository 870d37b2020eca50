/*
 * The CLI does what the window does: editing any field, quotations, the trash, saved searches, settings.
 * Real libraries on disk; the first test runs the `casefolio` binary in a child process, the rest run the
 * same entry point in this process (a child per command takes seconds on a shared machine).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../src/shared/domain';
import { tempDir } from '../helpers/temp-library';
import { casefolio as runCasefolio } from '../helpers/cli';
import { casefolioInProcess } from '../helpers/cli-in-process';

async function library() {
  const dir = path.join(await tempDir(), 'lib');
  const cli = (...args: string[]) => casefolioInProcess([...args, '--library', dir]);
  /** The `casefolio` binary in a child process, as a user runs it. */
  const spawned = (...args: string[]) => runCasefolio([...args, '--library', dir], { NO_COLOR: '1' });
  expect((await cli('init')).code).toBe(0);
  expect((await cli('new', 'Death in custody', '--slug', 'custody')).code).toBe(0);
  const caseFile = async () => JSON.parse((await cli('show', 'custody', '--json')).stdout) as CaseFile;
  return { dir, cli, spawned, caseFile };
}

/** What a person should never see in an error: internal paths of the contract, or errno codes. */
const INTERNAL = /\b(fields|patch)\.\w|\bE[A-Z]{3,}\b/;

describe('casefolio edit', () => {
  it('sets a source’s authors, accessed date, reliability and archived copy, then clears them', async () => {
    const { cli, spawned, caseFile } = await library();
    const id = (await cli('add', 'source', 'custody', '--title', 'Inquest findings', '--kind', 'inquiry-finding')).stdout.trim();
    const edit = await spawned('edit', id, '--author', 'Dodd, Vikram', '--author', 'Metropolitan Police Service', '--accessed-date', 'c. 28 June 2022', '--reliability', 'B', '--archive-url', 'https://web.archive.org/web/2022/https://example.org/report');
    expect(edit).toMatchObject({ code: 0, stderr: '' });
    expect(edit.stdout).toBe(`Changed source ${id} “Inquest findings”: set author, accessed date, reliability, archive url.\n`);
    const [source] = (await caseFile()).sources;
    expect(source).toMatchObject({
      authors: [{ family: 'Dodd', given: 'Vikram' }, { literal: 'Metropolitan Police Service' }],
      accessedDate: { value: '2022-06-28', certainty: 'approximate' },
      reliability: 'B',
      archiveUrl: 'https://web.archive.org/web/2022/https://example.org/report',
      kind: 'inquiry-finding',
    });
    expect((await cli('show', 'custody')).stdout).toMatch(/Inquest findings — Vikram Dodd, Metropolitan Police Service\n\s+Inquiry or inquest finding, reliability B/);

    const cleared = await spawned('edit', id, '--clear', 'author', '--clear', 'accessed-date', '--clear', 'reliability', '--clear', 'archive-url', '--json');
    expect(cleared.code).toBe(0);
    const record = JSON.parse(cleared.stdout);
    expect(record.authors).toEqual([]);
    for (const key of ['accessedDate', 'reliability', 'archiveUrl']) expect(record).not.toHaveProperty(key);
    expect((await caseFile()).sources[0]).toEqual(record);
  }, 180_000);

  it('edits a case, an event with its sources and pinpoints, and a note', async () => {
    const { cli, caseFile } = await library();
    const source = (await cli('add', 'source', 'custody', '--title', 'Report')).stdout.trim();
    const event = (await cli('add', 'event', 'custody', '--date', '2021', '--title', 'Arrest')).stdout.trim();
    const note = (await cli('add', 'note', 'custody', '--title', 'Draft', '--body', 'First thoughts')).stdout.trim();
    expect((await cli('edit', 'custody', '--status', 'closed', '--incident-date', 'March 2021', '--location', 'Croydon', '--tag', 'process/inquest')).code).toBe(0);
    expect((await cli('edit', event, '--source', `${source} para. 12`, '--source', source, '--claim-status', 'found', '--end-date', '28/06/2022')).code).toBe(0);
    expect((await cli('edit', note, '--body', 'Second thoughts')).code).toBe(0);
    const file = await caseFile();
    expect(file.case).toMatchObject({ status: 'closed', incidentDate: { value: '2021-03' }, location: 'Croydon', tags: ['process/inquest'] });
    expect(file.events[0]).toMatchObject({ claimStatus: 'found', endDate: { value: '2022-06-28' }, sources: [{ sourceId: source, pinpoint: { kind: 'paragraph', value: '12' } }, { sourceId: source }] });
    expect(file.notes[0].body).toBe('Second thoughts');
    expect((await cli('show', 'custody')).stdout).toMatch(/2021 – 28 June 2022\s+Arrest\s+found\s+\[S1, para\. 12; S1\]/);
  });

  it('explains bad input in the words of the command line: option names, no internal paths, no errno codes', async () => {
    const { cli } = await library();
    const id = (await cli('add', 'source', 'custody', '--title', 'Report')).stdout.trim();
    const cases: [string[], RegExp][] = [
      [['edit', id, '--archive-url', 'ftp://example.org'], /^casefolio: --archive-url: Use a full web address starting with http:\/\/ or https:\/\/\.\n$/],
      [['edit', id, '--accessed-date', 'yesterday'], /^casefolio: --accessed-date: “yesterday” is not a date\./],
      [['edit', id, '--author', ' , Vikram'], /^casefolio: --author \(the 1st\): An author needs a family name or a full name\.\n$/],
      [['edit', id, '--clear', 'title'], /^casefolio: A source always has a title; give a new one with --title instead of clearing it\.\n$/],
      [['edit', id, '--body', 'text'], /^casefolio: A source has no field “body”\. Its fields: --kind, --title/],
      [['edit', id], /^casefolio: Nothing to change: give a field to set \(--kind, --title/],
      [['edit', 'src_nothing'], /^casefolio: Nothing has the id “src_nothing” in this library\./],
      [['add', 'source', 'custody', '--title', 'x', '--url', 'javascript:alert(1)'], /^casefolio: --url: Use a full web address/],
      [['attach', 'custody', id, '/no/such/file.pdf'], /^casefolio: There is no file at \/no\/such\/file\.pdf\.\n$/],
      [['import', __dirname, '--case', 'custody'], /^casefolio: Cannot read .*: it is a folder, not a file\.\n$/],
      [['quote', 'add', id, '--source-id', id, '--quote', 'x'], /^casefolio: src_\w+ is a source, not a note; quotations belong to notes\.\n$/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr).not.toMatch(INTERNAL);
    }
  });
});

describe('quotations, the trash and undo', () => {
  it('adds a quotation with a pinpoint to a note, shows it, and removes it', async () => {
    const { cli, caseFile } = await library();
    const source = (await cli('add', 'source', 'custody', '--title', 'Judgment')).stdout.trim();
    const note = (await cli('add', 'note', 'custody', '--title', 'Key passages')).stdout.trim();
    const added = await cli('quote', 'add', note, '--source-id', source, '--quote', 'The restraint was excessive.', '--pinpoint', 'para. 41');
    expect(added.code).toBe(0);
    const quotationId = added.stdout.trim();
    expect(quotationId).toMatch(/^quo_/);
    expect((await caseFile()).notes[0].quotations).toEqual([{ id: quotationId, sourceId: source, quote: 'The restraint was excessive.', pinpoint: { kind: 'paragraph', value: '41' } }]);
    expect((await cli('show', 'custody')).stdout).toContain(`“The restraint was excessive.” [S1, para. 41]  (id ${quotationId})`);
    const missingSource = await cli('quote', 'add', note, '--quote', 'x');
    expect(missingSource.code).toBe(2);
    expect(missingSource.stderr).toMatch(/--source-id/);
    const changed = await cli('quote', 'edit', quotationId, '--pinpoint', '[42]', '--quote', 'The restraint was excessive and prolonged.');
    expect(changed.stdout).toBe(`Changed the quotation ${quotationId}: “The restraint was excessive and prolonged.” (para. 42).\n`);
    expect((await cli('quote', 'edit', quotationId, '--clear', 'quote')).stderr).toBe('casefolio: A quotation always has a quote; give a new one with --quote instead of clearing it.\n');
    expect((await cli('quote', 'edit', quotationId, '--clear', 'pinpoint')).code).toBe(0);
    expect((await caseFile()).notes[0].quotations).toEqual([{ id: quotationId, sourceId: source, quote: 'The restraint was excessive and prolonged.' }]);
    expect((await cli('quote', 'edit', quotationId, '--pinpoint', 'para. 41', '--quote', 'The restraint was excessive.')).code).toBe(0);
    expect((await cli('quote', 'remove', quotationId)).stdout).toBe('Removed “The restraint was excessive.” (para. 41) from the note “Key passages”.\n');
    expect((await caseFile()).notes[0].quotations).toEqual([]);
  });

  it('deletes records to the trash, lists the trash, restores by id, and says what undo means here', async () => {
    const { cli, caseFile } = await library();
    const a = (await cli('add', 'source', 'custody', '--title', 'First')).stdout.trim();
    const b = (await cli('add', 'source', 'custody', '--title', 'Second')).stdout.trim();
    expect((await cli('delete', a, b)).stdout).toBe('Moved 2 records to the trash: source “First”, source “Second”.\n');
    expect((await caseFile()).sources).toEqual([]);
    const trash = await cli('trash');
    expect(trash.stdout).toMatch(/^DELETED \(UTC\) +KIND +ID +TITLE\n/);
    expect(trash.stdout).toMatch(new RegExp(`\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  source  ${a}  “First” in “Death in custody”`));
    const listed = JSON.parse((await cli('trash', '--json')).stdout) as { ref: { id: string } }[];
    expect(listed.map((i) => i.ref.id).sort()).toEqual([a, b].sort());
    expect((await cli('restore', a)).stdout).toBe('Restored the source “First”.\n');
    expect((await caseFile()).sources.map((s) => s.title)).toEqual(['First']);
    expect((await cli('restore', 'backup.json')).stderr).toBe('casefolio: “backup.json” is not a record id. To restore a backup, name the new folder too: casefolio restore <backup> <dir>.\n');
    const again = await cli('restore', a);
    expect(again).toMatchObject({ code: 1, stderr: 'casefolio: The source “First” is not in the trash.\n' });
    const edited = await cli('edit', b, '--title', 'x');
    expect(edited.stderr).toBe(`casefolio: The source “Second” is in the trash; bring it back with \`casefolio restore ${b}\` first.\n`);

    const undo = await cli('undo');
    expect(undo.code).toBe(1);
    expect(undo.stderr).toMatch(/^casefolio: Nothing to undo: undo reaches back only within one session, and each casefolio command is a session of its own/);
    expect((await caseFile()).sources.map((s) => s.title)).toEqual(['First']);
  });
});

describe('saved searches and settings', () => {
  it('saves a search, lists and runs it, updates it by name, and deletes it', async () => {
    const { cli } = await library();
    await cli('add', 'source', 'custody', '--title', 'Restraint and taser use');
    const saved = await cli('search', 'taser', '--save', 'Taser');
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(/^1 record in 1 case match(es)? “taser”\./);
    expect(saved.stderr).toBe('Saved as “Taser”; run it again with: casefolio searches run "Taser"\n');
    expect((await cli('search', 'restraint', '--save', 'Taser', '--json')).code).toBe(0);
    const list = JSON.parse((await cli('searches', '--json')).stdout);
    expect(list).toEqual([{ id: expect.stringMatching(/^search_/), name: 'Taser', query: 'restraint' }]);
    expect((await cli('searches')).stdout).toBe(`NAME   QUERY      ID\nTaser  restraint  ${list[0].id}\n`);
    const ran = await cli('searches', 'run', 'taser');
    expect(ran.stdout).toMatch(/^1 record in 1 case match(es)? “restraint”\./);
    expect(JSON.parse((await cli('searches', 'run', list[0].id, '--json')).stdout).groups[0].slug).toBe('custody');
    expect((await cli('searches', 'delete', 'Taser')).stdout).toBe('Deleted the saved search “Taser”.\n');
    expect(JSON.parse((await cli('searches', '--json')).stdout)).toEqual([]);
    expect((await cli('searches', 'run', 'Taser')).stderr).toMatch(/^casefolio: No saved search is called “Taser”\./);
  });

  it('sets the user name recorded in the journal, and moves a source with its file to another case', async () => {
    const { cli, dir } = await library();
    expect((await cli('settings', '--user-name', 'A. Researcher')).stdout).toMatch(/changes recorded as made by: A\. Researcher/);
    await cli('new', 'Another case', '--slug', 'other');
    const source = (await cli('add', 'source', 'custody', '--title', 'Statement')).stdout.trim();
    const file = path.join(dir, '..', 'statement.txt');
    await writeFile(file, 'The officer said…');
    await cli('attach', 'custody', source, file);
    expect((await cli('move', source, 'other')).code).toBe(0);
    const other = JSON.parse((await cli('show', 'other', '--json')).stdout) as CaseFile;
    expect(other.sources[0]).toMatchObject({ id: source, title: 'Statement', attachments: [{ fileName: 'statement.txt' }] });
    expect((await cli('text', source, other.sources[0].attachments[0].id)).stdout).toBe('--- page 1 ---\nThe officer said…\n');
    const journal = await cli('journal', 'other');
    expect(journal.stdout).toMatch(/A\. Researcher/);
    expect(JSON.parse((await cli('settings', '--clear', 'user-name', '--json')).stdout).settings).toEqual({});
  });
});
