/* Finding a record by its id alone, as the CLI's edit, delete, restore and quote commands do. */
import { describe, expect, it } from 'vitest';
import { locateRecord } from '../../src/core/services/locate';
import { tempLibrary } from '../helpers/temp-library';

describe('locateRecord', () => {
  it('finds cases (by id or slug), sources, notes, events and quotations, in the trash too', async () => {
    const { lib, api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Death in custody', slug: 'custody' } });
    const other = await api['cases:create']({ fields: { title: 'Other' } });
    const source = await api['sources:create']({ caseId: 'custody', fields: { title: 'Report' } });
    const note = await api['notes:create']({ caseId: 'custody', fields: { title: 'Note', quotations: [{ sourceId: source.id, quote: 'Words' }] } });
    const event = await api['events:create']({ caseId: 'custody', fields: { title: 'Arrest', date: { value: '2021' } } });
    expect(locateRecord(lib, c.id)).toMatchObject({ kind: 'case', caseId: c.id, title: 'Death in custody', inTrash: false });
    expect(locateRecord(lib, 'custody')).toMatchObject({ kind: 'case', id: c.id });
    expect(locateRecord(lib, source.id)).toMatchObject({ kind: 'source', caseId: c.id, caseTitle: 'Death in custody', title: 'Report' });
    expect(locateRecord(lib, event.id)).toMatchObject({ kind: 'event', title: 'Arrest' });
    expect(locateRecord(lib, note.quotations[0].id)).toMatchObject({ kind: 'quotation', noteId: note.id, title: 'Words' });
    await api['notes:delete']({ caseId: c.id, noteId: note.id });
    expect(locateRecord(lib, note.id)).toMatchObject({ kind: 'note', inTrash: true });
    await api['cases:delete']({ caseId: c.id });
    expect(locateRecord(lib, source.id)).toMatchObject({ kind: 'source', inTrash: true });
    expect(() => locateRecord(lib, source.id, other.id)).toThrow(`Nothing has the id “${source.id}” in the case “${other.id}”.`);
    expect(() => locateRecord(lib, 'src_unknown')).toThrow('Nothing has the id “src_unknown” in this library. The ids are shown by `casefolio show <case>`.');
  });
});
