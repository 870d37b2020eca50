/*
 * What PDF/A-1b costs: `npx tsx bench/pdfa.ts` (BENCH_RUNS=n warm runs, default 5). The same dossiers built as
 * ordinary PDFs (the baseline) and as PDF/A-1b, interleaved so both see the same machine load: the 305-page text
 * dossier of bench/dossier.ts, and a dossier merging 50 PDF exhibits of 10 pages. PDF/A-1 forbids object streams,
 * so its files are larger; the exhibit check reads every object the exhibits brought in. bench/README.md records a run.
 */
import { cpus } from 'node:os';
import { buildDossier, type DossierInput, type DossierOptions } from '../src/core/dossier';
import { exhibitCase, exhibitPdf, library, sha256, textCases } from './dossier-data';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const options: DossierOptions = { title: 'Benchmark dossier', buildDate: '2025-11-24' };

async function compare(label: string, input: DossierInput): Promise<void> {
  const plain: number[] = [];
  const archival: number[] = [];
  let sizes = [0, 0];
  for (let i = 0; i <= RUNS; i++) {
    let start = performance.now();
    const a = await buildDossier(input, options);
    plain.push(performance.now() - start);
    start = performance.now();
    const b = await buildDossier(input, { ...options, pdfa: true });
    archival.push(performance.now() - start);
    sizes = [a.size, b.size];
  }
  const [p, q] = [median(plain.slice(1)), median(archival.slice(1))];
  console.log(`${label.padEnd(34)} ordinary ${p.toFixed(0).padStart(5)} ms ${(sizes[0] / 1024).toFixed(0).padStart(6)} KB   PDF/A-1b ${q.toFixed(0).padStart(5)} ms ${(sizes[1] / 1024).toFixed(0).padStart(6)} KB   (×${(q / p).toFixed(2)} time, ×${(sizes[1] / sizes[0]).toFixed(2)} size)`);
}

async function main() {
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; median of ${RUNS} warm runs after one cold run\n`);
  await compare('text dossier (305 pages)', { library: library(), cases: textCases(), readAttachment: async () => undefined });
  const files = await Promise.all(Array.from({ length: 50 }, (_, i) => exhibitPdf(10, `Exhibit ${i + 1}`)));
  const byHash = new Map(files.map((b) => [sha256(b), b]));
  await compare('50 PDF exhibits × 10 pages', { library: library(), cases: [exhibitCase(files, true)], readAttachment: async (_c, h) => byHash.get(h) });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
