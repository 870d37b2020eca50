/*
 * The people page in Chromium through the bridge, on the sample library: the register filtered by case, a
 * person's page with their mentions (opening the record each is in), adding an anonymised person with the
 * keyboard, the refusal of a cipher that gives the name away, names marked in the case summary, links to a
 * case's events and sources, a person
 * in the trash (restored, then deleted for good), and axe.
 */
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './a11y';
import { screenshots, transitionsSettled, useApp } from './harness';

const app = useApp();

describe('the people page', () => {
  it('lists the sample’s people and filters them by case', async () => {
    const { page } = app;
    await page.locator('.people-link').click();
    await page.getByRole('heading', { name: 'People' }).waitFor();
    const rows = page.getByRole('list', { name: 'People' }).locator('.person-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe((await app.api['people:list']({})).length);
    await page.getByRole('combobox', { name: 'Case' }).click();
    await page.getByRole('option', { name: 'Sarah Everard', exact: true }).click();
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringMatching(/^Sarah Everard\s+victim · Sarah Everard$/), expect.stringMatching(/^Wayne Couzens\s+officer · Sarah Everard$/)]);
    await page.getByRole('combobox', { name: 'Case' }).click();
    await page.getByRole('option', { name: 'Sarah Everard', exact: true }).click(); // choosing it again clears the filter
    await expect.poll(() => rows.count()).toBe((await app.api['people:list']({})).length);
  });

  it('shows a person’s roles and mentions, and a mention opens its record', async () => {
    const { page } = app;
    await page.locator('.person-row').filter({ has: page.getByText('Child Q', { exact: true }) }).click();
    await expect.poll(() => page.locator('.editor[data-editor="person"] .title-field input').inputValue()).toBe('Child Q');
    expect(await page.getByRole('combobox', { name: 'Role in Child Q: strip search' }).inputValue()).toBe('victim');
    const mentions = page.locator('.mention-row');
    await mentions.first().waitFor();
    const details = await app.api['people:get']({ personId: 'Child Q' });
    expect(await mentions.count()).toBe(details.mentions.length);
    expect(await page.getByRole('heading', { name: `Mentions (${details.mentions.length})` }).count()).toBe(1);
    expect(await page.locator('.mention-row', { hasText: 'attachment text' }).count() + (await page.locator('.mention-row', { hasText: 'the-met-is-in-special-measures.txt' }).count())).toBeGreaterThan(0);
    await screenshots(page, 'people-person');
    await page.locator('.mention-row', { hasText: 'quotation' }).first().click();
    await page.locator('.editor[data-editor="note"]').waitFor();
    expect(await page.locator('.case-title').first().innerText()).toBe('Child Q: strip search');
  });

  it('marks people’s names in the case summary', async () => {
    const { page } = app;
    await page.locator('[data-case="child-q"]').click();
    const marks = page.getByRole('region', { name: 'Summary preview' }).locator('mark.person-mention');
    await marks.first().waitFor();
    expect(await marks.allInnerTexts()).toEqual(['Child Q', 'Olivia']);
    await screenshots(page, 'people-summary-marks');
  });

  it('adds an anonymised person from the keyboard, refusing a cipher that contains the name', async () => {
    const { page } = app;
    await page.locator('.people-link').click();
    await page.getByRole('button', { name: 'New person' }).click();
    await page.locator('.editor[data-editor="person"] .title-field input').fill('Jane Example');
    await page.locator('.person-aliases input').fill('J. Example');
    await page.keyboard.press('Enter');
    await page.getByRole('switch', { name: /Anonymise/ }).check();
    await page.locator('.person-cipher input').fill('Witness Example');
    await page.keyboard.press('Control+s');
    await page.getByText(/contains “Example”, part of a name it is meant to hide/).waitFor();
    expect(await app.api['people:list']({})).not.toContainEqual(expect.objectContaining({ name: 'Jane Example' }));
    await page.locator('.person-cipher input').fill('Witness W1');
    await page.keyboard.press('Control+s');
    await expect.poll(async () => (await app.api['people:list']({})).find((p) => p.name === 'Jane Example')).toMatchObject({
      aliases: ['J. Example'],
      anonymity: { cipher: 'Witness W1', reason: 'own-request' },
    });
    await page.locator('.person-row', { hasText: 'Witness W1' }).waitFor();
    await screenshots(page, 'people-new');
  });

  it('links a person to events and sources of their case in the form', async () => {
    const { page } = app;
    const everard = await app.api['cases:get']({ caseId: 'everard' });
    const [event] = everard.events;
    const [source] = everard.sources;
    await page.locator('.people-link').click();
    await page.locator('.person-row', { hasText: 'Wayne Couzens' }).click();
    await page.getByRole('combobox', { name: 'Events in Sarah Everard' }).click();
    await page.getByRole('option', { name: new RegExp(event.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await page.getByRole('combobox', { name: 'Sources in Sarah Everard' }).click();
    await page.getByRole('option', { name: source.title }).click();
    await page.keyboard.press('Escape');
    await screenshots(page, 'people-case-links');
    await page.keyboard.press('Control+s');
    await expect
      .poll(async () => (await app.api['people:get']({ personId: 'Wayne Couzens' })).person.cases.find((c) => c.caseId === everard.case.id))
      .toMatchObject({ role: 'officer', eventIds: [event.id], sourceIds: [source.id] });
  });

  it('moves a person to the trash, where they can be restored or deleted permanently', async () => {
    const { page } = app;
    const person = () => app.api['people:list']({ includeDeleted: true }).then((people) => people.find((p) => p.name === 'Jane Example'));
    await page.locator('.person-row', { hasText: 'Witness W1' }).click();
    await page.getByRole('button', { name: /Move .* to trash/ }).click();
    await expect.poll(async () => (await person())?.deletedAt).toEqual(expect.any(String));
    await page.locator('.trash-link').click();
    const row = page.locator('.trash-row', { hasText: 'Jane Example' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/^person\s+Jane Example\s+From the people register · deleted/i);
    await screenshots(page, 'people-trash');

    // The trash is read slowly, as from a large library on a busy machine: each notice below must still come
    // only once the list no longer shows what it reports restored or deleted.
    const slowTrash = (url: URL) => decodeURIComponent(url.pathname).endsWith('/trash:list');
    await page.route(slowTrash, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Restore Jane Example' }).click();
    await page.getByText('Restored “Jane Example”.').waitFor();
    expect(await row.count()).toBe(0); // off the list by the time the notice says so
    expect((await person())?.deletedAt).toBeUndefined();

    await app.api['people:delete']({ personId: (await person())!.id });
    await page.locator('[data-case="child-q"]').click();
    await page.locator('.trash-link').click();
    await page.getByRole('button', { name: 'Delete Jane Example permanently' }).click();
    await page.getByText('“Jane Example”, from the people register').waitFor();
    await page.getByRole('button', { name: 'Delete permanently' }).click();
    await page.getByText('Deleted permanently: one item.').waitFor();
    expect(await person()).toBeUndefined();
    expect(await row.count()).toBe(0);
    await page.unroute(slowTrash);
    await page.locator('.people-link').click();
  });

  it('opens a person with the keyboard, and has no serious axe violation, light or dark', async () => {
    const { page } = app;
    await page.locator('.person-row').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('.editor[data-editor="person"] .mention-row, .editor[data-editor="person"] :text("None of this person")').first().waitFor();
    // The previous test's notification closes by itself after a few seconds: axe must not measure it half faded.
    await expect.poll(() => page.locator('.mantine-Notification-root').count()).toBe(0);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await transitionsSettled(page);
      expect(await seriousViolations(page), scheme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(app.problems).toEqual([]);
  });
});
