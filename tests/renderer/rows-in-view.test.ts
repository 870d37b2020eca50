/* Quick search draws the rows that can be on screen first, the rest once that frame is painted. */
import { describe, expect, it } from 'vitest';
import type { SearchGroup, SearchHit } from '../../src/shared/api/search-types';
import type { ShownGroup } from '../../src/renderer/src/features/search/dedupe';
import { firstRows, rowCount, rowsInView } from '../../src/renderer/src/features/search/rows-in-view';

const group = (caseId: string, hits: number): ShownGroup => ({
  group: { caseId, title: caseId } as SearchGroup,
  hits: Array.from({ length: hits }, (_, i) => ({ hit: { title: `${caseId}-${i}` } as SearchHit, alsoIn: [] })),
});
const titles = (groups: ShownGroup[]) => groups.flatMap((g) => g.hits.map((h) => h.hit.title));

describe('rows in view', () => {
  it('counts enough rows to fill the list of a window of any height, never fewer than four', () => {
    // The list is the window less 240 px; the shortest row is 52 px; one more row covers a part-row at the fold.
    expect(rowsInView(800)).toBe(Math.ceil(560 / 52) + 1);
    expect(rowsInView(1440)).toBe(Math.ceil(1200 / 52) + 1);
    expect(rowsInView(200)).toBe(4);
  });

  it('keeps the first rows in order, cutting a group in the middle and leaving out the groups after it', () => {
    const groups = [group('a', 3), group('b', 3), group('c', 2)];
    const cut = firstRows(groups, 5);
    expect(titles(cut)).toEqual(['a-0', 'a-1', 'a-2', 'b-0', 'b-1']);
    expect(cut.map((g) => g.group.caseId)).toEqual(['a', 'b']);
    expect(cut[0]).toBe(groups[0]); // a whole group is passed on as it was: its rows are not rendered again
    expect(rowCount(cut)).toBe(5);
  });

  it('keeps every row when they all fit', () => {
    const groups = [group('a', 3), group('b', 1)];
    expect(titles(firstRows(groups, 4))).toEqual(titles(groups));
    expect(titles(firstRows(groups, 40))).toEqual(titles(groups));
  });
});
