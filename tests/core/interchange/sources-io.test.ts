import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceFields } from '../../../src/shared/api/inputs';
import { KIND_FIELDS, SOURCE_KINDS, type SourceRecord } from '../../../src/shared/domain';
import { casefolio } from '../../helpers/cli';
import { tempDir, tempLibrary } from '../../helpers/temp-library';

const FIXTURES = path.resolve(__dirname, '../../fixtures/interchange');
const fixture = (name: string) => readFile(path.join(FIXTURES, name), 'utf8');

/** One source of every kind, with what a round trip must keep: people and organisations, dates at three precisions, long URLs, text that needs escaping. */
function sourcesOfEveryKind(): SourceFields[] {
  return SOURCE_KINDS.map((kind, i) => ({
    kind,
    title: `${kind}: “quoted” & {braced} 50% — dash, $5 #1 ~tilde ^caret back\\slash under_score`,
    url: `https://www.example.org/${kind}/2022/06/a-long-path-well-over-seventy-characters-long?query=1&other=two#fragment`,
    publisher: `Publisher of ${kind}`,
    authors: [{ family: 'Doe', given: 'Jane' }, { family: 'Ó Briain', given: 'Seán' }, { literal: 'Northshire Constabulary' }],
    publishedDate: { value: ['2022', '2022-06', '2022-06-28'][i % 3] },
    accessedDate: { value: '2023-01-02' },
    description: `About the ${kind}: ümlauts, 100% {braces} and a \\ backslash.`,
    tags: ['theme/stop and search', 'place/Northtown'],
    ...Object.fromEntries(KIND_FIELDS[kind].filter(([field]) => field !== 'publisher').map(([field]) => [field, (FIELD_VALUES as Record<string, unknown>)[field]])),
    ...(kind === 'court-judgment' ? { publisher: undefined } : {}),
  }));
}

/** A value for each field a kind may have, in the shapes real exports hold. */
const FIELD_VALUES = {
  publisher: 'The Publisher & Sons',
  containerTitle: 'British Journal of Criminology',
  containerTitleShort: 'BJC',
  volume: '59',
  issue: '5',
  pages: '1123-1145',
  edition: '2',
  number: 'Cm 4262',
  place: 'London',
  editors: [{ family: 'Roe', given: 'Richard' }, { literal: 'Law Commission' }],
  doi: '10.1093/bjc/azz010',
  issn: '0007-0955',
  isbn: '978-0-19-876543-2',
  court: 'Supreme Court',
  neutralCitation: '[2019] UKSC 5',
  reporter: 'WLR',
} as const;

const KEPT = ['kind', 'title', 'url', 'publisher', 'authors', 'publishedDate', 'accessedDate', 'description', 'tags', ...(Object.keys(FIELD_VALUES) as (keyof typeof FIELD_VALUES)[])] as const;
const kept = (s: SourceRecord) => Object.fromEntries(KEPT.map((k) => [k, s[k]]));

async function caseWith(fields: SourceFields[]) {
  const t = await tempLibrary();
  const c = await t.api['cases:create']({ fields: { title: 'Origin' } });
  for (const f of fields) await t.api['sources:create']({ caseId: c.id, fields: f });
  return { ...t, caseId: c.id };
}

describe('round trips', () => {
  for (const format of ['csl-json', 'bibtex', 'ris'] as const) {
    it(`keeps kind, title, authors, dates, URL, publisher, description, tags and every bibliographic field of each kind through ${format}`, async () => {
      const { api, caseId } = await caseWith(sourcesOfEveryKind());
      const original = (await api['cases:get']({ caseId })).sources;
      const { text } = await api['sources:export']({ caseId, format });
      const target = await api['cases:create']({ fields: { title: 'Copy' } });
      const report = await api['sources:import']({ caseId: target.id, text, format });
      expect(report).toMatchObject({ format, total: SOURCE_KINDS.length, failed: [], skipped: [] });
      const copies = (await api['cases:get']({ caseId: target.id })).sources;
      expect(copies.map(kept)).toEqual(original.map(kept));
    });
  }

  it('keeps approximate dates through CSL-JSON (as CSL’s circa)', async () => {
    const { api, caseId } = await caseWith([{ title: 'Undated leaflet', kind: 'other', publishedDate: { value: '1998', certainty: 'approximate' } }]);
    const { text } = await api['sources:export']({ caseId, format: 'csl-json' });
    expect(JSON.parse(text)[0].issued).toEqual({ 'date-parts': [[1998]], circa: true });
    const target = await api['cases:create']({ fields: { title: 'Copy' } });
    await api['sources:import']({ caseId: target.id, text });
    expect((await api['cases:get']({ caseId: target.id })).sources[0].publishedDate).toEqual({ value: '1998', certainty: 'approximate' });
  });

  it('writes CSL-JSON that CSL processors read: types, names, date-parts, container titles', async () => {
    const { api, caseId } = await caseWith(sourcesOfEveryKind().slice(0, 4));
    const items = JSON.parse((await api['sources:export']({ caseId, format: 'csl-json' })).text);
    expect(items.map((i: { type: string }) => i.type)).toEqual(['article-newspaper', 'report', 'report', 'legal_case']);
    expect(items[0]).toMatchObject({
      'container-title': 'Publisher of news-article',
      author: [{ family: 'Doe', given: 'Jane' }, { family: 'Ó Briain', given: 'Seán' }, { literal: 'Northshire Constabulary' }],
      issued: { 'date-parts': [[2022]] },
      accessed: { 'date-parts': [[2023, 1, 2]] },
    });
    expect(items[2].genre).toBe('Inquiry or inquest finding');
    expect(items[3]).toMatchObject({ authority: 'Supreme Court', 'neutral-citation': '[2019] UKSC 5', 'container-title': 'WLR', volume: '59', page: '1123-1145' });
  });
});

describe('a Zotero export', () => {
  const ZOTERO_ITEMS = [
    { title: 'Officers to face hearing over filmed stop and search', authors: [{ family: 'Doe', given: 'Jane' }, { family: 'Okafor', given: 'Chinedu' }], url: 'https://news.example.com/northshire/2022/jun/28/officers-to-face-hearing-over-filmed-stop-and-search', accessedDate: { value: '2023-01-02', certainty: 'exact' } },
    { title: 'Review of the use of stop and search by Northshire Constabulary', authors: [{ literal: 'Office for Policing Standards' }], url: 'https://standards.example.org/reports/northshire-stop-and-search-2021.pdf', publisher: 'Office for Policing Standards', publishedDate: { value: '2021-03', certainty: 'exact' } },
    { title: 'Statement on the Northtown stop and search video', authors: [{ literal: 'Northshire Constabulary' }], url: 'https://www.northshire-police.example.org/news/statement-northtown-video', publisher: 'Northshire Constabulary', accessedDate: { value: '2022-07-01', certainty: 'exact' } },
    { title: 'R v Smith', authors: [], url: 'https://judgments.example.org/2022/northshire/smith' },
    { title: 'Stop and search in Northtown: the footage', authors: [{ literal: 'Northshire Gazette' }], url: 'https://video.example.com/watch?v=abc123XYZ', publisher: 'Northshire Gazette TV', publishedDate: { value: '2022-06', certainty: 'exact' } },
  ];

  for (const [file, kinds, dates] of [
    ['zotero-export.json', ['news-article', 'official-report', 'web-page', 'court-judgment', 'video'], ['2022-06-28', '2021-03', '2022-06-30', '2022-11-04', '2022-06']],
    ['zotero-export.ris', ['news-article', 'official-report', 'web-page', 'court-judgment', 'video'], ['2022-06-28', '2021-03', '2022-06-30', '2022-11-04', '2022-06']],
    // Zotero's BibTeX has no day, and no entry types for newspaper articles (an @article, read as a journal
    // article), web pages, judgments or videos.
    ['zotero-export.bib', ['journal-article', 'official-report', 'other', 'other', 'other'], ['2022-06', '2021-03', '2022-06', '2022-11', '2022-06']],
  ] as const) {
    it(`comes in from ${file} with authors, dates and URLs intact`, async () => {
      const { api } = await tempLibrary();
      const c = await api['cases:create']({ fields: { title: 'Northtown stop and search' } });
      const report = await api['sources:import']({ caseId: c.id, text: await fixture(file), fileName: file });
      expect(report.failed).toEqual([]);
      expect(report.imported).toHaveLength(5);
      const sources = (await api['cases:get']({ caseId: c.id })).sources;
      sources.forEach((s, i) => {
        expect(s).toMatchObject({ ...ZOTERO_ITEMS[i], kind: kinds[i] });
        expect(s.publishedDate?.value).toBe(dates[i]);
      });
      // The newspaper: the outlet of a news article, the "journal" of an @article.
      if (kinds[0] === 'news-article') expect(sources[0].publisher).toBe('The Northshire Gazette');
      else expect(sources[0].containerTitle).toBe('The Northshire Gazette');
      // The court: a judgment's court, or the publisher of an @misc.
      if (kinds[3] === 'court-judgment') expect(sources[3].court).toBe('Northshire Crown Court');
      else expect(sources[3].publisher).toBe('Northshire Crown Court');
      expect(sources[0].description).toMatch(/^Two officers face a misconduct hearing/);
    });
  }

  it('is not imported twice', async () => {
    const { api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Twice' } });
    await api['sources:import']({ caseId: c.id, text: await fixture('zotero-export.json') });
    const again = await api['sources:import']({ caseId: c.id, text: await fixture('zotero-export.ris'), format: 'ris' });
    expect(again.imported).toEqual([]);
    expect(again.skipped.map((s) => s.reason)).toEqual(ZOTERO_ITEMS.map((z) => `already in the case as “${z.title}”`));
    expect((await api['cases:get']({ caseId: c.id })).sources).toHaveLength(5);
  });
});

describe('bad input', () => {
  for (const [file, good, failures] of [
    [
      'malformed.bib',
      ['A good first entry', 'A good last entry'],
      [
        { index: 2, line: 11, key: 'unclosed_2022', reason: expect.stringMatching(/^it is not valid BibTeX/) },
        { index: 3, line: 17, key: 'no_title_2022', reason: 'it has no title' },
        { index: 4, line: 22, key: 'bad_url_2022', reason: expect.stringMatching(/^its url is not valid: Use a full web address/) },
      ],
    ],
    [
      'malformed.ris',
      ['A good RIS record', 'A good web page'],
      [
        { index: 2, line: 7, reason: expect.stringMatching(/text outside any record/) },
        { index: 3, line: 9, reason: expect.stringMatching(/publication date .* is not a date/) },
        { index: 4, line: 15, reason: 'it has no title' },
        { index: 5, line: 19, reason: expect.stringMatching(/no end/) },
      ],
    ],
    [
      'malformed.json',
      ['A good report', 'A good article'],
      [
        { index: 2, reason: 'it is not a CSL-JSON object' },
        { index: 3, key: 'no-title', reason: 'it has no title' },
        { index: 4, key: 'bad-date', reason: expect.stringMatching(/publication date .* is not a date/) },
        { index: 5, key: 'bad-name', reason: 'one of its authors has no name' },
      ],
    ],
  ] as const) {
    it(`${file}: reports which entries failed and why, imports the rest whole, and stores nothing of the failures`, async () => {
      const { api } = await tempLibrary();
      const c = await api['cases:create']({ fields: { title: 'Bad input' } });
      const report = await api['sources:import']({ caseId: c.id, text: await fixture(file), fileName: file });
      expect(report.failed).toEqual(failures.map((f) => expect.objectContaining(f)));
      expect(report.imported.map((e) => e.title)).toEqual(good);
      const sources = (await api['cases:get']({ caseId: c.id })).sources;
      expect(sources.map((s) => s.title)).toEqual(good);
    });
  }

  it('refuses a file that is not JSON at all, with a reason, and stores nothing', async () => {
    const { api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Truncated' } });
    const text = (await fixture('zotero-export.json')).slice(0, 500);
    const report = await api['sources:import']({ caseId: c.id, text, format: 'csl-json' });
    expect(report.imported).toEqual([]);
    expect(report.failed).toEqual([{ index: 1, reason: expect.stringMatching(/^the file is not valid JSON/) }]);
    expect((await api['cases:get']({ caseId: c.id })).sources).toEqual([]);
  });

  it('says when a file is in no format it knows', async () => {
    const { api } = await tempLibrary();
    const c = await api['cases:create']({ fields: { title: 'Unknown' } });
    await expect(api['sources:import']({ caseId: c.id, text: 'just some prose' })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});

describe('casefolio import and export', () => {
  it('imports a Zotero file into a case, reports failures with a non-zero exit, and exports each format', async () => {
    const dir = path.join(await tempDir(), 'lib');
    await casefolio(['init', dir]);
    await casefolio(['new', 'Northtown', '--slug', 'northtown', '--library', dir]);
    const ok = await casefolio(['import', path.join(FIXTURES, 'zotero-export.bib'), '--case', 'northtown', '--library', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Imported 5 of 5 entries from zotero-export\.bib \(bibtex\) into “Northtown”\./);
    const bad = await casefolio(['import', path.join(FIXTURES, 'malformed.ris'), '--case', 'northtown', '--library', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^Imported 2 of 6 entries/);
    expect(bad.stdout).toMatch(/^ {2}! entry 3 \(line 9\) “A record with an impossible date”: its publication date/m);

    const ris = await casefolio(['export', 'northtown', '--format', 'ris', '--library', dir]);
    expect(ris.code).toBe(0);
    expect(ris.stdout.match(/^TY {2}- /gm)).toHaveLength(7);
    const out = path.join(await tempDir(), 'northtown.bib');
    expect((await casefolio(['export', 'northtown', '--format', 'bibtex', '-o', out, '--library', dir])).code).toBe(0);
    expect(await readFile(out, 'utf8')).toMatch(/^@techreport\{/m);
    const json = JSON.parse((await casefolio(['export', 'northtown', '--format', 'csl-json', '--library', dir])).stdout);
    expect(json).toHaveLength(7);
    expect((await casefolio(['export', 'northtown', '--format', 'yaml', '--library', dir])).code).toBe(2);
  });
});
