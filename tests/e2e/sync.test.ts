/*
 * Issue #15 in a real browser: a library shared through a real git server on loopback (git http-backend,
 * tests/helpers/git-server.ts); the bridge takes a token from CASEFOLIO_GIT_TOKEN and the panel says so. The window says who you are, publishes the
 * library, syncs and says what came in and from whom; a same-field edit on two machines becomes a conflict
 * the window shows side by side and resolves (by keyboard); a large deletion is held back until "Sync
 * anyway"; a run killed mid-way is said (its step and start) and completed by Sync now; an unreachable remote
 * is said in words. "Ana's machine" is a clone opened in this process.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type LibrarySession } from '../../src/core/library-session';
import { credentialsFromTokens, environmentCredentials, HEADLESS_SHELL } from '../../src/core/shell';
import { cloneLibrary } from '../../src/core/sync/clone';
import { runSync } from '../../src/core/sync/run';
import { GIT_TOKEN_ENV } from '../../src/shared/git-credentials';
import { startGitServer, type GitServer } from '../helpers/git-server';
import { seriousViolations } from './a11y';
import { screenshots, transitionsSettled, useApp } from './harness';

const TOKEN = 'e2e-git-token-0123456789';

let server: GitServer;
let remote: string;
let ana: LibrarySession;
let caseSlug: string;
let contestedNoteId: string;

/**
 * Serious or critical axe violations: the whole page in the light theme, and `part` in the dark one (there
 * the page dimmed behind a dialog fails contrast by design, and the main screens' dark check is
 * tests/e2e/accessibility.test.ts).
 */
async function violationsInBothThemes(part: string): Promise<string[]> {
  // A dialog's overlay fades in: axe measures contrast through it, so only once the fade is over.
  await transitionsSettled(app.page);
  const found = (await seriousViolations(app.page)).map((v) => `light: ${v}`);
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await transitionsSettled(app.page); // colours change with a transition: check them once it is over
  found.push(...(await seriousViolations(app.page, part)).map((v) => `dark: ${v}`));
  await app.page.emulateMedia({ colorScheme: 'light' });
  return found;
}

const syncButton = () => app.page.locator('.sync-button');
const panel = () => app.page.locator('.sync-panel');

async function openPanel(): Promise<void> {
  if (!(await panel().getByText('Sync with your team').isVisible())) await syncButton().click();
  await panel().getByText('Sync with your team').waitFor();
}

/** Closes the panel and waits until its drawer has gone, so the next openPanel never finds it half closed. */
async function closePanel(): Promise<void> {
  await app.page.keyboard.press('Escape');
  await panel().getByText('Sync with your team').waitFor({ state: 'hidden' });
}

async function syncInWindow(): Promise<void> {
  await openPanel();
  await panel().getByRole('button', { name: 'Sync now' }).click();
  await syncFinished();
}

/** The run is over when its button is back and its progress bar gone (the panel has reloaded by then). */
async function syncFinished(): Promise<void> {
  await expect.poll(() => panel().getByRole('button', { name: 'Sync now' }).isEnabled(), { timeout: 60_000 }).toBe(true);
  await expect.poll(() => panel().locator('.sync-progress').count()).toBe(0);
}

beforeAll(async () => {
  process.env[GIT_TOKEN_ENV] = TOKEN;
  server = await startGitServer();
  remote = server.repository('team');
}, 120_000);
const app = useApp();

afterAll(async () => {
  delete process.env[GIT_TOKEN_ENV];
  await ana?.close();
  await server?.close();
});

describe('sync in the window, through the bridge', () => {
  it('asks who you are (refusing a bad email in words), then publishes the library to the team’s repository', async () => {
    await openPanel();
    const prompt = panel().locator('.identity-prompt');
    await prompt.getByLabel('Your name').fill('Sam Okafor');
    await prompt.getByLabel('Email').fill('sam at example');
    await prompt.getByRole('button', { name: 'Save who I am' }).click();
    await expect.poll(() => prompt.textContent()).toMatch(/Type an email address such as name@example\.org/);
    await prompt.getByLabel('Email').fill('sam@example.org');
    await prompt.getByRole('button', { name: 'Save who I am' }).click();
    await expect.poll(() => panel().locator('.sync-identity').textContent()).toBe('Your changes are signed Sam Okafor <sam@example.org>.');
    expect(await app.api['identity:get']({})).toEqual({ name: 'Sam Okafor', email: 'sam@example.org' });

    await panel().getByLabel('Shared repository').fill(remote);
    // In a browser the token can only come from the environment, and the panel says it is there.
    await expect.poll(() => panel().locator('.access-token-status').textContent()).toMatch(/comes from CASEFOLIO_GIT_TOKEN/);
    const asked = server.requests;
    await panel().getByRole('button', { name: 'Publish this library' }).click();
    await expect.poll(() => panel().locator('.sync-now').textContent(), { timeout: 60_000 }).toContain(`Shared through ${remote}`);
    expect(server.requests).toBeGreaterThan(asked);
    expect((await app.api['sync:status']({})).configured).toBe(true);
  }, 180_000);

  it('syncs what another machine changed and says what came in and from whom', async () => {
    const anaDir = path.join(app.dir, 'ana');
    await cloneLibrary(anaDir, remote, credentialsFromTokens(environmentCredentials()));
    ana = await openLibrary(anaDir, { shell: { ...HEADLESS_SHELL, gitCredentials: credentialsFromTokens(environmentCredentials()) } });
    await ana.api['identity:set']({ name: 'Ana Díaz', email: 'ana@example.org' });
    const [first] = await ana.api['cases:list']({});
    caseSlug = first.slug;
    const before = first;
    for (const title of ['Interview with the family', 'Gap in the custody record', 'Questions for the IOPC']) {
      const note = await ana.api['notes:create']({ caseId: caseSlug, fields: { title, body: `${title}: first draft.` } });
      contestedNoteId ??= note.id;
    }
    await ana.api['sources:create']({ caseId: caseSlug, fields: { title: 'Coroner’s report', kind: 'official-report' } });
    await ana.api['sync:run']({});

    await syncInWindow();
    await expect.poll(() => panel().locator('.sync-outcome').textContent()).toMatch(/Came in: 3 notes and 1 source from Ana Díaz\./);
    expect(await panel().locator('.sync-last').textContent()).toBe('Last synced just now.');
    await screenshots(app.page, 'sync-01-came-in');
    expect(await violationsInBothThemes('.sync-panel .mantine-Drawer-content')).toEqual([]);
    await closePanel();
    // The window shows the merged data without a restart.
    const row = app.page.locator(`.case-link[data-case="${caseSlug}"]`);
    await expect.poll(() => row.textContent()).toContain(`${before.counts.sources + 1} sources · ${before.counts.notes + 3} notes`);
  }, 180_000);

  it('shows a same-field conflict side by side, resolves it from the keyboard, and syncs it away', async () => {
    await ana.api['notes:update']({ caseId: caseSlug, noteId: contestedNoteId, patch: { body: 'Ana: the family were interviewed on 3 May.' } });
    await ana.api['sync:run']({});
    await app.api['notes:update']({ caseId: caseSlug, noteId: contestedNoteId, patch: { body: 'Sam: the family were interviewed in May.' } });

    await syncInWindow();
    await expect.poll(() => panel().locator('.sync-conflicts-alert').textContent()).toMatch(/One conflict needs your choice/);
    await expect.poll(() => syncButton().getAttribute('aria-label')).toBe('Sync, 1 conflict open');
    await panel().getByRole('button', { name: 'Resolve conflicts…' }).click();

    const view = app.page.getByRole('dialog', { name: /Sync conflicts/ });
    const card = view.locator('.conflict-card');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator('.conflict-ours').textContent()).toMatch(/Sam Okafor.*Sam: the family were interviewed in May\./);
    expect(await card.locator('.conflict-theirs').textContent()).toMatch(/Ana Díaz.*Ana: the family were interviewed on 3 May\./);
    expect(await card.getByRole('heading').textContent()).toBe('Note “Interview with the family” — body');
    await screenshots(app.page, 'sync-02-conflicts');
    expect(await violationsInBothThemes('.conflicts-view .mantine-Modal-content')).toEqual([]);

    // From the keyboard: Combine…, the combined text (both versions, editable), then keep it.
    await card.getByRole('button', { name: 'Combine…' }).focus();
    await app.page.keyboard.press('Enter');
    const combined = card.getByLabel('Combined text');
    await expect.poll(() => combined.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await combined.inputValue()).toBe('Sam: the family were interviewed in May.\n\nAna: the family were interviewed on 3 May.');
    await app.page.keyboard.press('ControlOrMeta+a');
    await app.page.keyboard.type('The family were interviewed on 3 May (Ana’s date; Sam agrees).');
    await app.page.keyboard.press('Tab');
    await app.page.keyboard.press('Enter');
    await expect.poll(() => view.locator('.conflicts-none').count()).toBe(1);
    await screenshots(app.page, 'sync-03-resolved');
    await app.page.keyboard.press('Escape');

    await syncInWindow();
    await expect.poll(() => syncButton().getAttribute('aria-label')).toBe('Sync');
    expect(await panel().locator('.sync-conflicts-alert').count()).toBe(0);
    await ana.api['sync:run']({});
    const note = (await ana.api['cases:get']({ caseId: caseSlug })).notes.find((n) => n.id === contestedNoteId);
    expect(note?.body).toBe('The family were interviewed on 3 May (Ana’s date; Sam agrees).');
    await closePanel();
  }, 180_000);

  it('holds back a sync that would delete whole cases, names them, and applies it only on “Sync anyway”', async () => {
    const cases = await ana.api['cases:list']({});
    const doomed = cases.slice(-2);
    for (const c of doomed) await ana.api['cases:delete']({ caseId: c.id });
    await ana.api['trash:erase']({ items: doomed.map((c) => ({ kind: 'case' as const, caseId: c.id, id: c.id })) });
    await ana.api['sync:run']({});

    await syncInWindow();
    const held = panel().locator('.sync-held-back');
    await expect.poll(() => held.textContent()).toMatch(/This sync would delete [\d.]+ % of the library’s records/);
    for (const c of doomed) expect(await held.textContent()).toContain(`“${c.title}”`);
    expect((await app.api['cases:list']({})).length).toBe(cases.length); // nothing applied yet
    await held.getByRole('button', { name: 'Review…' }).click();
    await expect.poll(() => held.locator('.sync-held-back-review').textContent()).toMatch(/nothing here changes and nothing is sent/);
    await screenshots(app.page, 'sync-04-held-back');
    expect(await violationsInBothThemes('.sync-panel .mantine-Drawer-content')).toEqual([]);
    await held.getByRole('button', { name: 'Sync anyway' }).click();
    await expect.poll(async () => (await app.api['cases:list']({})).length, { timeout: 60_000 }).toBe(cases.length - 2);
    await syncFinished();
    await expect.poll(() => app.page.locator('.case-link').count(), { timeout: 60_000 }).toBe(cases.length - 2);
    expect(await panel().locator('.sync-held-back').count()).toBe(0);
  }, 180_000);

  it('says when the last sync was interrupted, at which step and when it started, and Sync now completes it', async () => {
    await ana.api['notes:create']({ caseId: caseSlug, fields: { title: 'Written while the window’s sync was cut short' } });
    await ana.api['sync:run']({});
    // The window's own run, killed once it has merged (as a crash or a closed laptop would): the core the bridge serves, in this process.
    const crash = new Error('killed during the merge');
    const credentials = credentialsFromTokens(environmentCredentials());
    await expect(runSync(app.lib, false, { credentials, afterStep: (step) => { if (step === 'merge') throw crash; } })).rejects.toBe(crash);
    expect((await app.api['cases:get']({ caseId: caseSlug })).notes.some((n) => n.title.startsWith('Written while'))).toBe(false);

    if (await panel().getByText('Sync with your team').isVisible()) await closePanel();
    await openPanel();
    const line = panel().locator('.sync-interrupted');
    await expect.poll(() => line.textContent()).toMatch(
      /^The last sync \(started (just now|\d+ minutes? ago)\) was interrupted at “Merging record by record”; nothing is lost\. Sync now completes it, as does casefolio sync while the app is closed\.$/,
    );
    // What the run before it did is not shown as if it were the last sync's outcome.
    expect(await panel().locator('.sync-outcome').count()).toBe(0);
    await screenshots(app.page, 'sync-05-interrupted');
    expect(await violationsInBothThemes('.sync-panel .mantine-Drawer-content')).toEqual([]);

    await panel().getByRole('button', { name: 'Sync now' }).click();
    await syncFinished();
    await expect.poll(() => panel().locator('.sync-outcome').textContent()).toMatch(/Came in: 1 note from Ana Díaz\./);
    expect(await line.count()).toBe(0);
    expect((await app.api['sync:status']({})).interrupted).toBeUndefined();
    expect((await app.api['cases:get']({ caseId: caseSlug })).notes.some((n) => n.title.startsWith('Written while'))).toBe(true);
    await closePanel();
  }, 180_000);

  it('says in words when the shared repository cannot be reached, and keeps everything here', async () => {
    server.fail = true; // the host answers 503, as one that is down
    await app.api['notes:create']({ caseId: caseSlug, fields: { title: 'Written offline' } });
    await syncInWindow();
    const failure = panel().locator('.sync-failure');
    await expect.poll(() => failure.textContent()).toMatch(/could not be reached.*everything stays on this computer.*Try again/);
    await screenshots(app.page, 'sync-06-unreachable');
    expect((await app.api['cases:get']({ caseId: caseSlug })).notes.some((n) => n.title === 'Written offline')).toBe(true);
    expect(app.problems).toEqual([]);
  }, 180_000);
});
