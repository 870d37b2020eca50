import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, eventMatches, filterToQuery, queryToFilter, sortEvents, sortSources, sourceMatches } from '../../src/renderer/src/features/records/record-filter';
import { EventRecord, SourceRecord } from '../../src/shared/domain';

const at = '2026-01-01T00:00:00.000Z';
const source = (id: string, fields: Partial<SourceRecord>) => SourceRecord.parse({ id, createdAt: at, updatedAt: at, title: id, ...fields });
const event = (id: string, fields: Partial<EventRecord>) => EventRecord.parse({ id, createdAt: at, updatedAt: at, title: id, date: { value: '2022' }, ...fields });

describe('list filters', () => {
  it('match a tag and everything beneath it, but not a tag that merely starts the same', () => {
    const f = { ...EMPTY_FILTER, tag: 'theme' };
    expect(sourceMatches(source('src_a1', { tags: ['theme/misogyny'] }), f)).toBe(true);
    expect(sourceMatches(source('src_a2', { tags: ['theme'] }), f)).toBe(true);
    expect(sourceMatches(source('src_a3', { tags: ['themes'] }), f)).toBe(false);
  });

  it('read date ranges at the precision typed: "to 2022" includes all of 2022', () => {
    const f = { ...EMPTY_FILTER, from: 'June 2021', to: '2022' };
    expect(sourceMatches(source('src_b1', { publishedDate: { value: '2022-12-31', certainty: 'exact' } }), f)).toBe(true);
    expect(sourceMatches(source('src_b2', { publishedDate: { value: '2021-06', certainty: 'exact' } }), f)).toBe(true);
    expect(sourceMatches(source('src_b3', { publishedDate: { value: '2021-05-31', certainty: 'exact' } }), f)).toBe(false);
    expect(sourceMatches(source('src_b4', { publishedDate: { value: '2023', certainty: 'exact' } }), f)).toBe(false);
    expect(sourceMatches(source('src_b5', {}), f)).toBe(false);
  });

  it('find words regardless of case and accents, in any order', () => {
    const s = source('src_c1', { title: 'Inquest into the death of Łukasz Zoë', publisher: 'Coroner’s Court' });
    expect(sourceMatches(s, { ...EMPTY_FILTER, text: 'zoe inquest' })).toBe(true);
    expect(sourceMatches(s, { ...EMPTY_FILTER, text: 'coroner' })).toBe(true);
    expect(sourceMatches(s, { ...EMPTY_FILTER, text: 'inquiry' })).toBe(false);
  });

  it('filter events by claim status', () => {
    const f = { ...EMPTY_FILTER, claims: ['found' as const] };
    expect(eventMatches(event('evt_1', { claimStatus: 'found' }), f)).toBe(true);
    expect(eventMatches(event('evt_2', { claimStatus: 'alleged' }), f)).toBe(false);
  });

  it('round-trip through the search query language, so saved searches keep their meaning', () => {
    const f = { text: 'missed opportunities', tag: 'theme/homophobia', kinds: ['inquiry-finding' as const, 'court-judgment' as const], claims: ['found' as const], from: 'June 2021', to: '2022' };
    const query = filterToQuery(f);
    expect(query).toBe('tag:theme/homophobia kind:inquiry-finding,court-judgment status:found date:2021-06..2022 missed opportunities');
    expect(queryToFilter(query)).toEqual({ ...f, from: '2021-06', to: '2022' });
    expect(queryToFilter('tag:"with space" after:2020 plain')).toMatchObject({ tag: 'with space', from: '2020', text: 'plain' });
  });
});

describe('list sorting', () => {
  it('puts undated sources last and coarser dates before the finer dates they contain', () => {
    const list = [source('src_d1', { publishedDate: { value: '2022-06-28', certainty: 'exact' } }), source('src_d2', {}), source('src_d3', { publishedDate: { value: '2022', certainty: 'exact' } })];
    expect(sortSources(list, 'published').map((s) => s.id)).toEqual(['src_d3', 'src_d1', 'src_d2']);
    expect(sortSources(list, 'title', true).map((s) => s.id)).toEqual(['src_d3', 'src_d2', 'src_d1']);
  });

  it('orders the chronology by date, then by when events were entered', () => {
    const list = [event('evt_b', { date: { value: '2022-07-05', certainty: 'exact' } }), event('evt_a', { date: { value: '2021-03', certainty: 'exact' } })];
    expect(sortEvents(list, 'date').map((e) => e.id)).toEqual(['evt_a', 'evt_b']);
  });
});
