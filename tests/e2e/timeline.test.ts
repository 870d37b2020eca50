/*
 * The chronology's timeline in Chromium through the bridge: uncertain dates drawn as spans (a month as a month, a
 * "c." year wider than the year), the axis changing with the zoom, clicking and the keyboard opening events, a tag
 * filter hiding events, and other cases added to the picture. Screenshots in both themes at both sizes.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshots, useApp } from './harness';

let caseId: string;

const EVENTS = [
  { title: 'Review opened (a whole month)', date: { value: '2021-03', certainty: 'exact' as const }, claimStatus: 'found' as const, tags: ['timeline-test/review'] },
  { title: 'Complaint made (c. 2019)', date: { value: '2019', certainty: 'approximate' as const }, claimStatus: 'alleged' as const },
  { title: 'Hearing held (one day)', date: { value: '2021-06-15', certainty: 'exact' as const }, claimStatus: 'established' as const, tags: ['timeline-test/review'] },
  { title: 'Letter sent (year inferred)', date: { value: '2020-05-02', certainty: 'inferred' as const }, claimStatus: 'disputed' as const },
  { title: 'Whole year of monitoring', date: { value: '2019', certainty: 'exact' as const }, claimStatus: 'admitted' as const },
];

const app = useApp({
  setUp: async () => {
    await app.api['tags:define']({ path: 'timeline-test/review' });
    const created = await app.api['cases:create']({ fields: { title: 'Timeline test case', slug: 'timeline-test' } });
    caseId = created.id;
    for (const e of EVENTS) await app.api['events:create']({ caseId, fields: e });
  },
  reloadAfterSetUp: true,
});

const item = (page: Page, title: string): Locator => page.locator(`.timeline-item[aria-label*="${title}"]`);
const widthOf = async (locator: Locator) => Number(await locator.getAttribute('width'));
const tickLabels = (page: Page) => page.locator('.tl-tick-label').allTextContents();

describe('the chronology timeline', () => {
  it('draws a month as a month-long span and "c. 2019" as a fuzzy span wider than its year', async () => {
    const { page } = app;
    await page.locator('[data-case="timeline-test"]').click();
    await page.getByRole('tab', { name: /Chronology/ }).click();
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'Timeline' }).click();
    await expect.poll(() => page.locator('.timeline-item').count()).toBe(EVENTS.length);

    const month = await widthOf(item(page, 'Review opened').locator('.tl-span'));
    const year = await widthOf(item(page, 'Whole year of monitoring').locator('.tl-span'));
    expect(month).toBeGreaterThan(2);
    // A month is a twelfth of a year on the axis (within rounding and month lengths).
    expect(month / year).toBeGreaterThan(31 / 365 - 0.01);
    expect(month / year).toBeLessThan(31 / 365 + 0.01);

    const circa = item(page, 'Complaint made');
    expect(await circa.getAttribute('data-span')).toBe('fuzzy');
    const core = await widthOf(circa.locator('.tl-span'));
    const fuzzy = await widthOf(circa.locator('.tl-fuzzy'));
    // "c. 2019" may mean 2018 to 2020: its fuzzy margin is a year either side of the year it names.
    expect(fuzzy / core).toBeGreaterThan(2.9);
    expect(fuzzy / core).toBeLessThan(3.1);

    expect(await item(page, 'Hearing held').getAttribute('data-span')).toBe('point');
    expect(await item(page, 'Hearing held').locator('.tl-span').count()).toBe(0);
    expect(await item(page, 'Letter sent').locator('.tl-marker.tl-inferred').count()).toBe(1);
    expect(await item(page, 'Review opened').locator('.tl-marker.tl-inferred').count()).toBe(0);
    // Claim status by shape as well as colour, and named in the key.
    expect(await item(page, 'Hearing held').getAttribute('aria-label')).toContain('Established');
    const legend = await page.getByRole('list', { name: 'Timeline key' }).textContent();
    for (const label of ['Alleged', 'Admitted', 'Disputed', 'Found', 'Established', 'approximate', 'inferred']) expect(legend).toContain(label);
    await screenshots(page, '40-timeline');
  });

  it('zooms from years to days, and the axis follows', async () => {
    const { page } = app;
    const before = await tickLabels(page);
    expect(before.some((t) => /^20(19|20|21)$/.test(t))).toBe(true);
    const circa = item(page, 'Complaint made').locator('.tl-fuzzy');
    const wide = await widthOf(circa);

    await page.getByRole('button', { name: 'Days' }).click();
    await expect.poll(async () => (await tickLabels(page)).join('|')).not.toBe(before.join('|'));
    // At days, ticks name days ("Mar 07") or weeks, not only years.
    expect((await tickLabels(page)).some((t) => /\d/.test(t) && !/^\d{4}$/.test(t))).toBe(true);

    await page.getByRole('button', { name: 'Show everything' }).click();
    await expect.poll(async () => (await tickLabels(page)).join('|')).toBe(before.join('|'));
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => widthOf(circa)).toBeGreaterThan(wide * 1.9);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await expect.poll(() => widthOf(circa)).toBeLessThan(wide * 1.01);
  });

  it('opens an event by clicking it, and with the keyboard', async () => {
    const { page } = app;
    await item(page, 'Review opened').locator('.tl-marker').click();
    await expect.poll(() => page.getByRole('textbox', { name: 'What happened' }).inputValue()).toBe(EVENTS[0].title);
    expect(await item(page, 'Review opened').getAttribute('data-selected')).toBe('true');

    // One tab stop; arrows go through the events in time order; Enter opens.
    await item(page, 'Complaint made').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label') ?? ''")).toContain('Letter sent');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('textbox', { name: 'What happened' }).inputValue()).toBe('Letter sent (year inferred)');
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label') ?? ''")).toContain('Hearing held');
    const ticks = await tickLabels(page);
    await page.keyboard.press('+');
    await expect.poll(async () => (await tickLabels(page)).join('|')).not.toBe(ticks.join('|'));
    await page.keyboard.press('0');
  });

  it('hides events outside a tag filter', async () => {
    const { page } = app;
    await page.locator('.tag-node[data-tag="timeline-test"] .tag-name').click();
    await expect.poll(() => page.locator('.timeline-item').count()).toBe(2);
    expect(await item(page, 'Complaint made').count()).toBe(0);
    await item(page, 'Hearing held').waitFor();
    await page.getByRole('button', { name: 'Remove filter Tag: timeline-test' }).click();
    await expect.poll(() => page.locator('.timeline-item').count()).toBe(EVENTS.length);
  });

  it('adds other cases to the picture, one band each, and opens an event of another case in its case', async () => {
    const { page } = app;
    const everard = await app.api['cases:get']({ caseId: 'everard' });
    await page.getByRole('textbox', { name: 'Also show cases' }).or(page.getByRole('combobox', { name: 'Also show cases' })).first().click();
    await page.getByRole('option', { name: everard.case.title, exact: true }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.timeline-item').count()).toBe(EVENTS.length + everard.events.length);
    await page.locator('.tl-band-title', { hasText: everard.case.title }).waitFor();
    await screenshots(page, '41-timeline-two-cases');
    const other = everard.events[0];
    await page.locator(`.timeline-item[data-event-id="${other.id}"] .tl-marker`).click();
    await page.locator('.case-title', { hasText: everard.case.title }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'What happened' }).inputValue()).toBe(other.title);
    expect(app.problems).toEqual([]);
  });
});
