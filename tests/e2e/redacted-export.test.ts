/*
 * The export dialog's "Redacted copy for publication" with the real engine: a person of the sample library
 * anonymised, the redacted dossier exported from the window, the dialog saying where the redaction log is, and
 * the file naming the cipher, never the person.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshots, useApp } from './harness';

const app = useApp();

describe('a redacted copy from the export dialog', () => {
  it('exports the copy with the cipher in place of the name, and says where the log is', async () => {
    const { page, api } = app;
    const people = await api['people:list']({});
    const baker = people.find((p) => p.name === 'Jermaine Baker')!;
    await api['people:update']({ personId: baker.id, patch: { aliases: ['Baker'], anonymity: { cipher: 'Person B', reason: 'other' } } });
    await page.reload();
    await page.locator('[data-case="baker"]').click();
    await page.getByRole('button', { name: 'Export dossier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export dossier' });
    await dialog.getByRole('switch', { name: 'Redacted copy for publication' }).check();
    await dialog.getByRole('switch', { name: 'Redacted copy for publication' }).scrollIntoViewIfNeeded();
    await screenshots(page, '39-export-redacted-switch');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText('Dossier exported').waitFor({ timeout: 240_000 });
    const said = await dialog.getByText(/^Redacted: /).textContent();
    await screenshots(page, '40-export-redacted-done');
    const logPath = /saved beside the dossier as (.+\.redaction-log\.txt)/.exec(said ?? '')![1];
    expect(logPath).toMatch(/\(redacted\)\.pdf\.redaction-log\.txt$/);
    expect(existsSync(logPath)).toBe(true);
    const text = execFileSync('pdftotext', [logPath.replace(/\.redaction-log\.txt$/, ''), '-'], { encoding: 'utf8' });
    expect(text).toContain('Person B');
    expect(text).not.toMatch(/Jermaine|Baker/);
  }, 300_000);

  it('ran without a Content-Security-Policy violation', () => {
    expect(app.problems).toEqual([]);
  });
});
