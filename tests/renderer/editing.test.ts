import { describe, expect, it } from 'vitest';
import { buildTagTree } from '../../src/renderer/src/features/tags/tag-tree';
import { authorsToText, textToAuthors } from '../../src/renderer/src/features/sources/authors';
import { diffPatch, issuesToErrors, readDate } from '../../src/renderer/src/ui/form';
import { dateToText } from '../../src/renderer/src/ui/date-text';
import { parsePartialDate } from '../../src/shared/partial-date';

describe('editing helpers', () => {
  it('show a stored date as text that reads back to the same date', () => {
    for (const date of [
      { value: '2022', certainty: 'exact' },
      { value: '2022-06', certainty: 'exact' },
      { value: '2022-06-28', certainty: 'exact' },
      { value: '2021-03', certainty: 'approximate' },
      { value: '2022-06-28', certainty: 'inferred' },
      { value: '2022', certainty: 'inferred' },
    ] as const) {
      expect(parsePartialDate(dateToText(date))).toEqual(date);
    }
  });

  it('report an unreadable date against its own field', () => {
    const errors: Record<string, string> = {};
    expect(readDate('31/02/2022', 'publishedDate', errors)).toBeUndefined();
    expect(errors.publishedDate).toMatch(/not a date/);
    expect(readDate('  ', 'accessedDate', errors)).toBeUndefined();
    expect(errors.accessedDate).toBeUndefined();
  });

  it('read authors one per line: people as Family, Given; organisations whole', () => {
    const authors = textToAuthors('Couzens, Wayne\nIndependent Office for Police Conduct\n\n  Smith ,  \n');
    expect(authors).toEqual([{ family: 'Couzens', given: 'Wayne' }, { literal: 'Independent Office for Police Conduct' }, { family: 'Smith' }]);
    expect(authorsToText(authors)).toBe('Couzens, Wayne\nIndependent Office for Police Conduct\nSmith');
  });

  it('send only what changed, with null to clear a field', () => {
    const before = { title: 'A', url: 'https://example.org/', tags: ['x'], publisher: 'P' };
    const after = { title: 'A', url: undefined, tags: ['x', 'y'], publisher: 'P' };
    expect(diffPatch(before, after, ['title', 'url', 'tags', 'publisher'])).toEqual({ url: null, tags: ['x', 'y'] });
  });

  it('put each validation message beside the field it is about', () => {
    const errors = issuesToErrors([
      { path: ['fields', 'url'], message: 'Use a full web address' },
      { path: 'patch.authors.0.family', message: 'An author needs a family name' },
      { path: ['url'], message: 'second message for url' },
    ]);
    expect(errors).toEqual({ url: 'Use a full web address', authors: 'An author needs a family name' });
  });

  it('build the tag tree with counts that include everything beneath each tag', () => {
    const tree = buildTagTree([
      { path: 'theme', count: 1 },
      { path: 'theme/misogyny', count: 3 },
      { path: 'theme/racism', count: 2 },
      { path: 'institution/iopc', count: 4 },
    ]);
    expect(tree.map((n) => [n.path, n.total])).toEqual([
      ['institution', 4],
      ['theme', 6],
    ]);
    expect(tree[1].children.map((c) => c.name)).toEqual(['misogyny', 'racism']);
  });
});
