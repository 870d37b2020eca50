/*
 * The timeline figure in a dossier: drawn in vector before the chronology table when asked for, never otherwise;
 * rendered by poppler to check that the claim colours are really on the page, and read back with pdf.js to check
 * that its labels are text above the table.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { CLAIM_RGB } from '../../../src/core/dossier/sections/timeline-figure';
import { CaseFile, CURRENT_SCHEMA_VERSION } from '../../../src/shared/domain';
import { BUILD_DATE, library } from './fixtures';
import { PdfReader } from './pdf-reader';

const T = '2025-11-20T10:00:00.000Z';
const event = (id: string, title: string, date: object, claimStatus: string) => ({ id, createdAt: T, updatedAt: T, title, date, claimStatus });

/** Fictional events, one of each kind of date. */
const fictional = CaseFile.parse({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  case: { id: 'fig-case', createdAt: T, updatedAt: T, slug: 'figure-case', title: 'A fictional case for the timeline figure' },
  events: [
    event('event-1', 'Review opened (a whole month)', { value: '2021-03' }, 'found'),
    event('event-2', 'Complaint made (c. 2019)', { value: '2019', certainty: 'approximate' }, 'alleged'),
    event('event-3', 'Hearing held (one day)', { value: '2021-06-15' }, 'established'),
    event('event-4', 'Letter sent (year inferred)', { value: '2020-05-02', certainty: 'inferred' }, 'disputed'),
    event('event-5', 'Monitoring (a whole year)', { value: '2020' }, 'admitted'),
  ],
});

async function build(timelineFigure: boolean) {
  return buildDossier({ library: library(), cases: [fictional], readAttachment: async () => undefined }, { title: 'Figure', buildDate: BUILD_DATE, sections: ['chronology'], timelineFigure });
}

/** Pixels of the rendered page within `tolerance` of each claim colour. */
function claimPixels(pdf: Uint8Array, page: number): Record<string, number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casefolio-figure-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '100', '-f', String(page), '-l', String(page), path.join(dir, 'in.pdf'), path.join(dir, 'page')]);
    const ppm = readFileSync(path.join(dir, `page-${page}.ppm`));
    // P6 header: magic, width, height, maxval, each followed by one whitespace byte.
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
    const pixels = ppm.subarray(header[0].length);
    const counts: Record<string, number> = {};
    for (const [status, rgb] of Object.entries(CLAIM_RGB)) {
      const target = rgb.map((c) => c * 255);
      let n = 0;
      for (let i = 0; i < pixels.length; i += 3) {
        if (Math.abs(pixels[i] - target[0]) < 14 && Math.abs(pixels[i + 1] - target[1]) < 14 && Math.abs(pixels[i + 2] - target[2]) < 14) n++;
      }
      counts[status] = n;
    }
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the timeline figure', () => {
  it('draws every event in its claim colour before the chronology table, with its labels as text and a key', async () => {
    const result = await build(true);
    const page = result.pageMap.find((e) => e.kind === 'chronology')!.startPage;
    const pixels = claimPixels(result.bytes, page);
    for (const status of Object.keys(CLAIM_RGB)) expect(pixels[status], status).toBeGreaterThan(10);

    const pdf = await PdfReader.open(result.bytes);
    const items = await pdf.items(page);
    const y = (text: string) => items.find((i) => i.str.includes(text))?.y;
    const tableHeader = items.find((i) => i.str === 'DATE')!.y;
    // PDF y grows upwards: the figure's labels and key sit above the table's header.
    for (const label of ['Review opened', 'Complaint made', 'Hearing held', 'Letter sent', 'Monitoring', '[year] inferred', 'Established']) {
      expect(y(label), label).toBeGreaterThan(tableHeader);
    }
    // The axis names the years the events fall in.
    for (const year of ['2019', '2020', '2021']) expect(items.some((i) => i.str === year && i.y > tableHeader), year).toBe(true);
    await pdf.close();
  });

  it('is left out unless asked for', async () => {
    const result = await build(false);
    const page = result.pageMap.find((e) => e.kind === 'chronology')!.startPage;
    expect(Object.values(claimPixels(result.bytes, page)).reduce((a, b) => a + b, 0)).toBe(0);
    const pdf = await PdfReader.open(result.bytes);
    expect(await pdf.text(page)).not.toContain('[year] inferred');
    await pdf.close();
  });
});
