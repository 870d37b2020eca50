/* A Zotero library of 5,000 items comes in with progress reported along the way, and a second import adds nothing. */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src/shared/api/dispatch';
import type { CallProgress, ZoteroImportReport } from '../../../../src/shared/api/types';
import { tempDir, tempLibrary } from '../../../helpers/temp-library';
import { writeZoteroDatabase, type ItemSpec } from './zotero-db';

const COUNT = 5000;

function items(): ItemSpec[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    key: `K${String(i).padStart(7, '0')}`,
    type: i % 3 === 0 ? 'journalArticle' : i % 3 === 1 ? 'report' : 'webpage',
    fields: { title: `Item ${i}: on policing and accountability`, date: `20${String(i % 24).padStart(2, '0')}-01-00 January`, publicationTitle: 'Journal of Examples', volume: String(i % 90), pages: `${i}-${i + 10}` },
    creators: [{ first: 'Jane', last: `Author${i % 50}` }],
    tags: [`topic/${i % 7}`],
    collections: [['C0000001', 'C0000002', 'C0000003'][i % 3]],
  }));
}

describe('a large Zotero library', () => {
  it(`imports ${COUNT.toLocaleString('en-GB')} items with progress, and a second import adds nothing`, async () => {
    const dir = await tempDir('zotero-large-');
    await writeZoteroDatabase(dir, { collections: [1, 2, 3].map((n) => ({ key: `C000000${n}`, name: `Collection ${n}` })), items: items() });
    const { api, handlers } = await tempLibrary();
    const progress: CallProgress[] = [];
    const run = async () => {
      const outcome = await dispatch(handlers, 'zotero:import', { dir }, { progress: (p) => progress.push(p) });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as ZoteroImportReport;
    };
    const first = await run();
    expect(first).toMatchObject({ items: COUNT, sourcesAdded: COUNT, sourcesSkipped: 0 });
    expect(progress).toHaveLength(COUNT + 1);
    expect(progress.every((p, i) => p.done === i && p.total === COUNT)).toBe(true);
    const cases = await api['cases:list']({});
    const sizes = await Promise.all(cases.map(async (c) => (await api['cases:get']({ caseId: c.id })).sources.length));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(COUNT);
    const second = await run();
    expect(second).toMatchObject({ sourcesAdded: 0, sourcesSkipped: COUNT });
    expect((await api['cases:list']({})).length).toBe(3);
  }, 300_000);
});
