import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main';
import { tempDir } from '../helpers/temp-library';
import { casefolio } from '../helpers/cli';



describe('casefolio CLI', () => {
  it('creates the sample library, lists its cases and shows a case with chronology and sources', async () => {
    const dir = path.join(await tempDir(), 'sample');
    expect((await casefolio(['sample', dir])).code).toBe(0);
    const cases = await casefolio(['cases', '--library', dir]);
    expect(cases.code).toBe(0);
    for (const slug of ['everard', 'child-q', 'baker', 'port']) expect(cases.stdout).toMatch(new RegExp(`^${slug}\\s`, 'm'));
    const show = await casefolio(['show', 'everard'], { CASEFOLIO_LIBRARY: dir });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^Sarah Everard/);
    expect(show.stdout).toMatch(/CHRONOLOGY \(2\)\n\s+March 2021/);
    expect(show.stdout).toMatch(/S1\s+The Met is in special measures\. But more failings are coming to light — The Canary, \[2022\]/);
    const json = JSON.parse((await casefolio(['show', 'baker', '--json', '--library', dir])).stdout);
    expect(json.case.slug).toBe('baker');
  });

  it('adds records, prints their ids, and stores what was typed', async () => {
    const dir = path.join(await tempDir(), 'lib');
    expect((await casefolio(['init', dir])).code).toBe(0);
    const id = (await casefolio(['new', 'Death of Zoë Łukasz', '--slug', 'zoe', '--library', dir])).stdout.trim();
    expect(id).toMatch(/^case_[0-9a-f]{16}$/);
    const source = await casefolio(['add', 'source', 'zoe', '--title', 'Inquest finding', '--kind', 'inquiry-finding', '--published', 'June 2022', '--tag', 'process/inquest', '--json', '--library', dir]);
    expect(source.code).toBe(0);
    const record = JSON.parse(source.stdout);
    expect(record).toMatchObject({ title: 'Inquest finding', kind: 'inquiry-finding', publishedDate: { value: '2022-06', certainty: 'exact' }, tags: ['process/inquest'] });
    const evidence = path.join(await tempDir(), 'evidence.txt');
    await writeFile(evidence, 'evidence');
    const attach = await casefolio(['attach', 'zoe', record.id, evidence, '--library', dir]);
    expect(attach.stdout).toMatch(/sha256 [0-9a-f]{64}/);
    expect((await casefolio(['add', 'event', id, '--date', '28 June [2022]', '--title', 'Hearing', '--status', 'found', '--library', dir])).code).toBe(0);
    expect((await casefolio(['add', 'note', 'zoe', '--title', 'Thoughts', '--body', '*Markdown*', '--library', dir])).code).toBe(0);
    expect((await casefolio(['tag', 'rename', 'process', 'procedure', '--library', dir])).stdout).toMatch(/on 1 record/);
    const show = await casefolio(['show', 'zoe', '--library', dir]);
    expect(show.stdout).toMatch(/28 June \[2022\]\s+Hearing\s+found/);
    expect(show.stdout).toMatch(/attached: evidence\.txt \(text\/plain, 8 bytes/);
    expect((await casefolio(['check', '--library', dir])).stdout).toMatch(/^No problems: 3 files checked\./);
    const exported = JSON.parse((await casefolio(['export-json', 'zoe', '--library', dir])).stdout);
    expect(exported.sources[0].tags).toEqual(['procedure/inquest']);
  });

  it('fails with one line and a non-zero exit on bad input', async () => {
    const dir = path.join(await tempDir(), 'lib');
    await casefolio(['init', dir]);
    const missing = await casefolio(['show', 'nope', '--library', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('casefolio: No case "nope" in this library. List the cases to see their slugs and ids.\n');
    await casefolio(['new', 'Case', '--slug', 'c', '--library', dir]);
    const badDate = await casefolio(['add', 'event', 'c', '--date', 'last tuesday', '--title', 'x', '--library', dir]);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/^casefolio: --date: “last tuesday” is not a date\./);
    const badUrl = await casefolio(['add', 'source', 'c', '--title', 'x', '--url', 'javascript:alert(1)', '--library', dir]);
    expect(badUrl.stderr).toMatch(/^casefolio: --url: Use a full web address/);
    const noLibrary = await casefolio(['cases', '--library', path.join(dir, 'nowhere')]);
    expect(noLibrary.stderr).toMatch(/^casefolio: No Casefolio library at/);
    const usage = await casefolio(['add', 'source', 'c', '--kind', 'rumour', '--library', dir]);
    expect(usage.code).toBe(2);
  });

  it('has --help on every command', () => {
    const program = buildProgram();
    const all = (cmd: typeof program): (typeof program)[] => [cmd, ...cmd.commands.flatMap(all)];
    const commands = all(program);
    expect(commands.map((c) => c.name())).toEqual(
      expect.arrayContaining(['init', 'sample', 'cases', 'show', 'new', 'source', 'note', 'event', 'attach', 'rename', 'check', 'export-json']),
    );
    for (const command of commands) expect(command.helpInformation()).toMatch(/-h, --help/);
  });

  it('check exits non-zero when an attachment has changed', async () => {
    const dir = path.join(await tempDir(), 'sample');
    await casefolio(['sample', dir]);
    const file = JSON.parse((await casefolio(['export-json', 'port', '--library', dir])).stdout);
    const sha = file.sources[0].attachments[0].sha256;
    await writeFile(path.join(dir, 'cases', file.case.id, 'files', sha), 'tampered');
    const check = await casefolio(['check', '--library', dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/has changed since it was added/);
  });
});
