/*
 * The 50 exhibits' warm cost, side by side with another tree: `npx tsx bench/dossier-exhibits-warm.ts`.
 * Same library and same calls as bench/dossier.ts's exhibits part (the case with and without its 50 PDF exhibits,
 * through `dossier:export`, against `qpdf --empty --pages` as a process), but only the warm rounds, so a change to
 * the engine can be measured quickly. BENCH_BASELINE_ROOT=<another checkout> (with node_modules) loads that tree's
 * core into this same process and runs its exports in the same rounds, order rotating: both engines then see the
 * same load, the figure to compare on a shared machine. BENCH_RUNS (default 9). BENCH_PROFILE_ONLY=n runs n warm
 * exports of the case with exhibits and nothing else; with BENCH_PROFILE_OUT=<path> it writes their
 * CPU profile (<path>.cpuprofile) and allocation sample (<path>.heapprofile), for Chrome's DevTools;
 * BENCH_PROFILE_ROOT=<another checkout> runs that tree's engine instead, to alternate whole processes of two trees.
 * Each tree's core is bundled by esbuild as the shipped builds compile it (bench/lib/built-engine.ts) into its
 * out/bench-engine/; BENCH_SOURCES=1 runs the sources through tsx instead.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exhibitPdf } from './dossier-data';
import { cachedLibrary, exhibitCase, type ExhibitFile } from './dossier-library';
import { builtOpenLibrary } from './lib/built-engine';
import { measureProcess, median, roundRobin } from './lib/process-run';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const PROFILE_ONLY = Number(process.env.BENCH_PROFILE_ONLY ?? 0);
const BASELINE = process.env.BENCH_BASELINE_ROOT;
const SOURCES = process.env.BENCH_SOURCES === '1';
const LIBRARY_VERSION = 'dossbench-2'; // bench/dossier.ts's: the same cached library
const DATE = '2025-11-24';
const TMP = mkdtempSync(path.join(tmpdir(), 'dossier-exhibits-warm-'));
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');

interface Session {
  api: Record<string, (input: unknown) => Promise<unknown>>;
  close(): Promise<void>;
}
type Open = (dir: string, options: { readOnly: boolean; warm: boolean }) => Promise<Session>;

/**
 * Each tree's engine as users run it: its core bundled once by esbuild (bench/lib/built-engine.ts), not its
 * sources through tsx, whose `keepNames` wrappers cost 3–4 % of the profile. BENCH_SOURCES=1: the sources through
 * tsx, as the benchmark ran before 4 December.
 */
async function openFrom(root: string): Promise<Open> {
  if (SOURCES) {
    const mod = (await import(pathToFileURL(path.join(root, 'src', 'core', 'library-session.ts')).href)) as { openLibrary: Open };
    return mod.openLibrary;
  }
  return builtOpenLibrary<Open>(root);
}

const files = await Promise.all(Array.from({ length: 50 }, (_, i) => exhibitPdf(10, `Exhibit ${i + 1}`)));
const asExhibits = (prefix: string): ExhibitFile[] => files.map((bytes, i) => ({ fileName: `${prefix}-${i + 1}.pdf`, mediaType: 'application/pdf', bytes }));
const lib = await cachedLibrary('exhibits-50', LIBRARY_VERSION, async (dir) => ({
  with: await exhibitCase(dir, 'with-exhibits', asExhibits('exhibit'), { attach: true, create: true }),
  without: await exhibitCase(dir, 'without-exhibits', asExhibits('exhibit'), { attach: false, create: false }),
}));
mkdirSync(path.join(TMP, 'exhibits'));
const paths = files.map((bytes, i) => {
  const file = path.join(TMP, 'exhibits', `exhibit-${i + 1}.pdf`);
  writeFileSync(file, bytes);
  return file;
});

const exportCall = (session: Session, slug: string, file: string) => () =>
  session.api['dossier:export']({ cases: [slug], outputPath: path.join(TMP, file), buildDate: DATE, bates: { prefix: 'BEN' } });

/** CPU profile and allocation sampling of the warm exports only (not the library's making or the cold run). */
async function startProfiler(): Promise<(file: string) => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
  await inspector.post('HeapProfiler.enable');
  await inspector.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  await inspector.post('Profiler.start');
  return async (file) => {
    const { profile } = await inspector.post('Profiler.stop');
    const { profile: heap } = await inspector.post('HeapProfiler.stopSampling');
    writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
    writeFileSync(`${file}.heapprofile`, JSON.stringify(heap));
    inspector.disconnect();
  };
}

// BENCH_PROFILE_ROOT=<another checkout>: the profile-only mode runs that tree's engine (on this tree's library), so
// whole processes of two trees can alternate.
const profiledRoot = PROFILE_ONLY > 0 && process.env.BENCH_PROFILE_ROOT ? process.env.BENCH_PROFILE_ROOT : path.resolve(import.meta.dirname, '..');
const ours = await (await openFrom(profiledRoot))(lib.dir, { readOnly: true, warm: false });
if (PROFILE_ONLY > 0) {
  const run = exportCall(ours, lib.value.with, 'with.pdf');
  await run(); // cold: compiled before the profile's span matters
  const profiler = process.env.BENCH_PROFILE_OUT ? await startProfiler() : undefined;
  const cpu = process.cpuUsage();
  for (let i = 0; i < PROFILE_ONLY; i++) await run();
  const used = process.cpuUsage(cpu);
  await profiler?.(process.env.BENCH_PROFILE_OUT!);
  console.log(`${PROFILE_ONLY} warm exports: ${((used.user + used.system) / 1000 / PROFILE_ONLY).toFixed(0)} ms of CPU each (load ${load()})`);
  await ours.close();
  process.exit(0);
}
const theirs = BASELINE ? await (await openFrom(path.resolve(BASELINE)))(lib.dir, { readOnly: true, warm: false }) : undefined;

const tasks: [string, () => unknown][] = [
  ['qpdf --empty --pages (50 files) -- out.pdf', () => measureProcess('qpdf', ['--empty', '--pages', ...paths, '--', path.join(TMP, 'qpdf.pdf')])],
  ['this tree: with the 50 exhibits', exportCall(ours, lib.value.with, 'with.pdf')],
  ['this tree: without them', exportCall(ours, lib.value.without, 'without.pdf')],
  ...(theirs
    ? ([
        ['baseline: with the 50 exhibits', exportCall(theirs, lib.value.with, 'with-base.pdf')],
        ['baseline: without them', exportCall(theirs, lib.value.without, 'without-base.pdf')],
      ] as [string, () => unknown][])
    : []),
];

console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, load average ${load()}; ${RUNS} warm rounds after a cold one; engines ${SOURCES ? 'from the sources (tsx)' : 'bundled by esbuild'}`);
// The cold round (index 0) is left out: warm rounds only.
const times = await roundRobin(tasks, RUNS);
const m = new Map([...times].map(([label, t]) => [label, { wall: median(t.wall.slice(1)), cpu: median(t.cpu.slice(1)) }]));
for (const [label, t] of m) console.log(`${label.padEnd(45)} median wall ${t.wall.toFixed(0).padStart(5)} ms   CPU ${t.cpu.toFixed(0).padStart(5)} ms`);
const qpdf = m.get(tasks[0][0])!;
const added = (tree: string) => {
  const [withEx, without] = [m.get(`${tree}: with the 50 exhibits`)!, m.get(`${tree}: without them`)!];
  return `${tree}: the exhibits add ${(withEx.wall - without.wall).toFixed(0)} ms = ${((withEx.wall - without.wall) / qpdf.wall).toFixed(2)}× qpdf's wall, ` +
    `${(withEx.cpu - without.cpu).toFixed(0)} ms of CPU = ${((withEx.cpu - without.cpu) / qpdf.cpu).toFixed(2)}× qpdf's CPU`;
};
console.log(added('this tree'));
if (theirs) console.log(added('baseline'));
console.log(`load average at the end ${load()}`);
await ours.close();
await theirs?.close();
