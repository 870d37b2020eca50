/*
 * The sources lists of a dossier built in OSCOLA and in APA, read back with pdfjs: each source cited as
 * citation-js formats it in that style, numbered in the case's order, italics in the italic face, addresses as
 * working links, no markup, and the style named in the integrity appendix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDossier, type DossierOptions, type DossierResult } from '../../../src/core/dossier';
import { FontSet } from '../../../src/core/dossier/typesetting/fonts';
import { STYLES } from '../../../src/core/dossier/typesetting/theme';
import { formatCitation } from '../../../src/core/interchange/citations';
import type { CitationStyleId } from '../../../src/shared/citation-styles';
import type { CaseFile } from '../../../src/shared/domain';
import { isApiError } from '../../../src/shared/errors';
import { AttachmentStore, BUILD_DATE, LONG_URL, articleCases, library, stressCase } from './fixtures';
import { PdfReader, type TextItem } from './pdf-reader';

const squash = (s: string) => s.replace(/\s+/g, '');

interface Built {
  result: DossierResult;
  pdf: PdfReader;
  /** The pages of each case's sources list, by case id. */
  sourcePages: Map<string, number[]>;
  sourcesText: Map<string, string>;
  integrityText: string;
}

const store = new AttachmentStore();
const everard = articleCases(store)[0];
// As in the sample library: the article gives no date, and its year is inferred from its text.
everard.sources[0].publishedDate = { value: '2022', certainty: 'inferred' };
const cases: CaseFile[] = [everard, stressCase()];
const options = (citationStyle: CitationStyleId): DossierOptions => ({ title: 'Citations', buildDate: BUILD_DATE, citationStyle });
const built = new Map<CitationStyleId, Built>();

async function build(style: CitationStyleId): Promise<Built> {
  const result = await buildDossier({ library: library(), cases, readAttachment: store.read }, options(style));
  const pdf = await PdfReader.open(result.bytes);
  const sourcePages = new Map<string, number[]>();
  const sourcesText = new Map<string, string>();
  for (const e of result.pageMap.filter((m) => m.kind === 'sources')) {
    const pages = Array.from({ length: e.endPage - e.startPage + 1 }, (_, i) => e.startPage + i);
    sourcePages.set(e.caseId!, pages);
    sourcesText.set(e.caseId!, (await Promise.all(pages.map((p) => pdf.text(p)))).join('\n'));
  }
  const integrity = result.pageMap.find((m) => m.kind === 'integrity')!;
  const integrityPages = Array.from({ length: integrity.endPage - integrity.startPage + 1 }, (_, i) => integrity.startPage + i);
  const integrityText = (await Promise.all(integrityPages.map((p) => pdf.text(p)))).join('\n');
  return { result, pdf, sourcePages, sourcesText, integrityText };
}

beforeAll(async () => {
  built.set('oscola', await build('oscola'));
  built.set('apa', await build('apa'));
});

afterAll(async () => {
  for (const b of built.values()) await b.pdf.close();
});

const OTHER: Record<'oscola' | 'apa', 'oscola' | 'apa'> = { oscola: 'apa', apa: 'oscola' };

async function sourceItems(b: Built, caseId: string): Promise<TextItem[]> {
  return (await Promise.all(b.sourcePages.get(caseId)!.map((p) => b.pdf.items(p)))).flat();
}

describe.each(['oscola', 'apa'] as const)('a dossier cited in %s', (style) => {
  it('prints each source’s citation as citation-js formats it in that style, and not as the other style would', () => {
    const b = built.get(style)!;
    for (const c of cases) {
      const text = squash(b.sourcesText.get(c.case.id)!);
      for (const source of c.sources) {
        expect(text, `${style}: ${source.title.slice(0, 40)}`).toContain(squash(formatCitation(source, style)));
        expect(text).not.toContain(squash(formatCitation(source, OTHER[style])));
      }
    }
    // A date inferred rather than stated keeps its square brackets beside the citation, which cannot show them.
    expect(squash(b.sourcesText.get('everard')!)).toContain(squash('News article. Date inferred: [2022]. Tags: institution/met.'));
    expect(b.sourcesText.get('stress')).toMatch(/Wróblewski/);
    expect(b.sourcesText.get('stress')).toMatch(/Brontë/);
  });

  it('numbers the sources S1, S2… in the case’s order, whatever order the style sorts them in', () => {
    const b = built.get(style)!;
    const [long, plain] = stressCase().sources;
    const text = squash(b.sourcesText.get('stress')!);
    // APA and OSCOLA both sort "Plain web page" (no author) before "Wróblewski"; the case lists Wróblewski first.
    expect(text.indexOf(squash(formatCitation(long, style)))).toBeLessThan(text.indexOf(squash(formatCitation(plain, style))));
    expect(text.indexOf('S1')).toBeLessThan(text.indexOf('S2'));
  });

  it('sets the style’s italics in the italic face and the rest in the roman one', async () => {
    const items = await sourceItems(built.get(style)!, 'everard');
    const face = (snippet: string) => items.find((i) => i.str.includes(snippet))?.font;
    // The article's outlet is in italics in both styles; its title is roman in OSCOLA (in quotes) and APA.
    expect(face('The Canary')).toBe('DejaVuSerif-Italic');
    expect(face(style === 'oscola' ? 'The Met Is in Special Measures' : 'The Met is in special measures')).toBe('DejaVuSerif');
    if (style === 'apa') {
      const stress = await sourceItems(built.get(style)!, 'stress');
      expect(stress.find((i) => i.str.includes('A fictional report whose title'))?.font).toBe('DejaVuSerif-Italic');
    }
  });

  it('makes every address in a citation a working link to exactly that address', async () => {
    const b = built.get(style)!;
    const links = (await Promise.all(b.sourcePages.get('stress')!.map((p) => b.pdf.links(p)))).flat().filter((l) => l.url);
    const urls = links.map((l) => l.url);
    expect(urls).toContain(LONG_URL);
    expect(urls).toContain('https://example.org/page');
    expect(urls).toContain('https://web.archive.org/web/2022/https://example.org/report');
    // The link sits over the address as printed, and the brackets or full stop the style adds are not inside it.
    let checked = 0;
    for (const page of b.sourcePages.get('stress')!) {
      const link = (await b.pdf.links(page)).find((l) => l.url === 'https://example.org/page');
      if (!link) continue;
      const covered = (await b.pdf.items(page)).filter((i) => i.y >= link.rect[1] - 1 && i.y <= link.rect[3] && i.x + i.width > link.rect[0] + 1 && i.x < link.rect[2] - 1);
      expect(squash(covered.map((i) => i.str).join(''))).toContain('https://example.org/page');
      expect(link.rect[2] - link.rect[0]).toBeCloseTo(new FontSet().measure('https://example.org/page', STYLES.table), 1);
      checked++;
    }
    expect(checked).toBe(1);
  });

  it('leaves no HTML tag or character reference in the text', () => {
    for (const text of built.get(style)!.sourcesText.values()) expect(text).not.toMatch(/&#\d+;|&(amp|lt|gt|quot);|<\/?(i|b|span|div)\b/);
  });

  it('names the style in the integrity appendix', () => {
    const text = built.get(style)!.integrityText.replace(/\s+/g, ' ');
    expect(text).toContain(style === 'oscola' ? 'CITATION STYLE OSCOLA (Oxford Standard for the Citation of Legal Authorities) (“oscola”)' : 'CITATION STYLE APA 7th edition (“apa”)');
  });

  it('builds the same bytes again', async () => {
    const again = await buildDossier({ library: library(), cases, readAttachment: store.read }, options(style));
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(built.get(style)!.result.bytes))).toBe(0);
  });
});

describe('choosing a citation style', () => {
  it('defaults to OSCOLA', async () => {
    const result = await buildDossier({ library: library(), cases, readAttachment: store.read }, { title: 'Citations', buildDate: BUILD_DATE });
    expect(Buffer.compare(Buffer.from(result.bytes), Buffer.from(built.get('oscola')!.result.bytes))).toBe(0);
  });

  it('refuses a style that is not shipped, naming the ones that are', async () => {
    const error = await buildDossier({ library: library(), cases, readAttachment: store.read }, { ...options('apa'), citationStyle: 'mla' as CitationStyleId }).catch((e: unknown) => e);
    expect(isApiError(error) && error.code).toBe('INVALID_INPUT');
    expect((error as Error).message).toContain('citationStyle: Choose a citation style: oscola, chicago-author-date, apa, harvard-cite-them-right, vancouver.');
  });
});
