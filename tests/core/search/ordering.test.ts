import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLibrary } from '../../../bench/generate';
import { CaseLibrary } from '../../../src/core/case-library';
import { createHandlers } from '../../../src/core/handlers';
import { dateSpan } from '../../../src/core/search/query';
import { foldTerm } from '../../../src/core/search/text';
import { createClient } from '../../../src/shared/api/client';
import { dispatch } from '../../../src/shared/api/dispatch';
import type { SearchHit, SearchSort } from '../../../src/shared/api/search-types';
import { tempDir } from '../../helpers/temp-library';

/** A generated library of 6 cases and 480 records: many shared dates (years only, months only), repeated words. */
async function generated() {
  const dir = path.join(await tempDir(), 'generated');
  await generateLibrary(dir, { seed: 11, cases: 6, sourcesPerCase: 40, notesPerCase: 20, eventsPerCase: 20 });
  const lib = await CaseLibrary.open(dir, { warm: false });
  const handlers = createHandlers(lib);
  const api = createClient((name, payload) => dispatch(handlers, name, payload));
  return { lib, api };
}

const key = (hit: SearchHit, sort: SearchSort) => {
  const span = dateSpan(hit.date);
  switch (sort) {
    case 'newest':
      return -(span?.[0] ?? 0);
    case 'oldest':
      return span?.[0] ?? Number.MAX_SAFE_INTEGER;
    case 'title':
      return foldTerm(hit.title.replace(/\s+/g, ' ').trim()).slice(0, 64);
    case 'relevance':
      return -hit.score;
  }
};

describe('ordering large result sets', () => {
  it('sorts every row, and any page is the same slice of the whole order', async () => {
    const { lib, api } = await generated();
    for (const [query, sort] of [
      ['kind:case,source,note,event', 'title'],
      ['kind:case,source,note,event', 'newest'],
      ['kind:source,event', 'oldest'],
      ['police OR officers OR inquiry', 'relevance'],
      ['police OR officers', 'newest'],
    ] as [string, SearchSort][]) {
      const all = await api['search:query']({ query, sort, group: false, limit: 1000 });
      expect(all.hits!.length).toBe(all.total);
      expect(all.total).toBeGreaterThan(50);
      for (let i = 1; i < all.hits!.length; i++) {
        const [a, b] = [key(all.hits![i - 1], sort), key(all.hits![i], sort)];
        if (sort === 'relevance') expect(a as number).toBeLessThanOrEqual((b as number) + 1e-3);
        else expect(a <= b, `${query} ${sort}: row ${i} (${String(a)} then ${String(b)})`).toBe(true);
      }
      const ids = all.hits!.map((h) => `${h.ref.id}/${h.attachment?.page.index ?? ''}`);
      for (const [offset, limit] of [
        [0, 5],
        [7, 3],
        [40, 20],
        [all.total - 4, 10],
      ]) {
        const page = await api['search:query']({ query, sort, group: false, offset, limit });
        expect(page.hits!.map((h) => `${h.ref.id}/${h.attachment?.page.index ?? ''}`), `${query} ${sort} ${offset}+${limit}`).toEqual(ids.slice(offset, offset + limit));
      }
    }
    await lib.close();
  });
});
