/*
 * Dossier benchmark: `npx tsx bench/dossier.ts` (BENCH_RUNS=n sets the number of warm runs; default 5).
 *
 * 1. A ~300-page text dossier with the embedded DejaVu fonts, against two baselines set in the same run: the naive
 *    pdf-lib approach (measure each word, drawText each line) with the same embedded font, and the same naive code
 *    with a standard PDF font.
 * 2. Merging 50 PDF exhibits of 10 pages: what the exhibits add to a dossier's build time, against
 *    `qpdf --empty --pages … -- out.pdf` on the same 50 files; and the copying alone, by raw-pdf (the engine's way)
 *    and by pdf-lib's load + copyPages (its fallback for files raw-pdf cannot follow, and the way before it).
 * 3. The same builds in fresh processes, as a CLI export runs them: cold time, and peak memory (RSS and heap above
 *    their levels before the build) against the output size; plus 50 larger "scanned" exhibits.
 *
 * Prints a table; bench/README.md records a run. BENCH_PARTS=text runs only part 1 (no qpdf needed, a minute or two).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import { buildDossier, type DossierInput, type DossierOptions } from '../src/core/dossier';
import { SourcePdf, transplantPages } from '../src/core/dossier/raw-pdf/transplant';
import { saveDocument } from '../src/core/dossier/writer';
import { exhibitCase, exhibitPdf, scanPng, library, prose, scannedPdf, sha256, textCases } from './dossier-data';
import { naiveDossier } from './naive-baseline';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** BENCH_PARTS=text: only the text dossier and its baselines. */
const TEXT_ONLY = process.env.BENCH_PARTS === 'text';

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

interface Fresh {
  scenario: string;
  ms: number;
  peakRss: number;
  peakHeap: number;
  /** The process's own peak RSS, as the kernel counts it. */
  processPeakRss?: number;
  output: number;
}

/** One build in a fresh process (see dossier-memory.ts): its cold time and peak memory. */
function fresh(scenario: string, folder?: string): Fresh {
  const script = fileURLToPath(new URL('./dossier-memory.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, scenario, ...(folder ? [folder] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fresh run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Fresh;
}

function qpdfOnce(paths: string[], out: string): number {
  const start = performance.now();
  const r = spawnSync('qpdf', ['--empty', '--pages', ...paths, '--', out]);
  if (r.status !== 0) throw new Error(`qpdf failed: ${r.stderr}`);
  return performance.now() - start;
}

/** qpdf's own peak RSS for the merge, above its peak for `qpdf --version`, through GNU time when it is installed. */
function qpdfMemory(paths: string[], out: string): string {
  const peakKb = (args: string[]) => {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'qpdf', ...args], { encoding: 'utf8' });
    return r.status === 0 ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  };
  const merge = peakKb(['--empty', '--pages', ...paths, '--', out]);
  const idle = peakKb(['--version']);
  if (!Number.isFinite(merge) || !Number.isFinite(idle)) return '';
  const size = statSync(out).size;
  return `   peak RSS +${((merge - idle) / 1024).toFixed(1)} MB, output ${mb(size).toFixed(2)} MB (RSS ${(((merge - idle) * 1024) / size).toFixed(1)}×)`;
}

function reportFresh(label: string, runs: Fresh[]): Fresh {
  const m: Fresh = {
    scenario: runs[0].scenario,
    ms: median(runs.map((r) => r.ms)),
    peakRss: median(runs.map((r) => r.peakRss)),
    peakHeap: median(runs.map((r) => r.peakHeap)),
    output: runs[0].output,
  };
  console.log(
    `${label.padEnd(56)} ${m.ms.toFixed(0).padStart(5)} ms   peak RSS +${mb(m.peakRss).toFixed(1)} MB, heap +${mb(m.peakHeap).toFixed(1)} MB, ` +
      `output ${mb(m.output).toFixed(2)} MB (RSS ${(m.peakRss / m.output).toFixed(1)}×)`,
  );
  return m;
}

/** Every page of every file copied into one new document and saved, by raw-pdf or by pdf-lib's own copier. */
async function copyAll(files: Uint8Array[], how: 'raw' | 'pdf-lib'): Promise<number> {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const file of files) {
    if (how === 'raw') for (const page of transplantPages(new SourcePdf(file), out)) out.addPage(page);
    else {
      const source = await PDFDocument.load(file, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
      for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
    }
  }
  return (await saveDocument(out)).size;
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
  if (TEXT_ONLY) {
    console.log(`\nSummary\n  text: ${text.median.toFixed(0)} ms (target ≤ 1500 ms); naive embedded ${naive.median.toFixed(0)} ms; naive standard font ${standard.median.toFixed(0)} ms`);
    return;
  }

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
  // The copying alone, both ways: raw-pdf (the engine's path) and pdf-lib's load + copyPages (its fallback, and
  // how exhibits were merged before raw-pdf), each into an empty document saved by the dossier's writer.
  console.log('');
  const [rawCopy, pdfLibCopy] = await interleaved([
    ['copy the 500 pages: raw-pdf, then save', () => copyAll(files, 'raw')],
    ['copy the 500 pages: pdf-lib load + copyPages, then save', () => copyAll(files, 'pdf-lib')],
  ]);

  // 3. Fresh processes, as a CLI export runs: cold time and peak memory, medians of three, interleaved with qpdf.
  //    Scanned exhibits (10 pages sharing one incompressible image each: 200 px, 120 KB, or 600 px, 1 MB) make
  //    outputs of 6 and 55 MB, where the fixed cost of a build fades.
  console.log(`\nFresh processes (median of 3; time is the build alone, without Node's start-up)\n`);
  const scanFolder = async (side: number) => {
    const folder = mkdtempSync(join(tmpdir(), 'dossier-bench-scans-'));
    for (let i = 0; i < 50; i++) writeFileSync(join(folder, `scan-${i + 1}.pdf`), await scannedPdf(10, i, side));
    return folder;
  };
  const scanDir = await scanFolder(200);
  const largeScanDir = await scanFolder(600);
  const runs: Record<string, Fresh[]> = { text: [], exhibits: [], bare: [], scanned: [], largeScanned: [] };
  const qpdfCold: number[] = [];
  for (let i = 0; i < 3; i++) {
    runs.text.push(fresh('text'));
    runs.exhibits.push(fresh('exhibits', dir));
    runs.bare.push(fresh('bare', dir));
    qpdfCold.push(qpdfOnce(paths, qpdfOut));
    runs.scanned.push(fresh('scanned', scanDir));
    runs.largeScanned.push(fresh('scanned', largeScanDir));
  }
  const freshText = reportFresh(`text dossier (${pages} pages)`, runs.text);
  const freshWith = reportFresh('dossier with the 50 exhibits', runs.exhibits);
  const freshBare = reportFresh('same dossier without them', runs.bare);
  console.log(`${'qpdf --empty --pages (50 files) -- out.pdf'.padEnd(56)} ${median(qpdfCold).toFixed(0).padStart(5)} ms${qpdfMemory(paths, qpdfOut)}`);
  const freshScanned = reportFresh('dossier with 50 scanned exhibits (200 px)', runs.scanned);
  const freshLarge = reportFresh('dossier with 50 scanned exhibits (600 px)', runs.largeScanned);
  for (const folder of [dir, scanDir, largeScanDir]) rmSync(folder, { recursive: true, force: true });

  // 4. A PNG scan: 600 dpi colour A4, in a fresh process, bundled as its own data against pdf-lib's decoding.
  const pngDir = mkdtempSync(join(tmpdir(), 'dossier-bench-png-'));
  const png = scanPng();
  writeFileSync(join(pngDir, 'scan.png'), png);
  console.log(`\nA PNG scan: 4960 × 7016 pixels (600 dpi colour A4), ${mb(png.length).toFixed(1)} MB, in fresh processes (median of 3)\n`);
  const pngRuns: Record<string, Fresh[]> = { own: [], pdfLib: [] };
  for (let i = 0; i < 3; i++) {
    pngRuns.own.push(fresh('png', pngDir));
    pngRuns.pdfLib.push(fresh('png-pdf-lib', pngDir));
  }
  // Whole processes compared (the kernel's peak RSS): reading the 57 MB file before the build would hide part of it.
  const wholeProcess = (label: string, r: Fresh[]) => {
    const m = reportFresh(label, r);
    console.log(`${''.padEnd(56)}          whole process: peak RSS ${mb(median(r.map((x) => x.processPeakRss ?? 0))).toFixed(0)} MB`);
    return { ...m, processPeakRss: median(r.map((x) => x.processPeakRss ?? 0)) };
  };
  const pngOwn = wholeProcess('dossier with the PNG as an exhibit', pngRuns.own);
  const pngPdfLib = wholeProcess('the PNG alone, embedded by pdf-lib (embedPng, save)', pngRuns.pdfLib);
  rmSync(pngDir, { recursive: true, force: true });

  const added = dossierWith.median - dossierWithout.median;
  console.log('\nSummary');
  console.log(`  text: ${text.median.toFixed(0)} ms (target ≤ 1500 ms); naive embedded ${naive.median.toFixed(0)} ms (${(naive.median / text.median).toFixed(1)}× slower); naive standard font ${standard.median.toFixed(0)} ms`);
  console.log(`  copying 500 exhibit pages: raw-pdf ${rawCopy.median.toFixed(0)} ms, pdf-lib load + copyPages ${pdfLibCopy.median.toFixed(0)} ms (${(pdfLibCopy.median / rawCopy.median).toFixed(1)}×)`);
  console.log(`  warm, the exhibits add ${added.toFixed(0)} ms = ${(added / qpdf.median).toFixed(2)}× qpdf's ${qpdf.median.toFixed(0)} ms (target ≤ 1.5×)`);
  const addedCold = freshWith.ms - freshBare.ms;
  console.log(`  in fresh processes the exhibits add ${addedCold.toFixed(0)} ms = ${(addedCold / median(qpdfCold)).toFixed(2)}× qpdf's ${median(qpdfCold).toFixed(0)} ms`);
  console.log(
    `  a 35-megapixel PNG scan: the whole dossier ${pngOwn.ms.toFixed(0)} ms, process peak ${mb(pngOwn.processPeakRss).toFixed(0)} MB; ` +
      `pdf-lib's embedPng alone ${pngPdfLib.ms.toFixed(0)} ms, process peak ${mb(pngPdfLib.processPeakRss).toFixed(0)} MB`,
  );
  for (const m of [freshText, freshWith, freshScanned, freshLarge]) {
    console.log(`  peak memory (${m.scenario}, ${mb(m.output).toFixed(1)} MB): RSS ${(m.peakRss / m.output).toFixed(1)}× the output size (target ≤ 3×)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
