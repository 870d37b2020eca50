/* casefolio people / person: the register from the command line, mentions included. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PersonDetails } from '../../src/shared/api/people-inputs';
import type { Person } from '../../src/shared/people';
import { tempDir } from '../helpers/temp-library';
import { casefolioInProcess as cli } from '../helpers/cli-in-process';

async function library() {
  const dir = path.join(await tempDir(), 'library');
  const ok = async (...args: string[]) => {
    const result = await cli([...args, '--library', dir]);
    if (result.code !== 0) throw new Error(`casefolio ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.stdout.trim();
  };
  await ok('init', dir);
  const caseId = await ok('new', 'A school search', '--slug', 'school', '--summary', 'Police strip-searched Jane Doe at school.');
  return { dir, ok, caseId, run: (...args: string[]) => cli([...args, '--library', dir]) };
}

describe('casefolio person and people', () => {
  it('adds an anonymised person with aliases and a role, lists them, and shows their mentions', async () => {
    const { ok, caseId } = await library();
    const added = JSON.parse(
      await ok('person', 'add', '--name', 'Jane Doe', '--alias', 'J. Doe', '--alias', 'JD', '--case', 'school', '--role', 'victim', '--anonymise', 'Child Q', '--reason', 'child', '--json'),
    ) as Person;
    expect(added).toMatchObject({ name: 'Jane Doe', aliases: ['J. Doe', 'JD'], anonymity: { cipher: 'Child Q', reason: 'child' }, cases: [{ caseId, role: 'victim' }] });

    expect(await ok('people')).toMatch(new RegExp(`NAME\\s+ROLES\\s+ID\\nJane Doe \\[Child Q\\]\\s+victim\\s+${added.id}`));
    expect(JSON.parse(await ok('people', '--case', 'school', '--json'))).toEqual([added]);

    const shown = await ok('person', 'show', 'child q');
    expect(shown).toContain(`Jane Doe  (${added.id})`);
    expect(shown).toContain('Also known as: J. Doe; JD');
    expect(shown).toContain('Anonymised as “Child Q”: A child');
    expect(shown).toContain('Case: A school search — victim');
    expect(shown).toMatch(/Mentions \(1\):\n {2}A school search › case “A school search” \(summary; [\w-]+\)\n {6}Police strip-searched \[Jane Doe\] at school\./);
    const json = JSON.parse(await ok('person', 'show', added.id, '--json')) as PersonDetails;
    expect(json.mentions.map((m) => [m.kind, m.field, m.name])).toEqual([['case', 'summary', 'Jane Doe']]);
  });

  it('edits, links, unlinks, deletes and restores a person by name', async () => {
    const { ok } = await library();
    await ok('person', 'add', '--name', 'PC John Smith', '--note', 'Arresting officer');
    const event = await ok('add', 'event', 'school', '--date', '2020-12', '--title', 'The search');
    let p = JSON.parse(await ok('person', 'link', 'PC John Smith', '--case', 'school', '--role', 'officer', '--event', event, '--json')) as Person;
    expect(p.cases).toEqual([{ caseId: expect.any(String), role: 'officer', eventIds: [event], sourceIds: [] }]);
    p = JSON.parse(await ok('person', 'edit', 'pc john smith', '--alias', 'Officer A', '--clear', 'note', '--json')) as Person;
    expect(p.aliases).toEqual(['Officer A']);
    expect(p.note).toBeUndefined();
    p = JSON.parse(await ok('person', 'unlink', p.id, '--case', 'school', '--json')) as Person;
    expect(p.cases).toEqual([]);
    expect(await ok('person', 'delete', 'Officer A')).toBe(`Moved to the trash: PC John Smith (${p.id}).`);
    expect(await ok('people')).toMatch(/No people in the register/);
    expect(await ok('people', '--all')).toMatch(/PC John Smith \(trash\)/);
    expect(await ok('person', 'restore', p.id)).toBe(`Restored PC John Smith (${p.id}).`);
  });

  it('shows a deleted person in the trash; restore and erase take their id', async () => {
    const { ok, run } = await library();
    const p = JSON.parse(await ok('person', 'add', '--name', 'PC John Smith', '--json')) as Person;
    await ok('person', 'delete', p.id);
    expect(await ok('trash')).toMatch(new RegExp(`person\\s+${p.id}\\s+“PC John Smith” in the people register`));
    expect(await ok('restore', p.id)).toBe('Restored the person “PC John Smith”.');
    expect(await ok('trash')).toBe('The trash is empty.');

    await ok('person', 'delete', p.id);
    const unconfirmed = await run('erase', p.id);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toContain('Nothing was erased.');
    expect(await ok('erase', p.id, '--yes')).toBe('Erased 1 item and 0 stored files for good. The journal records the erasure, not what was erased.');
    expect(await ok('people', '--all')).toMatch(/No people in the register/);
    expect((await run('person', 'restore', p.id)).code).not.toBe(0);
  });

  it('takes roles from the library’s own list once `settings --person-role` sets one', async () => {
    const { ok, run } = await library();
    await ok('settings', '--person-role', 'victim', '--person-role', 'expert witness');
    expect(JSON.parse(await ok('person', 'add', '--name', 'Dr Ann Lee', '--case', 'school', '--role', 'expert witness', '--json')).cases[0].role).toBe('expert witness');
    expect((await run('person', 'add', '--name', 'PC Brown', '--case', 'school', '--role', 'officer')).stderr).toMatch(/Use one of: victim, expert witness/);
  });

  it('refuses bad input with a sentence to act on, and changes nothing', async () => {
    const { run, ok } = await library();
    const cases: [string[], RegExp][] = [
      [['person', 'add', '--name', 'Jane Doe', '--anonymise', 'Person A'], /--anonymise needs --reason/],
      [['person', 'add', '--name', 'Jane Doe', '--case', 'school'], /--case and --role go together/],
      [['person', 'add', '--name', 'Jane Doe', '--case', 'school', '--role', 'suspect'], /“suspect” is not a role/],
      [['person', 'add', '--name', 'Jane Doe', '--anonymise', 'Jane D', '--reason', 'child'], /contains “Jane”/],
      [['person', 'add', '--name', 'Jane Doe', '--anonymise', 'Person A', '--reason', 'because'], /use one of court-order, child/],
      [['person', 'show', 'Nobody'], /No one called “Nobody”/],
      [['person', 'edit', 'Nobody', '--clear', 'height'], /--clear takes aliases, note or anonymity/],
    ];
    for (const [args, message] of cases) {
      const result = await run(...args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect(await ok('people', '--json')).toBe('[]');
  });
});
