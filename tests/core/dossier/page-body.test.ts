/*
 * Pages written early (typesetting/page-body.ts): a page of a flow without page references is written to operators
 * as soon as it is laid out and its furniture appended when the PDF is written. Its content stream must be the
 * one the page would have had written in one go, whatever text state the body leaves open.
 */
import { describe, expect, it } from 'vitest';
import { assemble, frameFor } from '../../../src/core/dossier/assemble';
import { heading, paragraph, type Block, type DisplayItem, type DisplayPage } from '../../../src/core/dossier/typesetting/blocks';
import { FontSet } from '../../../src/core/dossier/typesetting/fonts';
import { ownFontName, pageOperators, sealPage } from '../../../src/core/dossier/typesetting/page-body';
import { renderItems } from '../../../src/core/dossier/typesetting/render';
import { typeset } from '../../../src/core/dossier/typesetting/layout';
import { COLOURS, STYLES } from '../../../src/core/dossier/typesetting/theme';
import { longText } from './fixtures';

const frame = frameFor('A4');
const noRefs = () => undefined;

/** A flow with what changes the text state: headings, italics, a quotation with its bar, a panel, rules. */
function richFlow(): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < 12; i++) {
    blocks.push(heading(2, `Section ${i + 1}`));
    blocks.push(paragraph([{ text: longText(120 + i * 7), style: STYLES.body }, { text: ' in italics, ', style: STYLES.bodyItalic }, { text: longText(40), style: STYLES.bodyBold }]));
    blocks.push({ kind: 'quote', blocks: [paragraph([{ text: longText(90), style: STYLES.quote }])] });
    blocks.push({ kind: 'panel', fill: [0.95, 0.96, 0.97], rule: COLOURS.rule, blocks: [paragraph([{ text: longText(30), style: STYLES.small }])] });
    blocks.push({ kind: 'rule' });
  }
  return blocks;
}

/** Furniture as the writer adds it: text first (the state a body leaves matters), then lines. */
const furniture = (page: number): DisplayItem[] => [
  { kind: 'text', x: 72, y: 36, text: `Dossier p. ${page}`, style: STYLES.small },
  { kind: 'text', x: 400, y: 36, text: `BEN-${String(page).padStart(6, '0')}`, style: STYLES.body },
  { kind: 'line', x1: 72, y1: 52, x2: 520, y2: 52, width: 0.4, color: COLOURS.hairline },
];

describe('pages written as soon as they are laid out', () => {
  it('gives every page the content stream it would have had written in one go', () => {
    const fonts = new FontSet();
    const sealed: DisplayPage[] = [];
    const laidOut = typeset(richFlow(), fonts, frame, noRefs, (page) => {
      // The page is complete when handed over: copy what one-go writing would see, then seal it.
      const copy = { ...page, items: [...page.items] };
      sealPage(page, fonts);
      sealed.push(copy);
    });
    expect(laidOut.pages.length).toBeGreaterThan(5);
    expect(sealed.length).toBe(laidOut.pages.length);
    laidOut.pages.forEach((page, i) => {
      expect(page.items).toEqual([]);
      expect(page.sealed).toBeDefined();
      expect(pageOperators(page, furniture(i + 1), fonts)).toBe(renderItems([...sealed[i].items, ...furniture(i + 1)], fonts, ownFontName));
    });
    // Some pages end inside a text object, so the furniture's text resumes it rather than opening another.
    expect(laidOut.pages.some((p) => p.sealed!.state.inText)).toBe(true);
  });

  it('writes a page with an empty body or no furniture like one written in one go', () => {
    const fonts = new FontSet();
    const empty: DisplayPage = { width: 595, height: 842, items: [], links: [] };
    sealPage(empty, fonts);
    expect(pageOperators(empty, furniture(3), fonts)).toBe(renderItems(furniture(3), fonts, ownFontName));
    const text: DisplayPage = { width: 595, height: 842, items: [{ kind: 'text', x: 72, y: 700, text: 'Alone', style: STYLES.body }], links: [] };
    sealPage(text, fonts);
    expect(pageOperators(text, [], fonts)).toBe(renderItems([{ kind: 'text', x: 72, y: 700, text: 'Alone', style: STYLES.body }], fonts, ownFontName));
  });

  it('seals the pages of flows without page references during layout, and keeps the others as items', () => {
    const fonts = new FontSet();
    const withRef: Block[] = [paragraph([{ text: 'See ', style: STYLES.body }, { text: '', style: STYLES.body, ref: { anchor: 'end', format: (p: number) => `p. ${p}` } }])];
    const assembly = assemble(
      [
        { kind: 'flow', key: 'plain', blocks: richFlow() },
        { kind: 'flow', key: 'refs', blocks: withRef, endAnchor: 'end' },
      ],
      fonts,
      frame,
    );
    const own = assembly.pages.filter((p) => p.kind === 'own');
    const { first, last } = assembly.ranges.get('plain')!;
    own.forEach((placed, i) => {
      if (placed.kind !== 'own') return;
      if (i >= first && i <= last) expect(placed.page.sealed).toBeDefined();
      else expect(placed.page.sealed).toBeUndefined();
    });
  });
});
