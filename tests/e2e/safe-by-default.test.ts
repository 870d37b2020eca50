/*
 * Issue 18, in Chromium through the bridge on a copy of the sample library: a whole case is trashed only
 * after a confirmation naming it (a double click never takes two), the trash can be emptied for good, a
 * date range that ends before it starts is refused, dates stay as typed, the case list works from the
 * keyboard, and Settings sets the name the custody table then shows.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshots, useApp } from './harness';

const app = useApp();

const exists = (file: string) => access(file).then(() => true, () => false);
const liveCaseCount = async () => (await app.api['cases:list']({})).length;
const activeCaseTitle = () => app.page.locator('.case-title').first().textContent();

describe('safe by default', () => {
  it('asks before trashing a whole case, naming it; a double click trashes nothing; the notice undoes it', async () => {
    const { page } = app;
    const before = await liveCaseCount();
    await page.locator('[data-case="everard"]').click();
    await page.getByRole('button', { name: 'Case details' }).click();
    const trash = page.getByRole('button', { name: 'Move case to trash' });
    await trash.dblclick();
    // The first click asks; then a moment for a second question or a trash, which must not come.
    await page.getByRole('dialog').first().waitFor();
    await page.waitForTimeout(400);
    expect(await liveCaseCount()).toBe(before);
    // At most one question, however fast the clicks came.
    expect(await page.getByRole('dialog').count()).toBeLessThanOrEqual(1);
    if ((await page.getByRole('dialog').count()) === 1) await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await trash.click();
    const dialog = page.getByRole('dialog', { name: 'Move “Sarah Everard” to the trash?' });
    await dialog.waitFor();
    // The safe choice has the focus: Enter cancels.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Cancel');
    await screenshots(page, '40-confirm-trash-case');
    await dialog.getByRole('button', { name: 'Move case to trash' }).click();
    await page.getByText('Moved the case “Sarah Everard” to the trash.').waitFor();
    expect(await liveCaseCount()).toBe(before - 1);
    expect((await app.api['trash:list']({})).map((i) => i.title)).toEqual(['Sarah Everard']);

    await page.locator('.notice-action', { hasText: 'Undo' }).click();
    await page.locator('[data-case="everard"]').waitFor();
    expect(await liveCaseCount()).toBe(before);
  });

  it('deletes a trash item permanently after naming it: its file leaves the disk, the journal keeps no title', async () => {
    const { page, api, lib } = app;
    const childQ = (await api['cases:get']({ caseId: 'child-q' })).case;
    const source = await api['sources:create']({ caseId: 'child-q', fields: { title: 'Witness statement with a home address' } });
    const file = await api['attachments:add']({ caseId: 'child-q', sourceId: source.id, fileName: 'statement.txt', contentBase64: Buffer.from('Lives at 1 Example Road').toString('base64') });
    await api['sources:delete']({ caseId: 'child-q', sourceId: source.id });
    const stored = path.join(lib.read.filesDir(childQ.id), file.sha256);
    expect(await exists(stored)).toBe(true);

    await page.locator('.trash-link').click();
    await page.getByRole('button', { name: 'Delete Witness statement with a home address permanently' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Witness statement with a home address” permanently?' });
    await dialog.getByText('The source “Witness statement with a home address”, in Child Q: strip search').waitFor();
    await dialog.getByText('This cannot be undone.', { exact: false }).waitFor();
    await screenshots(page, '41-confirm-erase');
    await dialog.getByRole('button', { name: 'Delete permanently' }).click();
    await page.getByText('Deleted permanently: one item and one stored file.').waitFor();
    await page.getByText('The trash is empty.').waitFor();

    expect(await exists(stored)).toBe(false);
    expect(await readFile(path.join(lib.read.caseDir(childQ.id), 'case.json'), 'utf8')).not.toContain('home address');
    const journal = await readFile(path.join(lib.read.caseDir(childQ.id), 'journal.jsonl'), 'utf8');
    const last = JSON.parse(journal.trim().split('\n').pop()!);
    expect(last).toMatchObject({ action: 'Delete permanently one item from the trash', records: [{ kind: 'source', id: source.id, title: '(erased)', op: 'purged' }] });
    expect(JSON.stringify(last)).not.toContain('home address');
  });

  it('empties the trash: the confirmation lists what goes, and the trashed case leaves the disk', async () => {
    const { page, api, lib } = app;
    const port = (await api['cases:get']({ caseId: 'port' })).case;
    await api['cases:delete']({ caseId: 'port' });
    const notes = (await api['cases:get']({ caseId: 'baker' })).notes;
    await api['notes:delete']({ caseId: 'baker', noteId: notes[0].id });
    await page.locator('[data-case="baker"]').click();
    await page.locator('.trash-link').click();
    await page.getByRole('button', { name: 'Empty trash…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 items permanently?' });
    await dialog.getByText('The case “Stephen Port: inquests”, with everything in it').waitFor();
    await dialog.getByText(`The note “${notes[0].title}”, in Jermaine Baker`).waitFor();
    await dialog.getByRole('button', { name: 'Delete permanently' }).click();
    await page.getByText('The trash is empty.').waitFor();
    expect(await exists(lib.read.caseDir(port.id))).toBe(false);
    expect(await api['trash:list']({})).toEqual([]);
  });

  it('refuses a date range that ends before it starts, beside the field, and keeps dates as typed', async () => {
    const { page, api } = app;
    await page.locator('[data-case="okorogheye"]').click();
    await page.getByRole('button', { name: 'Case details' }).click();
    const before = (await api['cases:get']({ caseId: 'okorogheye' })).case;
    await page.getByRole('textbox', { name: 'Incident date' }).fill('15 March 2021');
    await page.getByRole('textbox', { name: 'Until' }).fill('c. 2019');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('This ends (c. 2019) before it starts (15 March 2021). Correct one of the two dates, or clear the end date.').waitFor();
    await screenshots(page, '42-date-range-refused');
    expect((await api['cases:get']({ caseId: 'okorogheye' })).case).toEqual(before);

    await page.getByRole('textbox', { name: 'Until' }).fill('April 2021');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('All changes saved').waitFor();
    expect((await api['cases:get']({ caseId: 'okorogheye' })).case).toMatchObject({ incidentDate: { value: '2021-03-15' }, incidentEndDate: { value: '2021-04' } });
    // Shown as typed after saving, not rewritten as 15/03/2021.
    expect(await page.getByRole('textbox', { name: 'Incident date' }).inputValue()).toBe('15 March 2021');
    expect(await page.getByRole('textbox', { name: 'Until' }).inputValue()).toBe('April 2021');
  });

  it('reaches the case list with Tab and moves through it with the arrow keys; Enter goes to the records', async () => {
    const { page } = app;
    const cases = await app.api['cases:list']({});
    await page.getByRole('button', { name: 'Search and jump' }).focus();
    for (let i = 0; i < 12 && !(await page.evaluate("document.activeElement?.getAttribute('aria-label') === 'Cases'")); i++) await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement?.getAttribute('role')")).toBe('listbox');
    await page.keyboard.press('Home');
    await expect.poll(activeCaseTitle).toBe(cases[0].title);
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeCaseTitle).toBe(cases[1].title);
    expect(await page.locator('.case-list [role="option"][aria-selected="true"]').textContent()).toContain(cases[1].title);
    await page.keyboard.press('End');
    await expect.poll(activeCaseTitle).toBe(cases[cases.length - 1].title);
    await page.keyboard.press('ArrowUp');
    await expect.poll(activeCaseTitle).toBe(cases[cases.length - 2].title);
    await screenshots(page, '43-case-list-keyboard');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate("document.activeElement?.classList.contains('record-list')")).toBe(true);
  });

  it('sets the user name in Settings; the custody table then names who attached a file', async () => {
    const { page, api } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill('not an address');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByText('Type an email address such as name@example.org.').waitFor();
    await dialog.getByRole('textbox', { name: 'Your name' }).fill('Ada Researcher');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('ada@example.org');
    await dialog.getByRole('textbox', { name: 'Bates prefix' }).fill('CF');
    await screenshots(page, '44-settings');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Who you are is kept on this computer (identity:set), not in the library a team may share.
    expect(await api['identity:get']({})).toEqual({ name: 'Ada Researcher', email: 'ada@example.org' });
    expect((await api['library:info']({})).settings).toMatchObject({ batesPrefix: 'CF' });

    const source = await api['sources:create']({ caseId: 'baker', fields: { title: 'Inquest transcript (test)' } });
    await api['attachments:add']({ caseId: 'baker', sourceId: source.id, fileName: 'transcript.txt', contentBase64: Buffer.from('transcript').toString('base64') });
    await page.locator('[data-case="child-q"]').click();
    await page.locator('[data-case="baker"]').click();
    await page.locator('.record-row', { hasText: 'Inquest transcript (test)' }).click();
    await page.getByRole('tab', { name: /Chain of custody/ }).click();
    await page.getByText('Ada Researcher').first().waitFor();
    await page.getByRole('button', { name: 'Export dossier' }).click();
    expect(await page.getByRole('dialog', { name: 'Export dossier' }).getByRole('textbox', { name: 'Bates prefix' }).inputValue()).toBe('CF');
    await page.keyboard.press('Escape');
  });

  it('switches to the dark theme without a Content-Security-Policy violation', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Theme', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Dark' }).click();
    await expect.poll(() => page.evaluate("document.documentElement.getAttribute('data-mantine-color-scheme')")).toBe('dark');
    await page.getByRole('button', { name: 'Theme', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Light' }).click();
    await expect.poll(() => page.evaluate("document.documentElement.getAttribute('data-mantine-color-scheme')")).toBe('light');
    expect(app.problems).toEqual([]);
  });

  it('ran without a Content-Security-Policy violation or page error', () => {
    expect(app.problems).toEqual([]);
  });
});
