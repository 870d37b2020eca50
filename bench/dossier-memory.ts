/*
 * One dossier build in a fresh process, for memory:
 *   node --expose-gc --import tsx bench/dossier-memory.ts text
 *   node --expose-gc --import tsx bench/dossier-memory.ts exhibits <folder of PDFs>
 * Prints JSON: the build's time (cold, as in a CLI run), peak RSS and peak heap (V8 heap plus array buffers) above
 * their levels just before the build, and the output size. A fresh process is the only way to see RSS grow: V8
 * keeps memory it has once taken.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDossier, type DossierInput } from '../src/core/dossier';
import { exhibitCase, library, sha256, textCases } from './dossier-data';

function input(scenario: string, folder?: string): DossierInput {
  if (scenario === 'empty') return { library: library(), cases: [exhibitCase([], false)], readAttachment: async () => undefined };
  if (scenario === 'text' || !folder) return { library: library(), cases: textCases(), readAttachment: async () => undefined };
  const names = readdirSync(folder).filter((n) => /^(exhibit|scan)-\d+\.pdf$/.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const files = names.map((n) => new Uint8Array(readFileSync(join(folder, n))));
  const byHash = new Map(files.map((b) => [sha256(b), b]));
  // "bare": the same case and sources with nothing attached, the baseline the exhibits' cost is measured from.
  return { library: library(), cases: [exhibitCase(files, scenario !== 'bare')], readAttachment: async (_c, h) => byHash.get(h) };
}

async function main() {
  const [scenario = 'text', folder] = process.argv.slice(2);
  const data = input(scenario, folder);
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
  const result = await buildDossier(data, { title: 'Benchmark dossier', buildDate: '2025-11-24', bates: { prefix: 'BEN' }, onProgress: sample });
  const ms = performance.now() - start;
  sample();
  clearInterval(timer);
  console.log(JSON.stringify({ scenario, ms, peakRss: rss - before.rss, peakHeap: heap - before.heapUsed - before.external, output: result.size }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
