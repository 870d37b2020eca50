/*
 * An edit is validated once (services/records.ts, patchedRecord): the contract parses the patch with the
 * record's own field schemas, and a patch that only sets fields is not parsed whole again. These check that
 * what is saved is exactly what a full parse of the record would give, and that the patches a full parse is
 * still needed for (clearing a field, an event's dates) are still refused or completed by it.
 */
import { describe, expect, it } from 'vitest';
import { CaseLibrary } from '../../../src/core/case-library';
import { EventRecord, NoteRecord, SourceRecord } from '../../../src/shared/domain';
import { fixedDeps, tempLibrary } from '../../helpers/temp-library';

async function caseWithRecords() {
  const made = await tempLibrary();
  const c = await made.api['cases:create']({ fields: { title: 'Patched records' } });
  const s = await made.api['sources:create']({ caseId: c.id, fields: { title: 'Report', url: 'https://example.org/r', tags: ['a/b'] } });
  const n = await made.api['notes:create']({ caseId: c.id, fields: { title: 'Note', body: 'Body', tags: ['a'] } });
  const e = await made.api['events:create']({ caseId: c.id, fields: { date: { value: '2022-07-06' }, title: 'Event' } });
  return { ...made, c, s, n, e };
}

describe('an edit validated once', () => {
  it('saves records a full parse accepts unchanged, and reads them back the same after reopening', async () => {
    const { dir, lib, api, c, s, n, e } = await caseWithRecords();
    const source = await api['sources:update']({ caseId: c.id, sourceId: s.id, patch: { title: 'Report (final)', publisher: 'IOPC', tags: ['x/y'] } });
    const note = await api['notes:update']({ caseId: c.id, noteId: n.id, patch: { body: 'New body', quotations: [{ sourceId: s.id, quote: 'unacceptable' }] } });
    const event = await api['events:update']({ caseId: c.id, eventId: e.id, patch: { description: 'Confirmed', claimStatus: 'found' } });
    expect(SourceRecord.parse(source)).toEqual(source);
    expect(NoteRecord.parse(note)).toEqual(note);
    expect(EventRecord.parse(event)).toEqual(event);
    expect(note.quotations[0].id).toMatch(/^quo_/);
    expect(lib.read.library.tags.map((t) => t.path)).toEqual(expect.arrayContaining(['x', 'x/y']));
    await lib.close();
    const reopened = await CaseLibrary.open(dir, fixedDeps());
    const file = reopened.requireCase(c.id);
    expect(file.sources.find((r) => r.id === s.id)).toEqual(source);
    expect(file.notes.find((r) => r.id === n.id)).toEqual(note);
    expect(file.events.find((r) => r.id === e.id)).toEqual(event);
    await reopened.close();
  });

  it('still parses whole a patch that clears a field or touches an event’s dates', async () => {
    const { lib, api, c, s, n, e } = await caseWithRecords();
    // Clearing a field with a default fills the default in; clearing a required one is refused.
    expect((await api['notes:update']({ caseId: c.id, noteId: n.id, patch: { tags: null } })).tags).toEqual([]);
    await expect(api['sources:update']({ caseId: c.id, sourceId: s.id, patch: { title: null } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // An end before the start is refused, from either side of the range.
    await expect(api['events:update']({ caseId: c.id, eventId: e.id, patch: { endDate: { value: '2022-07-01' } } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await api['events:update']({ caseId: c.id, eventId: e.id, patch: { endDate: { value: '2022-07-09' } } });
    await expect(api['events:update']({ caseId: c.id, eventId: e.id, patch: { date: { value: '2022-08-01' } } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // A field the contract refuses never reaches the record.
    await expect(api['sources:update']({ caseId: c.id, sourceId: s.id, patch: { url: 'not a web address' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const file = lib.requireCase(c.id);
    expect(file.sources[0].title).toBe('Report');
    expect(file.sources[0].url).toBe('https://example.org/r');
    expect(file.events[0].date).toMatchObject({ value: '2022-07-06' });
    await lib.close();
  });
});
