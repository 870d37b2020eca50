/*
 * A window's session runs a few searches in the background once its library is read (warm-up.ts), so the
 * first keystrokes do not pay for code that has never run. They must change no answer a person gets, must
 * not run for a one-shot command, and must never fail anything, even when the library closes under them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLibrary } from '../../../bench/generate';
import { openLibrary } from '../../../src/core/library-session';
import { SearchService } from '../../../src/core/search/search-service';
import { warmUpSearches } from '../../../src/core/search/warm-up';
import { IndexBuilder } from '../../../src/core/search/build';
import { DEFAULT_AVERAGES, SearchIndex } from '../../../src/core/search/search-index';
import type { SearchResults } from '../../../src/shared/api/search-types';
import { tempDir } from '../../helpers/temp-library';

async function generated(): Promise<string> {
  const dir = path.join(await tempDir(), 'generated');
  await generateLibrary(dir, { seed: 11, cases: 6, sourcesPerCase: 40, notesPerCase: 20, eventsPerCase: 20 });
  return dir;
}

/** What a person sees of an answer: everything but the time it took. */
const seen = (r: SearchResults) => ({ ...r, tookMs: 0 });

/** Prefixes, a word the index does not hold (typos), phrases, a negated phrase, ungrouped pages. */
const QUERIES: [string, { group?: boolean; limit?: number }][] = [
  ['pol', {}],
  ['polic', {}],
  ['police officers', {}],
  ['"the police"', {}],
  ['"police officers" -"the inquiry"', {}],
  ['offcers', {}],
  ['inq', { group: false, limit: 50 }],
];

describe('search warm-up', () => {
  it('runs in a window’s session, and changes no answer', async () => {
    const dir = await generated();
    // Each session opens read-only, so both can be open at once; a one-shot (not warm) one is the reference.
    const command = await openLibrary(dir, { readOnly: true, warm: false });
    const window = await openLibrary(dir, { readOnly: true });
    try {
      const service = SearchService.for(window.lib);
      await service.warmedUp();
      const planned = warmUpSearches((service as unknown as { index: SearchIndex }).index);
      expect(planned.length).toBeGreaterThan(0);
      expect(planned.some((s) => s.query.startsWith('"'))).toBe(true);
      for (const [query, options] of QUERIES) {
        const cold = await command.api['search:query']({ query, limit: 8, hitsPerCase: 3, ...options });
        const warm = await window.api['search:query']({ query, limit: 8, hitsPerCase: 3, ...options });
        expect(seen(warm), query).toEqual(seen(cold));
      }
      // The reference session never warmed up: it has nothing to wait for.
      await expect(SearchService.for(command.lib).warmedUp()).resolves.toBeUndefined();
    } finally {
      await window.close();
      await command.close();
    }
  });

  it('plans nothing for an index without words, and a phrase even for a library as small as the sample', () => {
    expect(warmUpSearches(SearchIndex.empty())).toEqual([]);
    const builder = new IndexBuilder(DEFAULT_AVERAGES);
    const note = (i: number, body: string) => ({ kind: 'note' as const, recordId: `n${i}`, fields: [{ name: 'body' as const, text: body }], tags: [], titleKey: `n${i}` });
    builder.addCase('c1', { live: true, status: 'open' }, [note(0, 'Police officers at the inquest'), note(1, 'The police complaint'), note(2, 'Officers of the police')]);
    const planned = warmUpSearches(builder.finish());
    expect(planned.map((s) => s.query)).toContain('pol');
    expect(planned.some((s) => s.query.startsWith('"'))).toBe(true);
  });

  it('never fails, even when the library closes while it runs', async () => {
    const dir = await generated();
    const window = await openLibrary(dir, { readOnly: true });
    const service = SearchService.for(window.lib);
    await window.close();
    await expect(service.warmedUp()).resolves.toBeUndefined();
  });
});
