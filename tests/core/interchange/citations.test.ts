import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCitation } from '../../../src/core/interchange/citations';
import { CITATION_STYLE_IDS } from '../../../src/shared/api/contract';
import { SOURCE_KINDS, SourceRecord } from '../../../src/shared/domain';
import { casefolio } from '../../helpers/cli';
import { tempLibrary } from '../../helpers/temp-library';

const STYLES = path.resolve(__dirname, '../../../src/core/interchange/styles');

const record = (fields: Record<string, unknown>) =>
  SourceRecord.parse({ id: 'src_0001', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...fields });

const ARTICLE = record({
  kind: 'news-article',
  title: 'Officers to face hearing over filmed stop and search',
  authors: [{ family: 'Doe', given: 'Jane' }, { family: 'Okafor', given: 'Chinedu' }],
  publisher: 'The Northshire Gazette',
  publishedDate: { value: '2022-06-28' },
  url: 'https://news.example.com/northshire/officers',
  accessedDate: { value: '2023-01-02' },
});

describe('formatted citations', () => {
  it('formats a newspaper article in OSCOLA, as a bibliography entry and as a footnote with a pinpoint', () => {
    expect(formatCitation(ARTICLE, 'oscola')).toBe(
      'Doe J and Okafor C, ‘Officers to Face Hearing over Filmed Stop and Search’ The Northshire Gazette (28 June 2022) <https://news.example.com/northshire/officers> accessed 2 January 2023',
    );
    expect(formatCitation(ARTICLE, 'oscola', { mode: 'note', pinpoint: { kind: 'page', value: 'iv' } })).toBe(
      'Jane Doe and Chinedu Okafor, ‘Officers to Face Hearing over Filmed Stop and Search’ The Northshire Gazette (28 June 2022) iv <https://news.example.com/northshire/officers> accessed 2 January 2023.',
    );
  });

  it('offers OSCOLA first, and formats every kind of source in every style', () => {
    expect(CITATION_STYLE_IDS[0]).toBe('oscola');
    for (const style of CITATION_STYLE_IDS) {
      for (const kind of SOURCE_KINDS) {
        const text = formatCitation(record({ kind, title: `A ${kind}`, authors: [{ literal: 'Northshire Constabulary' }], publishedDate: { value: '2021-03' } }), style);
        expect(text.toLowerCase(), `${style} / ${kind}`).toContain(`a ${kind}`);
        // OSCOLA cites a judgment by its law report or neutral citation, which carry the year; a source has neither.
        if (!(style === 'oscola' && kind === 'court-judgment')) expect(text, `${style} / ${kind}`).toMatch(/2021/);
      }
    }
    expect(formatCitation(ARTICLE, 'chicago-author-date', { mode: 'note', pinpoint: { kind: 'page', value: '14' } })).toBe('(Doe and Okafor 2022, 14)');
    expect(formatCitation(record({ kind: 'book', title: 'Policing the Crisis', authors: [{ family: 'Hall', given: 'Stuart' }], publishedDate: { value: '1978' } }), 'apa', { format: 'html' })).toContain('<i>Policing the Crisis</i>');
  });

  it('ships the CSL files unchanged from the CSL project (hashes as in styles/README.md)', async () => {
    const readme = await readFile(path.join(STYLES, 'README.md'), 'utf8');
    for (const file of ['oscola.csl', 'chicago-author-date.csl', 'locales-en-GB.xml']) {
      const hash = createHash('sha256').update(await readFile(path.join(STYLES, file))).digest('hex');
      expect(readme).toContain(`\`${file}\``);
      expect(readme).toContain(hash);
    }
    expect(await readFile(path.join(STYLES, 'oscola.csl'), 'utf8')).toContain('<id>http://www.zotero.org/styles/oscola</id>');
  });

  it('formats a case’s sources over the contract and from the command line', async () => {
    const { api, lib, dir } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Northtown', slug: 'northtown' } });
    const b = await api['sources:create']({ caseId: c.id, fields: { kind: 'official-report', title: 'Review of stop and search', authors: [{ literal: 'Office for Policing Standards' }], publishedDate: { value: '2021-03' } } });
    const a = await api['sources:create']({ caseId: c.id, fields: { kind: 'news-article', title: 'Zebra crossing row', authors: [{ family: 'Abbott', given: 'Ann' }], publisher: 'Gazette', publishedDate: { value: '2022' } } });
    const bibliography = await api['citations:format']({ caseId: c.id, style: 'apa' });
    expect(bibliography.map((e) => e.sourceId)).toEqual([a.id, b.id]); // APA sorts by author
    const notes = await api['citations:format']({ caseId: c.id, mode: 'note', sources: [{ sourceId: b.id, pinpoint: { kind: 'paragraph', value: '12' } }] });
    expect(notes).toEqual([{ sourceId: b.id, text: expect.stringContaining('Review of Stop and Search') }]);
    expect((await api['citations:styles']({})).map((s) => s.id)).toEqual([...CITATION_STYLE_IDS]);
    await lib.close();
    const run = await casefolio(['cite', 'northtown', '--library', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      // OSCOLA sets a report's title in italics (here plain text), not in quotation marks.
      'Abbott A, ‘Zebra Crossing Row’ Gazette (2022)\nOffice for Policing Standards, Review of Stop and Search (2021)\n',
    );
  });
});
