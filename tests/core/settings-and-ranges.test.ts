/* Library settings (library:updateSettings) and the date-range rule every edge shares, on a real temp library. */
import { describe, expect, it } from 'vitest';
import { tempLibrary } from '../helpers/temp-library';

describe('date ranges', () => {
  it('refuses a range that ends before it starts, on create and on update, naming both dates', async () => {
    const { api } = await tempLibrary();
    const message = 'This ends (c. 2019) before it starts (15 March 2021). Correct one of the two dates, or clear the end date.';
    await expect(api['cases:create']({ fields: { title: 'Backwards', incidentDate: { value: '2021-03-15' }, incidentEndDate: { value: '2019', certainty: 'approximate' } } })).rejects.toThrow(message);
    const c = await api['cases:create']({ fields: { title: 'Forwards', incidentDate: { value: '2021-03-15' } } });
    await expect(api['cases:update']({ caseId: c.id, patch: { incidentEndDate: { value: '2019', certainty: 'approximate' } } })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: `incidentEndDate: ${message}` });
    // A month that contains the start day is a possible end: the benefit of the doubt.
    await api['cases:update']({ caseId: c.id, patch: { incidentEndDate: { value: '2021-03' } } });
    const e = await api['events:create']({ caseId: c.id, fields: { date: { value: '2021-03' }, endDate: { value: '2021-03-02' }, title: 'Within March' } });
    await expect(api['events:update']({ caseId: c.id, eventId: e.id, patch: { date: { value: '2021-04-01' } } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('settings', () => {
  it('stores the user name, email and export defaults, refuses a bad email, and journals the name', async () => {
    const { api, lib } = await tempLibrary();
    await api['library:updateSettings']({ userName: 'Ada Lovelace', userEmail: 'ada@example.org', citationStyle: 'apa', batesPrefix: 'MET', marking: 'CONFIDENTIAL' });
    await expect(api['library:updateSettings']({ userEmail: 'not an address' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api['library:updateSettings']({ batesPrefix: 'no:colons' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await api['library:info']({})).settings).toEqual({ userName: 'Ada Lovelace', userEmail: 'ada@example.org', citationStyle: 'apa', batesPrefix: 'MET', marking: 'CONFIDENTIAL' });
    const c = await api['cases:create']({ fields: { title: 'After the name was set' } });
    expect((await api['journal:list']({ caseId: c.id })).entries[0].who).toBe('Ada Lovelace');
    await api['library:updateSettings']({ marking: null });
    expect(lib.read.library.settings.marking).toBeUndefined();
  });
});
