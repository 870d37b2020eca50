/*
 * Every main screen, light and dark, in Chromium through the bridge: axe-core finds no serious or critical
 * WCAG 2.1 A/AA violation, and no screen logs a Content-Security-Policy violation (the harness collects
 * them from the page's own securitypolicyviolation events).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './a11y';
import { transitionsSettled, useApp } from './harness';

const app = useApp();

/** Each main screen: how to get there from anywhere, and how to leave it as it was. */
const SCREENS: { name: string; open: (page: Page) => Promise<void>; close?: (page: Page) => Promise<void> }[] = [
  {
    name: 'case with its sources',
    open: async (page) => {
      await page.locator('[data-case="everard"]').click();
      await page.getByRole('tab', { name: /Sources/ }).click();
      await page.locator('.record-row').first().waitFor();
    },
  },
  {
    name: 'source editor',
    open: async (page) => {
      await page.locator('.record-row').first().click();
      await page.locator('.editor[data-editor="source"]').waitFor();
    },
  },
  {
    name: 'notes and the note editor',
    open: async (page) => {
      await page.getByRole('tab', { name: /Notes/ }).click();
      await page.locator('.record-row').first().click();
      await page.locator('.editor[data-editor="note"]').waitFor();
    },
  },
  {
    name: 'chronology timeline',
    open: async (page) => {
      await page.getByRole('tab', { name: /Chronology/ }).click();
      await page.locator('.mantine-SegmentedControl-label', { hasText: 'Timeline' }).click();
      await page.locator('.timeline-item').first().waitFor();
    },
  },
  {
    name: 'chronology table',
    open: async (page) => {
      await page.locator('.mantine-SegmentedControl-label', { hasText: 'Table' }).click();
      await page.locator('.record-row').first().waitFor();
    },
  },
  {
    name: 'trash',
    open: async (page) => {
      await page.locator('.trash-link').click();
      await page.getByRole('heading', { name: 'Trash' }).waitFor();
    },
  },
  {
    name: 'quick search with results',
    open: async (page) => {
      await page.locator('[data-case="everard"]').click();
      await page.keyboard.press('Control+k');
      await page.getByRole('textbox', { name: 'Search the library' }).fill('vigil');
      await page.locator('.search-hit').first().waitFor();
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await page.locator('.search-hit').first().waitFor({ state: 'detached' });
    },
  },
  {
    name: 'export dialog',
    open: async (page) => {
      await page.getByRole('button', { name: 'Export dossier' }).click();
      await page.getByRole('dialog', { name: 'Export dossier' }).getByRole('checkbox', { name: 'Child Q: strip search' }).check();
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'settings',
    open: async (page) => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    },
  },
];

describe('accessibility and the Content-Security-Policy on every main screen', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation in the ${scheme} theme`, async () => {
      const { page } = app;
      await page.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      for (const screen of SCREENS) {
        await screen.open(page);
        await transitionsSettled(page); // colours are measured as they end up
        for (const v of await seriousViolations(page)) found.push(`${screen.name}: ${v}`);
        await screen.close?.(page);
      }
      expect(found).toEqual([]);
      expect(app.problems).toEqual([]);
    }, 240_000); // 24 s under load here: every screen, measured by axe
  }

  it('shows where the keyboard is: every focusable control on the main screen has a visible focus style', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('[data-case="everard"]').click();
    await page.getByRole('button', { name: 'Search and jump' }).focus();
    const unmarked: string[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const described = (await page.evaluate(`(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const ringed = (node) => {
          const s = getComputedStyle(node);
          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        };
        // A segmented control's radio is hidden; its label beside it carries the ring.
        const shown = ringed(el) || (el.classList.contains('mantine-SegmentedControl-input') && el.nextElementSibling && ringed(el.nextElementSibling));
        return shown ? '' : (el.getAttribute('aria-label') || el.className || el.tagName).toString().trim().slice(0, 60);
      })()`)) as string | null;
      if (described) unmarked.push(described);
    }
    expect(unmarked).toEqual([]);
  });
});
