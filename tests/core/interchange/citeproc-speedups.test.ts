/*
 * citeproc's two set-up functions replaced by cheaper ones (src/core/interchange/citeproc-speedups.ts): the installed
 * citeproc is the version they were written against (so both are in use), and an engine built with them formats
 * every style's bibliography entries and notes exactly as one built with citeproc's own code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { speedUpCiteproc } from '../../../src/core/interchange/citeproc-speedups';

const requireHere = createRequire(__filename);
const pluginRequire = createRequire(requireHere.resolve('@citation-js/plugin-csl'));
const citeprocFile = pluginRequire.resolve('citeproc');

interface Engine {
  setOutputFormat(format: string): void;
  updateItems(ids: string[]): void;
  makeBibliography(): unknown;
  makeCitationCluster(items: { id: unknown; locator?: string; label?: string }[]): string;
}
type Citeproc = Parameters<typeof speedUpCiteproc>[0] & { Engine: new (sys: object, style: string, lang: string, forceLang: boolean) => Engine };

/** A copy of citeproc of its own (the module cache emptied around the require), so one can be changed and one not. */
function freshCiteproc(): Citeproc {
  const cached = requireHere.cache[citeprocFile];
  delete requireHere.cache[citeprocFile];
  try {
    return pluginRequire('citeproc') as Citeproc;
  } finally {
    if (cached) requireHere.cache[citeprocFile] = cached;
    else delete requireHere.cache[citeprocFile];
  }
}

const stylesDir = path.resolve(__dirname, '../../../src/core/interchange/styles');
const builtIn = (pluginRequire('@citation-js/plugin-csl/lib/styles.js') as { styles: { get(n: string): string } }).styles;
const STYLES: Record<string, string> = {
  oscola: readFileSync(path.join(stylesDir, 'oscola.csl'), 'utf8'),
  'chicago-author-date': readFileSync(path.join(stylesDir, 'chicago-author-date.csl'), 'utf8'),
  apa: builtIn.get('apa'),
  vancouver: builtIn.get('vancouver'),
  harvard1: builtIn.get('harvard1'),
};
const LOCALE = readFileSync(path.join(stylesDir, 'locales-en-GB.xml'), 'utf8');

const ITEMS: Record<string, unknown>[] = [
  { id: 'news', type: 'article-newspaper', title: 'Met officer charged', author: [{ family: 'Dodd', given: 'Vikram' }], 'container-title': 'The Guardian', issued: { 'date-parts': [[2021, 3, 12]] }, URL: 'https://www.theguardian.com/uk-news/2021/mar/12/x' },
  { id: 'news2', type: 'article-newspaper', title: 'Vigil for Sarah Everard', author: [{ family: 'Dodd', given: 'Vikram' }], 'container-title': 'The Guardian', issued: { 'date-parts': [[2021, 3, 14]] } },
  { id: 'report', type: 'report', title: 'Review of the Metropolitan Police', author: [{ literal: 'Baroness Casey of Blackstock' }], publisher: 'Metropolitan Police', issued: { 'date-parts': [[2023, 3]] }, genre: 'Inquiry finding' },
  { id: 'case', type: 'legal_case', title: 'R v Couzens', authority: 'Central Criminal Court', 'container-title': 'EWCA Crim', volume: '1', page: '1204', issued: { 'date-parts': [[2021, 9, 30]] } },
  { id: 'web', type: 'webpage', title: 'Stop and search', 'container-title': 'GOV.UK', accessed: { 'date-parts': [[2025, 11, 24]] }, URL: 'https://www.gov.uk/police-powers-to-stop-and-search' },
  { id: 'book', type: 'book', title: 'Policing the Crisis', author: [{ family: 'Hall', given: 'Stuart' }, { family: 'Critcher', given: 'Chas' }], editor: [{ family: 'Jefferson', given: 'Tony' }], publisher: 'Macmillan', 'publisher-place': 'London', issued: { 'date-parts': [[1978]] } },
  { id: 'post', type: 'post', title: 'Statement on the verdict', author: [{ literal: 'IOPC' }], issued: { 'date-parts': [[2022, 1]], circa: true } },
  { id: 'film', type: 'motion_picture', title: 'Inside the Met', issued: { 'date-parts': [[2024]] } },
  { id: 'article', type: 'article-journal', title: 'Misconduct hearings in England', author: [{ family: 'Smith', given: 'Graham' }], 'container-title': 'British Journal of Criminology', volume: '59', page: '1123-1140', issued: { 'date-parts': [[2019]] }, DOI: '10.1093/bjc/azz001' },
  { id: 'bare', type: 'document', title: 'Untitled note' },
  // For the sorts: an author's other years, a particle, a title alone, the same author and year again (2021c).
  { id: 'older', type: 'article-newspaper', title: 'Earlier report', author: [{ family: 'Dodd', given: 'Vikram' }], 'container-title': 'The Guardian', issued: { 'date-parts': [[2019, 5, 2]] } },
  { id: 'particle', type: 'book', title: 'Policing cities', author: [{ family: 'Berg', given: 'Anna', 'non-dropping-particle': 'van den' }], issued: { 'date-parts': [[2020]] } },
  { id: 'titled', type: 'report', title: 'Annual data requirement', issued: { 'date-parts': [[2018]] } },
  { id: 'news3', type: 'article-newspaper', title: 'Another story', author: [{ family: 'Dodd', given: 'Vikram' }], 'container-title': 'The Guardian', issued: { 'date-parts': [[2021, 1, 5]] } },
  { id: 'two', type: 'report', title: 'Joint review', author: [{ family: 'Casey', given: 'Louise' }, { family: 'Dodd', given: 'Vikram' }], issued: { 'date-parts': [[2021]] } },
];

function formatAll(csl: Citeproc, styleXml: string): { bibliography: unknown; notes: string[] } {
  const byId = new Map(ITEMS.map((item) => [item.id as string, item]));
  const engine = new csl.Engine({ retrieveLocale: () => LOCALE, retrieveItem: (id: string) => byId.get(id) }, styleXml, 'en-GB', true);
  engine.setOutputFormat('html');
  engine.updateItems([...byId.keys()]);
  const bibliography = engine.makeBibliography();
  const notes = ITEMS.map((item, i) => engine.makeCitationCluster([{ id: item.id, ...(i % 2 ? { locator: String(i + 3), label: 'page' } : {}) }]));
  return { bibliography, notes };
}

describe('citeproc with its set-up sped up', () => {
  it('applies both replacements to the installed citeproc, once', () => {
    const csl = freshCiteproc();
    const original = csl.XmlJSON.prototype.getNodesByName;
    expect(speedUpCiteproc(csl)).toEqual({ getNodesByName: true, sortMacros: true, setDecorations: true });
    expect(csl.XmlJSON.prototype.getNodesByName).not.toBe(original);
    const replaced = csl.XmlJSON.prototype.getNodesByName;
    expect(speedUpCiteproc(csl)).toEqual({ getNodesByName: true, sortMacros: true, setDecorations: true });
    expect(csl.XmlJSON.prototype.getNodesByName).toBe(replaced);
  });

  it('leaves a citeproc whose functions differ from those it was written against as it is', () => {
    const csl = freshCiteproc();
    const getNodesByName = () => [];
    const setDecorations = () => [];
    const expandMacro = () => undefined;
    const other = { ...csl, XmlJSON: { prototype: { getNodesByName } }, setDecorations, expandMacro };
    expect(speedUpCiteproc(other)).toEqual({ getNodesByName: false, sortMacros: false, setDecorations: false });
    expect(other.XmlJSON.prototype.getNodesByName).toBe(getNodesByName);
    expect(other.setDecorations).toBe(setDecorations);
    expect(other.expandMacro).toBe(expandMacro);
    expect(other.getMacroTarget).toBe(csl.getMacroTarget);
  });

  it('builds a sort key’s macros once (APA’s sorts: a few thousand tokens, not 70,000)', () => {
    const sizes = (csl: Citeproc) => {
      const engine = new csl.Engine({ retrieveLocale: () => LOCALE, retrieveItem: () => ({}) }, STYLES.apa, 'en-GB', true) as unknown as Record<string, { tokens: unknown[] }>;
      return engine.citation_sort.tokens.length + engine.bibliography_sort.tokens.length;
    };
    const fast = freshCiteproc();
    speedUpCiteproc(fast);
    const before = sizes(freshCiteproc());
    const after = sizes(fast);
    expect(before).toBeGreaterThan(100_000);
    expect(after).toBeLessThan(before / 20);
  });

  it.each(Object.keys(STYLES))('formats %s exactly as citeproc’s own code does', (style) => {
    const plain = freshCiteproc();
    const fast = freshCiteproc();
    expect(fast).not.toBe(plain);
    speedUpCiteproc(fast);
    const expected = formatAll(plain, STYLES[style]);
    const actual = formatAll(fast, STYLES[style]);
    expect(JSON.stringify(expected.bibliography)).toContain('csl-entry');
    expect(actual).toEqual(expected);
  });
});
