/*
 * One dossier build in a fresh process, for memory:
 *   node --expose-gc --import tsx bench/dossier-memory.ts text
 *   node --expose-gc --import tsx bench/dossier-memory.ts exhibits <folder of PDFs>
 *   node --expose-gc --import tsx bench/dossier-memory.ts png <folder holding scan.png>
 *   node --expose-gc --import tsx bench/dossier-memory.ts png-pdf-lib <folder holding scan.png>
 * Prints JSON: the build's time (cold, as in a CLI run), peak RSS and peak heap (V8 heap plus array buffers) above
 * their levels just before the build, the process's own peak RSS as the kernel counts it, and the output size. A fresh process is the only way to see RSS grow: V8
 * keeps memory it has once taken.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { buildDossier, type DossierInput } from '../src/core/dossier';
import { exhibitCase, library, sha256, textCases } from './dossier-data';

function input(scenario: string, folder?: string): DossierInput {
  if (scenario === 'empty') return { library: library(), cases: [exhibitCase([], false)], readAttachment: async () => undefined };
  if (scenario === 'text' || !folder) return { library: library(), cases: textCases(), readAttachment: async () => undefined };
  if (scenario === 'png') {
    const png = new Uint8Array(readFileSync(join(folder, 'scan.png')));
    return { library: library(), cases: [exhibitCase([png], true)], readAttachment: async () => png };
  }
  const names = readdirSync(folder).filter((n) => /^(exhibit|scan)-\d+\.pdf$/.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const files = names.map((n) => new Uint8Array(readFileSync(join(folder, n))));
  const byHash = new Map(files.map((b) => [sha256(b), b]));
  // "bare": the same case and sources with nothing attached, the baseline the exhibits' cost is measured from.
  return { library: library(), cases: [exhibitCase(files, scenario !== 'bare')], readAttachment: async (_c, h) => byHash.get(h) };
}

/** The baseline for a PNG exhibit: the image decoded and embedded by pdf-lib in a one-page PDF, as the engine did before. */
async function pdfLibPng(folder: string): Promise<{ size: number }> {
  const png = new Uint8Array(readFileSync(join(folder, 'scan.png')));
  const doc = await PDFDocument.create({ updateMetadata: false });
  const image = await doc.embedPng(png);
  doc.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  return { size: (await doc.save()).length };
}

async function main() {
  const [scenario = 'text', folder] = process.argv.slice(2);
  const data = scenario === 'png-pdf-lib' ? undefined : input(scenario, folder);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed + before.external;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed + m.external);
  };
  const timer = setInterval(sample, 2);
  const start = performance.now();
  const result = data ? await buildDossier(data, { title: 'Benchmark dossier', buildDate: '2025-11-24', bates: { prefix: 'BEN' }, onProgress: sample }) : await pdfLibPng(folder!);
  const ms = performance.now() - start;
  sample();
  clearInterval(timer);
  // The kernel's count of the process's peak RSS, start-up and input files included: for comparing whole runs.
  const processPeakRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ scenario, ms, peakRss: rss - before.rss, peakHeap: heap - before.heapUsed - before.external, processPeakRss, output: result.size }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
