/*
 * A case with 10,000 sources stays usable: the list renders only what is in view, jumps to the end,
 * and filters as you type. How fast is measured by `npm run bench:window`, not asserted here: a timed
 * assertion fails on a busy machine for reasons that are not the app's.
 */
import { describe, expect, it } from 'vitest';
import { SourceRecord } from '../../src/shared/domain';
import { seriousViolations } from './a11y';
import { screenshots, useApp } from './harness';

const COUNT = 10_000;

const app = useApp({
  setUp: async () => {
    const kinds = ['news-article', 'official-report', 'court-judgment', 'video', 'web-page'] as const;
    // One change that writes 10,000 sources: the fixture, not the thing under test.
    await app.lib.mutate(
      'Add 10,000 sources',
      (draft) => {
        const file = draft.case(app.lib.requireCase('port').case.id);
        for (let i = 1; i <= COUNT; i++) {
          file.sources.push(
            SourceRecord.parse({
              id: `src_bulk${String(i).padStart(6, '0')}`,
              createdAt: draft.now,
              updatedAt: draft.now,
              kind: kinds[i % kinds.length],
              title: `Witness statement ${String(i).padStart(5, '0')}`,
              publisher: i % 3 ? 'Metropolitan Police Service' : 'Independent Office for Police Conduct',
              publishedDate: { value: `20${String(10 + (i % 13)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}` },
              tags: i % 10 === 0 ? ['theme/bulk'] : [],
            }),
          );
        }
      },
      { undoable: false },
    );
  },
  reloadAfterSetUp: true,
  timeoutMs: 180_000,
});

describe('a case with 10,000 sources', () => {
  it('opens and renders only the rows in view', async () => {
    const { page } = app;
    await page.locator('[data-case="port"]').click();
    await page.locator('.record-row', { hasText: 'Witness statement' }).first().waitFor();
    expect(await page.locator('.case-link[data-case="port"]').textContent()).toContain('10,001 sources');
    const rendered = await page.locator('.record-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await screenshots(page, '13-ten-thousand-sources');
  });

  it('jumps to the end with End and keeps the DOM small while scrolling', async () => {
    const { page } = app;
    await page.locator('.record-row').first().click();
    await page.keyboard.press('End');
    await page.locator('.record-row[aria-selected="true"]').waitFor();
    // The most rows the page held at any point while scrolling from top to bottom.
    const mostRows = (await page.evaluate(`(async () => {
      const list = document.querySelector('.record-list');
      let most = 0;
      for (let i = 0; i < 60; i++) {
        list.scrollTop = (list.scrollHeight * i) / 60;
        await new Promise((r) => requestAnimationFrame(r));
        most = Math.max(most, document.querySelectorAll('.record-row').length);
      }
      return most;
    })()`)) as number;
    expect(mostRows).toBeGreaterThan(5);
    expect(mostRows).toBeLessThan(60);
  });

  it('filters 10,000 sources as you type', async () => {
    const { page } = app;
    await page.getByRole('textbox', { name: 'Search sources' }).fill('statement 09999');
    await page.getByText('Showing 1 of 10,001').waitFor();
    await page.getByRole('textbox', { name: 'Search sources' }).fill('');
  });
});

describe('every result of a search that matches 10,000 records', () => {
  it('is one virtualised list: a window of rows in the page, every row reachable by keyboard and announced in place', async () => {
    const { page } = app;
    const query = 'kind:source witness';
    const { total } = await app.api['search:query']({ query });
    expect(total).toBeGreaterThanOrEqual(COUNT);
    const n = String(total);
    await page.keyboard.press('Control+K');
    await page.getByRole('textbox', { name: 'Search the library' }).fill(query);
    const showAll = page.locator('.search-show-all');
    await showAll.waitFor();
    expect(await showAll.textContent()).toBe(`Show all ${total.toLocaleString('en-GB')}`);
    await showAll.click();
    const list = page.getByRole('listbox', { name: 'Every record matching “kind:source witness”' });
    await list.locator('[role="option"]:not([aria-busy])').first().waitFor();
    expect(await list.getAttribute('data-rows')).toBe(n);
    const options = list.getByRole('option');
    const rendered = await options.count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    // Each option says where it stands in the whole list, though only a few exist.
    expect(await options.first().getAttribute('aria-setsize')).toBe(n);
    expect(await options.first().getAttribute('aria-posinset')).toBe('1');
    expect(await page.evaluate('document.activeElement?.getAttribute("role")')).toBe('listbox');
    expect(await seriousViolations(page)).toEqual([]);

    // End: the last row, fetched when scrolled to, selected and announced as the active option.
    await page.keyboard.press('End');
    const last = list.locator(`[role="option"][aria-posinset="${n}"]`);
    await last.and(page.locator(':not([aria-busy])')).waitFor();
    expect(await last.getAttribute('aria-selected')).toBe('true');
    expect(await list.getAttribute('aria-activedescendant')).toBe(await last.getAttribute('id'));
    expect(await options.count()).toBeLessThan(60);
    await page.keyboard.press('ArrowUp');
    const before = list.locator(`[role="option"][aria-posinset="${total - 1}"]`);
    expect(await before.getAttribute('aria-selected')).toBe('true');
    const title = (await before.locator('.search-hit-title').textContent()) ?? '';
    expect(title).toMatch(/witness/i);
    await screenshots(page, '14-every-result');

    // Enter opens that record in its case, the dialog gone.
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'detached' });
    await page.locator('.record-row[aria-selected="true"]', { hasText: title }).waitFor();
  });
});

describe('a library of 70 cases', () => {
  it('lists its cases in a virtualised listbox that the keyboard reaches to the end', async () => {
    const { page } = app;
    for (let i = 1; i <= 61; i++) await app.api['cases:create']({ fields: { title: `Zz bulk case ${String(i).padStart(2, '0')}`, slug: `bulk-${i}` } });
    const total = (await app.api['cases:list']({})).length;
    expect(total).toBe(70);
    await page.reload();
    const list = page.getByRole('listbox', { name: 'Cases' });
    await list.getByRole('option').first().waitFor();
    const rendered = await list.getByRole('option').count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(total);
    expect(await list.getByRole('option').first().getAttribute('aria-setsize')).toBe(String(total));
    await list.focus();
    await page.keyboard.press('End');
    const last = list.locator('[role="option"][data-case="bulk-61"]');
    await last.and(page.locator('[aria-selected="true"]')).waitFor();
    expect(await last.getAttribute('aria-posinset')).toBe(String(total));
    expect(await list.getAttribute('aria-activedescendant')).toBe(await last.getAttribute('id'));
    await page.locator('.case-title', { hasText: 'Zz bulk case 61' }).waitFor();
    await page.keyboard.press('Home');
    await list.locator('[role="option"][aria-posinset="1"][aria-selected="true"]').waitFor();
  });
});
