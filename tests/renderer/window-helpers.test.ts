/* The window's small pure helpers from issue 18: dates as typed, dossier titles and order, safe file names, one passage once. */
import { describe, expect, it } from 'vitest';
import { dossierTitle, moveItem } from '../../src/renderer/src/features/dossier/CaseOrder';
import { alsoInText, dedupeGroups } from '../../src/renderer/src/features/search/dedupe';
import { dateToText, rememberTypedDate } from '../../src/renderer/src/ui/date-text';
import type { SearchGroup, SearchHit } from '../../src/shared/api/search-types';
import type { CaseSummary } from '../../src/shared/api/types';
import { dossierFileName, safeFileStem, safePdfName } from '../../src/shared/file-names';
import { parsePartialDate } from '../../src/shared/partial-date';

describe('dates in editors', () => {
  it('show a stored date as prose, and as the person typed it once they have', () => {
    const date = parsePartialDate('15 March 2021')!;
    expect(dateToText(date)).toBe('15 March 2021');
    expect(dateToText(parsePartialDate('c. 2019'))).toBe('c. 2019');
    expect(dateToText(parsePartialDate('28 June [2022]'))).toBe('28 June [2022]');
    rememberTypedDate('15/03/2021');
    expect(dateToText(date)).toBe('15/03/2021');
    rememberTypedDate('not a date');
    expect(dateToText(date)).toBe('15/03/2021');
  });
});

describe('file names', () => {
  it('are safe on Windows: no colon or other refused character, no trailing dot, no device name', () => {
    expect(safeFileStem('Child Q: strip search')).toBe('Child Q - strip search');
    expect(safeFileStem('What? "Who" <me>|you*/..\\x')).toBe('What Who me you .. x');
    expect(safeFileStem('Ends with dots...  ')).toBe('Ends with dots');
    expect(safeFileStem('CON')).toBe('CON file');
    expect(safeFileStem('a'.repeat(200))).toHaveLength(80);
    expect(dossierFileName('Child Q: strip search', '2026-01-31')).toBe('Child Q - strip search – dossier 2026-01-31.pdf');
    expect(dossierFileName(':::', '2026-01-31')).toBe('Casefolio – dossier 2026-01-31.pdf');
    expect(safePdfName('../../etc/passwd.pdf')).toBe('etc passwd.pdf');
    expect(safePdfName('.pdf')).toBe('Casefolio dossier.pdf');
  });
});

const summary = (id: string, title: string) => ({ id, slug: id, title, status: 'open', tags: [], updatedAt: '2026-01-01T00:00:00.000Z', counts: { sources: 0, notes: 0, events: 0, attachments: 0 } }) as CaseSummary;

describe('dossier title and order', () => {
  const cases = [summary('a', 'Sarah Everard'), summary('b', 'Child Q: strip search'), summary('c', 'Jermaine Baker'), summary('d', 'Stephen Port')];
  it('name a dossier after one, two or more cases', () => {
    expect(dossierTitle([], cases)).toBe('');
    expect(dossierTitle(['a'], cases)).toBe('Sarah Everard');
    expect(dossierTitle(['b', 'a'], cases)).toBe('Child Q: strip search and Sarah Everard');
    expect(dossierTitle(['a', 'b', 'c'], cases)).toBe('Sarah Everard, Child Q: strip search and 1 more case');
    expect(dossierTitle(['a', 'b', 'c', 'd'], cases)).toBe('Sarah Everard, Child Q: strip search and 2 more cases');
  });
  it('move one case up or down, never past the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 3)).toEqual(['a', 'b', 'c']);
  });
});

describe('search results', () => {
  const hit = (id: string, sha?: string, page = 0): SearchHit => ({
    ref: { caseId: 'case_x', kind: 'source', id },
    kind: sha ? 'attachment' : 'source',
    title: id,
    titleMatches: [],
    score: 1,
    tags: [],
    ...(sha ? { attachment: { id: `att_${id}`, fileName: 'article.txt', sha256: sha, page: { index: page }, sourceTitle: 'Article' } } : {}),
  });
  const group = (title: string, hits: SearchHit[]): SearchGroup => ({ caseId: title, slug: title, title, status: 'open', score: 1, hitCount: hits.length, hits });
  it('show one page of a shared file once, under the first case, with the others named', () => {
    const shown = dedupeGroups([group('A', [hit('a1', 'f'.repeat(64)), hit('a2')]), group('B', [hit('b1', 'f'.repeat(64))]), group('C', [hit('c1', 'f'.repeat(64), 1), hit('c2', 'f'.repeat(64))])]);
    expect(shown.map((g) => [g.group.title, g.hits.map((h) => h.hit.ref.id)])).toEqual([
      ['A', ['a1', 'a2']],
      ['C', ['c1']],
    ]);
    expect(shown[0].hits[0].alsoIn).toEqual(['B', 'C']);
    expect(alsoInText(['B', 'C'])).toBe('Also in B and C');
    expect(alsoInText(['B', 'C', 'D', 'E'])).toBe('Also in B, C and 2 more cases');
  });
});
