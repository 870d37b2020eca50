import { describe, expect, it } from 'vitest';
import { frameFor } from '../../../src/core/dossier/assemble';
import { paragraph, span, type DisplayPage } from '../../../src/core/dossier/typesetting/blocks';
import { FontSet } from '../../../src/core/dossier/typesetting/fonts';
import { typeset } from '../../../src/core/dossier/typesetting/layout';
import { STYLES } from '../../../src/core/dossier/typesetting/theme';

describe('the typesetter hands each page on once it is full', () => {
  it('calls back once per page, in order, when nothing more is drawn on it', () => {
    const text = 'The officers did not record the call, and the log was later found to be incomplete. '.repeat(40);
    const blocks = Array.from({ length: 30 }, () => paragraph([span(text, STYLES.body)]));
    const seen: { page: DisplayPage; items: number }[] = [];
    const flow = typeset(blocks, new FontSet(), frameFor('A4'), () => undefined, (page) => seen.push({ page, items: page.items.length }));
    expect(flow.pages.length).toBeGreaterThan(5);
    expect(seen.map((s) => s.page)).toEqual(flow.pages);
    // What each page held when it was handed on is all it ever holds.
    expect(seen.map((s) => s.items)).toEqual(flow.pages.map((p) => p.items.length));
    expect(seen.every((s) => s.items > 0)).toBe(true);
  });
});
