/* The people register: adding, changing, linking, trashing people, and the rules that refuse bad entries. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../../src/core/case-library';
import { ApiError } from '../../../src/shared/errors';
import { fixedDeps, tempLibrary } from '../../helpers/temp-library';

async function libraryWithCase() {
  const t = await tempLibrary();
  const c = await t.api['cases:create']({ fields: { title: 'Strip-search of a schoolgirl', slug: 'child-q' } });
  const event = await t.api['events:create']({ caseId: c.id, fields: { date: { value: '2020-12' }, title: 'The search at school' } });
  const source = await t.api['sources:create']({ caseId: c.id, fields: { title: 'Local Child Safeguarding Practice Review' } });
  return { ...t, c, event, source };
}

const refused = async (promise: Promise<unknown>, code: string, message: RegExp) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ code });
  expect((error as Error).message).toMatch(message);
};

describe('the people register', () => {
  it('adds a person with aliases, a role in a case and anonymity, and keeps them in library.json', async () => {
    const { api, dir, lib, c } = await libraryWithCase();
    const person = await api['people:create']({
      fields: { name: 'Jane Doe', aliases: ['J. Doe'], cases: [{ caseId: 'child-q', role: 'victim' }], anonymity: { cipher: 'Child Q', reason: 'child' } },
    });
    expect(person).toMatchObject({ name: 'Jane Doe', aliases: ['J. Doe'], cases: [{ caseId: c.id, role: 'victim', eventIds: [], sourceIds: [] }], anonymity: { cipher: 'Child Q', reason: 'child' } });
    expect(person.id).toMatch(/^person_/);
    expect(await api['people:list']({})).toEqual([person]);
    expect(await api['people:list']({ caseId: c.id })).toEqual([person]);
    await lib.close();
    const onDisk = JSON.parse(await readFile(path.join(dir, 'library.json'), 'utf8'));
    expect(onDisk.people).toEqual([person]);
    const reopened = await CaseLibrary.open(dir, fixedDeps());
    expect(reopened.read.library.people).toEqual([person]);
    await reopened.close();
  });

  it('finds a person by id, name, alias or cipher, whatever the case and accents', async () => {
    const { api } = await libraryWithCase();
    const zoe = await api['people:create']({ fields: { name: 'Zoë Adams', aliases: ['Z. Adams'], anonymity: { cipher: 'Person A', reason: 'own-request' } } });
    for (const key of [zoe.id, 'zoe adams', 'Z. ADAMS', 'person a']) expect((await api['people:get']({ personId: key })).person.id).toBe(zoe.id);
    await refused(api['people:get']({ personId: 'Nobody' }), 'NOT_FOUND', /No one called “Nobody”/);
  });

  it('asks which one when two people share a name', async () => {
    const { api } = await libraryWithCase();
    const a = await api['people:create']({ fields: { name: 'John Smith' } });
    const b = await api['people:create']({ fields: { name: 'John Smith', note: 'The other one' } });
    await refused(api['people:get']({ personId: 'John Smith' }), 'CONFLICT', new RegExp(`${a.id}, ${b.id}`));
  });

  it('refuses an empty name, a name given twice, a cipher that contains a name, an anonymity without a cipher, and an unknown role', async () => {
    const { api, c } = await libraryWithCase();
    await refused(api['people:create']({ fields: { name: '   ' } }), 'INVALID_INPUT', /A name cannot be empty/);
    await refused(api['people:create']({ fields: { name: 'Jane Doe', aliases: ['JANE DOE'] } }), 'INVALID_INPUT', /given twice/);
    await refused(api['people:create']({ fields: { name: 'Jane Doe', aliases: ['Doe', 'doë'] } }), 'INVALID_INPUT', /given twice/);
    await refused(api['people:create']({ fields: { name: 'Jane Doe', aliases: ['Jane'], anonymity: { cipher: 'Witness Jane', reason: 'court-order' } } }), 'INVALID_INPUT', /contains “Jane”/);
    await refused(api['people:create']({ fields: { name: 'Jane Doe', anonymity: { cipher: ' ', reason: 'child' } } }), 'INVALID_INPUT', /A cipher cannot be empty/);
    await refused(api['people:create']({ fields: { name: 'Jane Doe', anonymity: { reason: 'child' } as never } }), 'INVALID_INPUT', /cipher/);
    await refused(api['people:create']({ fields: { name: 'Jane Doe', cases: [{ caseId: c.id, role: 'suspect' }] } }), 'INVALID_INPUT', /“suspect” is not a role.*victim, family, officer/);
    await refused(api['people:create']({ fields: { name: 'Jane Doe', cases: [{ caseId: 'no-such-case', role: 'victim' }] } }), 'NOT_FOUND', /No case "no-such-case"/);
    expect(await api['people:list']({})).toEqual([]);
  });

  it('takes roles from the library’s own vocabulary once it has one', async () => {
    const { api, c } = await libraryWithCase();
    await api['library:updateSettings']({ personRoles: ['victim', 'expert witness'] });
    const expert = await api['people:create']({ fields: { name: 'Dr Ann Lee', cases: [{ caseId: c.id, role: 'expert witness' }] } });
    expect(expert.cases[0].role).toBe('expert witness');
    await refused(api['people:create']({ fields: { name: 'PC Brown', cases: [{ caseId: c.id, role: 'officer' }] } }), 'INVALID_INPUT', /Use one of: victim, expert witness/);
  });

  it('edits a person, clearing a field with null, and checks the result by the same rules', async () => {
    const { api } = await libraryWithCase();
    const p = await api['people:create']({ fields: { name: 'Jane Doe', note: 'Mother', anonymity: { cipher: 'Person B', reason: 'own-request' } } });
    const edited = await api['people:update']({ personId: p.id, patch: { aliases: ['Jane Smith'], note: null, anonymity: null } });
    expect(edited).toMatchObject({ aliases: ['Jane Smith'] });
    expect(edited.note).toBeUndefined();
    expect(edited.anonymity).toBeUndefined();
    expect(edited.updatedAt > p.updatedAt).toBe(true);
    await refused(api['people:update']({ personId: p.id, patch: { anonymity: { cipher: 'Ms Smith', reason: 'other' } } }), 'INVALID_INPUT', /contains “Smith”, part of a name/);
    // A title the cipher shares with the name gives nothing away.
    const officer = await api['people:create']({ fields: { name: 'Officer John Smith', anonymity: { cipher: 'Officer W80', reason: 'court-order', orderRef: 'Order 2023/17' } } });
    expect(officer.anonymity).toEqual({ cipher: 'Officer W80', reason: 'court-order', orderRef: 'Order 2023/17' });
  });

  it('links a person to events and sources of a case, refusing ones that do not exist, and unlinks them', async () => {
    const { api, c, event, source } = await libraryWithCase();
    const p = await api['people:create']({ fields: { name: 'Jane Doe' } });
    await refused(api['people:link']({ personId: p.id, caseId: c.id }), 'INVALID_INPUT', /Give “Jane Doe” a role/);
    const linked = await api['people:link']({ personId: p.id, caseId: 'child-q', role: 'victim', eventIds: [event.id], sourceIds: [source.id] });
    expect(linked.cases).toEqual([{ caseId: c.id, role: 'victim', eventIds: [event.id], sourceIds: [source.id] }]);
    await refused(api['people:link']({ personId: p.id, caseId: c.id, eventIds: ['evt_missing'] }), 'NOT_FOUND', /has no event evt_missing/);
    const roleChanged = await api['people:link']({ personId: p.id, caseId: c.id, role: 'witness' });
    expect(roleChanged.cases).toEqual([{ caseId: c.id, role: 'witness', eventIds: [event.id], sourceIds: [source.id] }]);
    const fewer = await api['people:unlink']({ personId: p.id, caseId: c.id, eventIds: [event.id] });
    expect(fewer.cases).toEqual([{ caseId: c.id, role: 'witness', eventIds: [], sourceIds: [source.id] }]);
    const off = await api['people:unlink']({ personId: p.id, caseId: c.id });
    expect(off.cases).toEqual([]);
    expect(await api['people:list']({ caseId: c.id })).toEqual([]);
  });

  it('keeps a link to a case moved to the trash since, so the person can still be edited and linked elsewhere', async () => {
    const { api, c } = await libraryWithCase();
    const other = await api['cases:create']({ fields: { title: 'Another case' } });
    const p = await api['people:create']({ fields: { name: 'Jane Doe', cases: [{ caseId: c.id, role: 'victim' }] } });
    await api['cases:delete']({ caseId: c.id });
    const linked = await api['people:link']({ personId: p.id, caseId: other.id, role: 'witness' });
    expect(linked.cases.map((l) => l.caseId)).toEqual([c.id, other.id]);
    const edited = await api['people:update']({ personId: p.id, patch: { note: 'Still editable', cases: linked.cases } });
    expect(edited.note).toBe('Still editable');
    await refused(api['people:link']({ personId: p.id, caseId: c.id, role: 'family' }), 'NOT_FOUND', /No case/);
  });

  it('moves a person to the trash and back, and undoes a change', async () => {
    const { api } = await libraryWithCase();
    const p = await api['people:create']({ fields: { name: 'Jane Doe' } });
    await api['people:delete']({ personId: p.id });
    expect(await api['people:list']({})).toEqual([]);
    expect((await api['people:list']({ includeDeleted: true }))[0].deletedAt).toBeDefined();
    await refused(api['people:update']({ personId: p.id, patch: { note: 'x' } }), 'NOT_FOUND', /No one called/);
    const restored = await api['people:restore']({ personId: p.id });
    expect(restored.deletedAt).toBeUndefined();
    await api['people:update']({ personId: p.id, patch: { note: 'Mother of the victim' } });
    await api['history:undo']({});
    expect((await api['people:get']({ personId: p.id })).person.note).toBeUndefined();
  });

  it('journals a change to an anonymised person under the cipher, never the name', async () => {
    const { api, dir } = await libraryWithCase();
    await api['people:create']({ fields: { name: 'Jane Doe', anonymity: { cipher: 'Child Q', reason: 'child' } } });
    const journal = await readFile(path.join(dir, 'journal.jsonl'), 'utf8');
    expect(journal).toContain('Add person “Child Q”');
    expect(journal).not.toContain('Jane Doe');
  });
});
