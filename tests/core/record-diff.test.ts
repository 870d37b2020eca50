import { describe, expect, it } from 'vitest';
import { diffRecordLists, noteDerivedList, positionsById } from '../../src/core/storage/record-diff';

const rec = (id: string, text = id) => ({ id, text });

describe('diffRecordLists', () => {
  const a = rec('a');
  const b = rec('b');
  const c = rec('c');

  it('skips records the versions share, and pairs the rest by id', () => {
    const b2 = rec('b', 'changed');
    const d = rec('d');
    expect(diffRecordLists([a, b, c], [a, b2, c, d])).toEqual({ pairs: [{ id: 'b', before: b, after: b2 }, { id: 'd', after: d }], inPlace: true });
    expect(diffRecordLists([a, b, c], [a, c])).toEqual({ pairs: expect.arrayContaining([{ id: 'b', before: b }]), inPlace: true });
    expect(diffRecordLists([a, b], [a, b])).toEqual({ pairs: [], inPlace: true });
  });

  it('reports a copy with equal content as a pair (content is the caller’s to compare)', () => {
    const copy = { ...b };
    expect(diffRecordLists([a, b], [a, copy]).pairs).toEqual([{ id: 'b', before: b, after: copy }]);
  });

  it('says when the order is not "what stays, in place, then what was added"', () => {
    expect(diffRecordLists([a, b, c], [c, a, b]).inPlace).toBe(false);
    expect(diffRecordLists([a, b, c], [b, a, c]).inPlace).toBe(false);
    const d = rec('d');
    expect(diffRecordLists([a, b, c], [d, a, b, c]).inPlace).toBe(false);
    expect(diffRecordLists([a, b, c], [a, c, d]).inPlace).toBe(true); // b removed, d appended
    expect(diffRecordLists([a, b, c], [b, c]).inPlace).toBe(true);
  });
});

describe('positions by id of stored lists', () => {
  it('finds each record of a list, and shares the map with a list derived from it that kept its ids', () => {
    const base = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const map = positionsById(base);
    expect([...map]).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    // An edit in place (same id at the replaced position) shares the map.
    const edited = [base[0], { id: 'b', title: 'edited' }, base[2]];
    noteDerivedList(edited, base, [1]);
    expect(positionsById(edited)).toBe(map);
    // A replaced position holding another id gets a map of its own, with the right positions.
    const swapped = [base[0], { id: 'x' }, base[2]];
    noteDerivedList(swapped, base, [1]);
    expect(positionsById(swapped)).not.toBe(map);
    expect(positionsById(swapped).get('x')).toBe(1);
    expect(positionsById(swapped).has('b')).toBe(false);
  });
});
