/*
 * citation-js's HTML turned into the layout engine's spans: the same words as its plain-text output in every
 * style, italics and bold as faces, no markup or character reference left, and web addresses as exact links.
 */
import { describe, expect, it } from 'vitest';
import { citationSpans } from '../../../src/core/dossier/sections/citation-spans';
import { STYLES } from '../../../src/core/dossier/typesetting/theme';
import { formatCitation } from '../../../src/core/interchange/citations';
import { CITATION_STYLE_IDS } from '../../../src/shared/citation-styles';
import { SourceRecord } from '../../../src/shared/domain';
import { LONG_URL, stressCase } from './fixtures';

const record = (fields: Record<string, unknown>) =>
  SourceRecord.parse({ id: 'src_0001', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...fields });

/** A title with text that looks like markup, typed by a user: it must print as typed. */
const LOOKS_LIKE_MARKUP = record({
  kind: 'web-page',
  title: 'Tom & Jerry <script>alert(1)</script> &amp; 5 < 6 > 4',
  authors: [{ given: 'Şükrü', family: 'Yılmaz' }, { literal: 'Zoë & Co' }],
  publisher: 'Example Site',
  publishedDate: { value: '2021-03-04' },
  url: 'https://example.org/a_(b)?x=1&y=2',
});
const BOOK = record({ kind: 'book', title: 'Policing the Crisis', authors: [{ family: 'Hall', given: 'Stuart' }], publishedDate: { value: '1978' }, publisher: 'Macmillan' });
const SOURCES = [...stressCase().sources, LOOKS_LIKE_MARKUP, BOOK];

const joined = (spans: { text: string }[]) => spans.map((s) => s.text).join('');
const normalised = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('citation spans', () => {
  it('print the same words as citation-js’s plain text in every style, without the numbered styles’ own numbers', () => {
    for (const style of CITATION_STYLE_IDS) {
      for (const source of SOURCES) {
        const spans = citationSpans(formatCitation(source, style, { format: 'html' }), STYLES.table, [source.url ?? '']);
        const text = formatCitation(source, style).replace(style === 'vancouver' ? /^1\.\s*/ : /^/, '');
        expect(normalised(joined(spans)), `${style}: ${source.title.slice(0, 30)}`).toBe(normalised(text));
      }
    }
  });

  it('leave no tag or character reference of the HTML, while text a user typed that looks like markup prints as typed', () => {
    const spans = citationSpans(formatCitation(LOOKS_LIKE_MARKUP, 'oscola', { format: 'html' }), STYLES.table);
    const text = joined(spans);
    expect(text).toContain('Tom & Jerry <script>alert(1)</Script> &amp; 5 < 6 > 4');
    expect(text).toContain('Zoë & Co');
    expect(text).not.toMatch(/&#\d+;|<\/?(i|b|span|div)\b/);
  });

  it('set italics and bold in the matching faces, and turn italics back to roman where the style says so', () => {
    const spans = citationSpans('Doe J, <i>Title <span style="font-style:normal;">Case</span> end</i> <b>bold <i>both</i></b>', STYLES.table);
    expect(spans.map((s) => [s.text, s.style.face])).toEqual([
      ['Doe J, ', 'serif'],
      ['Title ', 'serif-italic'],
      ['Case', 'serif'],
      [' end', 'serif-italic'],
      [' ', 'serif'],
      ['bold ', 'serif-bold'],
      ['both', 'serif-bold-italic'],
    ]);
    expect(spans.every((s) => s.style.size === STYLES.table.size)).toBe(true);
    const apa = citationSpans(formatCitation(BOOK, 'apa', { format: 'html' }), STYLES.table);
    expect(apa.find((s) => s.text.includes('Policing the Crisis'))?.style.face).toBe('serif-italic');
  });

  it('link every web address exactly, leaving out the punctuation and brackets a style puts around it', () => {
    const links = (style: (typeof CITATION_STYLE_IDS)[number], source: SourceRecord, known: string[]) =>
      citationSpans(formatCitation(source, style, { format: 'html' }), STYLES.table, known).filter((s) => s.link);
    const long = stressCase().sources[0];
    for (const style of CITATION_STYLE_IDS) {
      expect(links(style, long, [long.url!]).map((s) => s.link), style).toEqual([{ kind: 'uri', uri: LONG_URL }]);
      expect(links(style, LOOKS_LIKE_MARKUP, [LOOKS_LIKE_MARKUP.url!]).map((s) => s.text), style).toEqual(['https://example.org/a_(b)?x=1&y=2']);
      // Without knowing the address, trailing punctuation is still left out and a balanced parenthesis kept.
      expect(links(style, LOOKS_LIKE_MARKUP, []).map((s) => s.text), style).toEqual(['https://example.org/a_(b)?x=1&y=2']);
    }
    expect(citationSpans('See &#60;https://example.org/x&#62;. And https://example.org/y, then (https://example.org/z).', STYLES.table).filter((s) => s.link).map((s) => s.text)).toEqual([
      'https://example.org/x',
      'https://example.org/y',
      'https://example.org/z',
    ]);
    expect(citationSpans('<a href="https://example.org/q">the report</a> <a href="javascript:alert(1)">no</a>', STYLES.table).map((s) => s.link)).toEqual([
      { kind: 'uri', uri: 'https://example.org/q' },
      undefined,
    ]);
  });

  it('decodes character references and named entities, and leaves other text alone', () => {
    const text = (html: string) => citationSpans(html, STYLES.table).map((s) => s.text).join('');
    expect(text('&#60;a&#62; &#x3C;&#X3e; &amp;&lt;&gt;&quot;&apos;&nbsp;&mdash;| &bogus; &#0; &#xD800; & x')).toBe('<a> <> &<>"\'\u00A0—| &bogus; \uFFFD \uFFFD & x');
  });
});
