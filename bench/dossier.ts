/*
 * Dossier benchmark: `npx tsx bench/dossier.ts` (BENCH_RUNS=n sets the number of warm runs; default 5).
 *
 * 1. A ~300-page text dossier with the embedded DejaVu fonts, against two baselines set in the same run: the naive
 *    pdf-lib approach (measure each word, drawText each line) with the same embedded font, and the same naive code
 *    with a standard PDF font.
 * 2. Merging 50 PDF exhibits of 10 pages: what the exhibits add to a dossier's build time, against
 *    `qpdf --empty --pages … -- out.pdf` on the same 50 files.
 * 3. Peak memory of a build, each in a fresh process (RSS and heap above their levels before it), against the
 *    size of the output: the text dossier, the 50 exhibits, and 50 larger "scanned" exhibits.
 *
 * Prints a table; bench/README.md records a run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { buildDossier, type DossierInput, type DossierOptions } from '../src/core/dossier';
import { exhibitCase, exhibitPdf, library, prose, scannedPdf, sha256, textCases } from './dossier-data';
import { naiveDossier } from './naive-baseline';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Row {
  label: string;
  cold: number;
  median: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => bytes / 1024 / 1024;

/** One cold run, then RUNS warm runs; reports the cold time and the warm median. */
async function series(label: string, fn: () => Promise<unknown>): Promise<Row> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  const [cold, ...warm] = times;
  const row = { label, cold, median: median(warm) };
  console.log(`${label.padEnd(56)} cold ${cold.toFixed(0).padStart(5)} ms   median of ${RUNS} ${row.median.toFixed(0).padStart(5)} ms`);
  return row;
}

/** Like series, for several tasks run in turn within each round. */
async function interleaved(tasks: [string, () => Promise<unknown>][]): Promise<Row[]> {
  const times = tasks.map(() => [] as number[]);
  for (let i = 0; i <= RUNS; i++) {
    for (const [t, [, fn]] of tasks.entries()) {
      const start = performance.now();
      await fn();
      times[t].push(performance.now() - start);
    }
  }
  return tasks.map(([label], t) => {
    const [cold, ...warm] = times[t];
    const row = { label, cold, median: median(warm) };
    console.log(`${label.padEnd(56)} cold ${cold.toFixed(0).padStart(5)} ms   median of ${RUNS} ${row.median.toFixed(0).padStart(5)} ms`);
    return row;
  });
}

interface Memory {
  scenario: string;
  peakRss: number;
  peakHeap: number;
  output: number;
}

/** Peak memory of one build in a fresh process (see dossier-memory.ts). */
function memory(scenario: string, folder?: string): Memory {
  const script = fileURLToPath(new URL('./dossier-memory.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, scenario, ...(folder ? [folder] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`memory run failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Memory;
  console.log(
    `${`peak memory, ${scenario}`.padEnd(56)} RSS +${mb(m.peakRss).toFixed(1)} MB, heap +${mb(m.peakHeap).toFixed(1)} MB, output ${mb(m.output).toFixed(2)} MB ` +
      `(${(m.peakRss / m.output).toFixed(1)}× / ${(m.peakHeap / m.output).toFixed(1)}×)`,
  );
  return m;
}

const options: DossierOptions = { title: 'Benchmark dossier', buildDate: '2025-11-24', bates: { prefix: 'BEN' } };

async function main() {
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; ${RUNS} warm runs after one cold run\n`);

  // 1. Text.
  const cases = textCases();
  const textInput: DossierInput = { library: library(), cases, readAttachment: async () => undefined };
  const probe = await buildDossier(textInput, options);
  const pages = probe.pageMap.reduce((max, e) => Math.max(max, e.endPage), 0);
  console.log(`Text dossier: ${pages} pages\n`);
  const text = await series(`dossier engine, embedded DejaVu (${pages} pages)`, () => buildDossier(textInput, options));
  const paragraphs = cases.flatMap((c) => c.notes.flatMap((n) => n.body.split('\n\n'))).concat(prose(2000, 1));
  const naive = await series(`naive pdf-lib drawText, embedded DejaVu (${pages} pages)`, () => naiveDossier(paragraphs, pages, 'embedded'));
  const standard = await series(`naive pdf-lib drawText, standard Times (${pages} pages)`, () => naiveDossier(paragraphs, pages, 'standard'));

  // 2. Exhibits.
  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  const files = await Promise.all(Array.from({ length: 50 }, (_, i) => exhibitPdf(10, `Exhibit ${i + 1}`)));
  const paths = files.map((bytes, i) => {
    const path = join(dir, `exhibit-${i + 1}.pdf`);
    writeFileSync(path, bytes);
    return path;
  });
  const byHash = new Map(files.map((b) => [sha256(b), b]));
  const read = async (_caseId: string, hash: string) => byHash.get(hash);
  console.log(`\nExhibits: 50 PDFs × 10 pages, ${mb(files.reduce((n, f) => n + f.length, 0)).toFixed(2)} MB in total\n`);
  const qpdfOut = join(dir, 'qpdf.pdf');
  const withEx: DossierInput = { library: library(), cases: [exhibitCase(files, true)], readAttachment: read };
  const without: DossierInput = { library: library(), cases: [exhibitCase(files, false)], readAttachment: read };
  // Interleaved, so that qpdf and the dossier builds see the same machine load.
  const [qpdf, dossierWith, dossierWithout] = await interleaved([
    [
      'qpdf --empty --pages (50 files) -- out.pdf',
      async () => {
        const r = spawnSync('qpdf', ['--empty', '--pages', ...paths, '--', qpdfOut]);
        if (r.status !== 0) throw new Error(`qpdf failed: ${r.stderr}`);
      },
    ],
    ['dossier with the 50 exhibits', () => buildDossier(withEx, options)],
    ['same dossier without them', () => buildDossier(without, options)],
  ]);

  // 3. Peak memory, each build in a fresh process: the text dossier, the 50 exhibits, and 50 "scanned" exhibits
  //    (10 pages sharing a 120 KB image each), where the output is large enough for fixed costs to fade.
  console.log('');
  const scanDir = mkdtempSync(join(tmpdir(), 'dossier-bench-scans-'));
  const scans = await Promise.all(Array.from({ length: 50 }, (_, i) => scannedPdf(10, i)));
  scans.forEach((bytes, i) => writeFileSync(join(scanDir, `scan-${i + 1}.pdf`), bytes));
  const memories = [memory('text'), memory('exhibits', dir), memory('scanned', scanDir)];
  rmSync(dir, { recursive: true, force: true });
  rmSync(scanDir, { recursive: true, force: true });

  const added = dossierWith.median - dossierWithout.median;
  console.log('\nSummary');
  console.log(`  text: ${text.median.toFixed(0)} ms (target ≤ 1500 ms); naive embedded ${naive.median.toFixed(0)} ms (${(naive.median / text.median).toFixed(1)}× slower); naive standard font ${standard.median.toFixed(0)} ms`);
  console.log(`  exhibits add ${added.toFixed(0)} ms = ${(added / qpdf.median).toFixed(2)}× qpdf's ${qpdf.median.toFixed(0)} ms (target ≤ 1.5×)`);
  for (const m of memories) console.log(`  peak memory (${m.scenario}): RSS ${(m.peakRss / m.output).toFixed(1)}× the output size (target ≤ 3×)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
