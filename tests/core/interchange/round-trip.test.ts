/*
 * Import → export in the same format gives back what came in: the corpus in tests/fixtures/interchange/round-trip
 * holds a journal article, a report and a web page as Zotero, Mendeley, JabRef and EndNote write them. Each
 * output is parsed back at the level of the format's own fields (BibTeX fields, RIS tags, CSL-JSON keys), and
 * every field of the input must be there with its value: the ones Casefolio models and the ones it only keeps.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bibtexRawEntries, parseAs } from '../../../src/core/interchange/citation-js';
import { splitRis } from '../../../src/core/interchange/ris';
import { tempLibrary } from '../../helpers/temp-library';

const CORPUS = path.resolve(__dirname, '../../fixtures/interchange/round-trip');

async function roundTrip(file: string, format: 'bibtex' | 'ris' | 'csl-json') {
  const text = await readFile(path.join(CORPUS, file), 'utf8');
  const { api } = await tempLibrary();
  const c = await api['cases:create']({ fields: { title: 'Round trip' } });
  const report = await api['sources:import']({ caseId: c.id, text, format });
  expect(report.failed).toEqual([]);
  expect(report.imported).toHaveLength(3);
  const sources = (await api['cases:get']({ caseId: c.id })).sources;
  const out = (await api['sources:export']({ caseId: c.id, format })).text;
  return { text, out, sources };
}

/** Text as a reader sees it: braces that protect case and runs of spaces do not change a value. */
const plain = (v: string) => v.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim();
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** A month written as text ({sep}, as Mendeley does) or as the macro (sep) is the same month. */
const month = (v: string) => (MONTHS.includes(plain(v).toLowerCase()) ? String(MONTHS.indexOf(plain(v).toLowerCase()) + 1).padStart(2, '0') : plain(v));

describe('the journal article comes in whole', () => {
  for (const [file, format] of [['zotero.bib', 'bibtex'], ['mendeley.bib', 'bibtex'], ['jabref.bib', 'bibtex'], ['zotero.ris', 'ris'], ['endnote.ris', 'ris'], ['zotero.json', 'csl-json']] as const) {
    it(`${file}: a journal article, not a report; the journal is not the publisher; DOI, ISSN, volume, issue and pages intact`, async () => {
      const { sources } = await roundTrip(file, format);
      const [article, report, page] = sources;
      expect(article).toMatchObject({ kind: 'journal-article', containerTitle: 'The British Journal of Criminology', volume: '59', issue: '5', pages: '1123-1145', doi: '10.1093/bjc/azz010', issn: '0007-0955' });
      expect(article.publisher).toBeUndefined();
      expect(article.authors).toEqual([{ family: 'Okafor', given: 'Chinedu' }, { family: 'Ó Briain', given: 'Seán' }]);
      expect(article.publishedDate?.value.slice(0, 4)).toBe('2019');
      expect(report).toMatchObject({ kind: 'official-report', publisher: 'Office for Policing Standards', place: 'Northtown' });
      expect(report.title).toBe('An inspection of counter-corruption arrangements in Northshire Constabulary');
      expect(page.url).toBe('https://www.example.com/news/uk-northshire-61234567');
      expect([page.publisher, page.containerTitle]).toContain('Northshire News Online');
    });
  }
});

describe('BibTeX gives back every field', () => {
  for (const file of ['zotero.bib', 'mendeley.bib', 'jabref.bib']) {
    it(`${file}: each field of each entry is in the export with its value`, async () => {
      const { text, out } = await roundTrip(file, 'bibtex');
      const before = bibtexRawEntries(text);
      const after = bibtexRawEntries(out);
      expect(after).toHaveLength(before.length);
      before.forEach((entry, i) => {
        const written = after[i].properties;
        expect(after[i].label).toBe(entry.label);
        for (const [field, value] of Object.entries(entry.properties)) {
          if (field === 'author' || field === 'keywords') continue; // compared as names and tags below
          // Where a site's name came in (journal, booktitle or howpublished of an @misc), it goes out as the publisher.
          if (entry.type.toLowerCase() === 'misc' && ['journal', 'booktitle', 'howpublished'].includes(field)) {
            expect(Object.values(written).map(plain)).toContain(plain(value));
            continue;
          }
          const norm = field === 'month' ? month : plain;
          expect({ field, value: norm(written[field] ?? '(missing)') }).toEqual({ field, value: norm(value) });
        }
        const names = (t: string) => parseAs(t, '@biblatex/text')[0].author;
        expect(names(out.split(/\n(?=@)/)[i])).toEqual(names(`@misc{x,\n author = {${entry.properties.author ?? ''}}\n}`));
      });
      expect(out).toMatch(/\tmonth = sep,\n/);
      expect(out).not.toMatch(/month = \{/);
    });
  }
});

describe('RIS gives back every tag', () => {
  /** Tags that mean the same in RIS: EndNote's T1, JO, Y1, N2, JA are Zotero's TI, T2, PY, AB, J2. */
  const SAME = { T1: 'TI', JO: 'T2', JF: 'T2', Y1: 'PY', N2: 'AB', JA: 'J2', A1: 'AU' } as Record<string, string>;
  const tagsOf = (text: string) =>
    splitRis(text).map((r) => {
      const tags = new Map<string, string[]>();
      for (const [tag, values] of r.tags ?? []) for (const v of values.filter(Boolean)) tags.set(SAME[tag] ?? tag, [...(tags.get(SAME[tag] ?? tag) ?? []), v]);
      return tags;
    });
  for (const file of ['zotero.ris', 'endnote.ris']) {
    it(`${file}: each tag of each record is in the export with its values`, async () => {
      const { text, out } = await roundTrip(file, 'ris');
      const before = tagsOf(text);
      const after = tagsOf(out);
      expect(after).toHaveLength(before.length);
      before.forEach((tags, i) => {
        for (const [tag, values] of tags) {
          // Dates: the same day, with or without a time (Y2 2023/02/01/10:15:00) or trailing slashes.
          const norm = (v: string) => (['PY', 'DA', 'Y2'].includes(tag) ? v.replace(/\/+$|\/\d\d:\d\d:\d\d$/g, '').replace(/\/+$/, '') : v);
          expect({ tag, values: (after[i].get(tag) ?? []).map(norm) }).toEqual({ tag, values: values.map(norm) });
        }
      });
    });
  }
});

describe('CSL-JSON gives back every key', () => {
  it('zotero.json: each key of each item is in the export with its value', async () => {
    const { text, out } = await roundTrip('zotero.json', 'csl-json');
    const before = JSON.parse(text) as Record<string, unknown>[];
    const after = JSON.parse(out) as Record<string, unknown>[];
    const numbers = (v: unknown) => v === undefined ? "(missing)" : JSON.parse(JSON.stringify(v), (_k, x) => (typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x));
    before.forEach((item, i) => {
      for (const [key, value] of Object.entries(item)) {
        if (key === 'id') continue;
        expect({ key, value: numbers(after[i][key]) }).toEqual({ key, value: numbers(value) });
      }
    });
  });
});
