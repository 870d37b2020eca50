/*
 * The one pdf.js harness (evidence/pdf-worker-host.ts), through its two tasks: reading where words stand
 * (redaction's inspectPdf) and rendering pages (renderPdfPages). Real PDFs, real worker threads: a bomb is refused
 * before pdf.js sees it on both paths, one worker serves many jobs, and a job that overruns ends its thread
 * without harming the next job.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPdfPages } from '../../../src/core/dossier/exhibits/pdf-render';
import { inspectPdf, INSPECT_LIMITS, pageText } from '../../../src/core/dossier/redaction/pdf-inspect';
import { PdfWorker } from '../../../src/core/evidence/pdf-worker-host';
import { pdfBomb } from '../../helpers/hostile-files';

async function letter(words: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([300, 200]).drawText(words, { x: 20, y: 100, size: 14, font });
  return doc.save();
}

const workers: PdfWorker[] = [];
const newWorker = () => {
  const worker = new PdfWorker(1024);
  workers.push(worker);
  return worker;
};
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

describe('the pdf.js worker harness', () => {
  it('refuses a decompression bomb before reading it, for the redaction of exhibits as for rendering', async () => {
    // A content stream inflating to 300 MiB: past the 64 MiB cap for text and the 256 MiB cap for pictures.
    const bomb = await pdfBomb(300 * 1024 * 1024);
    const withLayout = await inspectPdf(bomb, { layout: true });
    expect(withLayout).toEqual({ ok: false, reason: 'a compressed stream in it expands to more than 256 MiB' });
    const wordsOnly = await inspectPdf(bomb, { layout: false });
    expect(wordsOnly).toEqual({ ok: false, reason: 'a compressed stream in it expands to more than 64 MiB' });
    const worker = newWorker();
    expect(await inspectPdf(bomb, { layout: true }, INSPECT_LIMITS, worker)).toMatchObject({ ok: false, reason: expect.stringContaining('expands to more than') });
    expect(await renderPdfPages(bomb, undefined, {}, worker)).toMatchObject({ ok: false, reason: expect.stringContaining('expands to more than') });
    // Refused before any thread was started for it.
    expect(worker.started).toBe(0);
  }, 120_000);

  it('reads and renders several files in one thread, each with its own result', async () => {
    const worker = newWorker();
    const first = await inspectPdf(await letter('The first letter'), { layout: true }, INSPECT_LIMITS, worker);
    const rendered = await renderPdfPages(await letter('A page to render'), undefined, {}, worker);
    const second = await inspectPdf(await letter('The second letter'), { layout: false }, INSPECT_LIMITS, worker);
    expect(first.ok && pageText(first.pdf.pages[0]).text).toContain('The first letter');
    expect(second.ok && pageText(second.pdf.pages[0]).text).toContain('The second letter');
    expect(rendered.ok && rendered.pages.map((p) => [p.width, p.height, p.pixelWidth, p.pixelHeight])).toEqual([[300, 200, 600, 400]]);
    expect(worker.started).toBe(1);
  }, 120_000);

  it('runs jobs given at once one after another, in the order given', async () => {
    const worker = newWorker();
    const texts = ['Alpha page', 'Bravo page', 'Charlie page'];
    const files = await Promise.all(texts.map(letter));
    const results = await Promise.all(files.map((bytes) => inspectPdf(bytes, { layout: false }, INSPECT_LIMITS, worker)));
    expect(results.map((r) => (r.ok ? pageText(r.pdf.pages[0]).text.trim() : r.reason))).toEqual(texts);
    expect(worker.started).toBe(1);
  }, 120_000);

  it('ends a thread whose job overruns its time, and starts a new one for the next job', async () => {
    const worker = newWorker();
    const bytes = await letter('Slow to read');
    // Loading pdf.js alone takes far longer than a millisecond.
    const late = await inspectPdf(bytes, { layout: false }, { ...INSPECT_LIMITS, timeoutMs: 1 }, worker);
    expect(late).toEqual({ ok: false, reason: 'reading it took over 0.001 s' });
    const next = await inspectPdf(bytes, { layout: false }, INSPECT_LIMITS, worker);
    expect(next.ok && pageText(next.pdf.pages[0]).text).toContain('Slow to read');
    expect(worker.started).toBe(2);
  }, 120_000);

  it('stops rendering when the pages would be too large, and the thread serves the next job afresh', async () => {
    const worker = newWorker();
    const bytes = await letter('Too large');
    const tooLarge = await renderPdfPages(bytes, { timeoutMs: 60_000, maxHeapMb: 512, maxPages: 10, scale: 2, maxPagePixels: 16_000_000, maxTotalBytes: 10 }, {}, worker);
    expect(tooLarge).toEqual({ ok: false, reason: `its pages as images would take over ${10 / 2 ** 20} MiB` });
    const next = await renderPdfPages(bytes, undefined, {}, worker);
    expect(next.ok && next.pages.length).toBe(1);
  }, 120_000);

  it('says why when a file is not a PDF, and keeps its thread for the next', async () => {
    const worker = newWorker();
    const notPdf = await inspectPdf(new TextEncoder().encode('just some words, not a PDF'), { layout: false }, INSPECT_LIMITS, worker);
    expect(notPdf).toMatchObject({ ok: false, reason: expect.stringMatching(/Invalid PDF/i) });
    const next = await inspectPdf(await letter('Readable'), { layout: false }, INSPECT_LIMITS, worker);
    expect(next.ok).toBe(true);
    expect(worker.started).toBe(1);
  }, 120_000);
});
