/*
 * Dossier benchmark: `npx tsx bench/dossier.ts`. What a user gets, measured the way a user gets it: every dossier is
 * built from a library on disk through the contract's `dossier:export` (src/core/dossier/export.ts: cases found,
 * chain of custody read, exhibits read from their files and hashed, the integrity appendix included, the PDF written
 * durably), in a running app (warm, one opened library) and as `casefolio dossier` in a fresh process.
 *
 * 1. text: a ~300-page dossier of realistic text (bench/lib/text.ts's 40,000-word vocabulary) against the naive
 *    pdf-lib script (measure each word, drawText each line, standard Times) filling the same pages: warm, in turn
 *    (the order rotates every round), and as whole fresh processes.
 * 2. exhibits: 50 PDF exhibits of 10 pages: what they add to an export (the same case with and without them) against
 *    `qpdf --empty --pages <50 files> -- out.pdf`, warm and as whole processes (wall, CPU, peak RSS), order rotated.
 * 3. scale: `casefolio dossier` at about 30, 300 and 3,000 pages of text, 3,000 pages holding 500 exhibits, and 50
 *    scanned exhibits (52 MB): time, CPU and the process's peak RSS against 150 MB + the output's size.
 *
 * BENCH_RUNS (warm rounds, default 5), BENCH_FRESH_RUNS (fresh-process rounds, default 3), BENCH_PARTS (any of
 * text,exhibits,scale; default all), BENCH_FRESH=1 (remake the cached libraries), BENCH_BASELINE_CLI (another
 * checkout's bin/casefolio.js, built there, measured beside this one's). Needs qpdf and python3.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openLibrary, type LibrarySession } from '../src/core/library-session';
import { exhibitPdf, scannedPdf } from './dossier-data';
import { cachedLibrary, exhibitCase, textLibrary, TEXT_SCALES, type ExhibitFile } from './dossier-library';
import { naiveDossier } from './naive-baseline';
import { bundle, removeBundles } from './lib/child';
import { measureProcess, median, medianRun, roundRobin, type ProcessRun } from './lib/process-run';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FRESH_RUNS = Number(process.env.BENCH_FRESH_RUNS ?? 3);
const PARTS = (process.env.BENCH_PARTS ?? 'text,exhibits,scale').split(',');
const ROOT = path.resolve(import.meta.dirname, '..');
/** Bump when the generated libraries change, so cached ones are remade. */
const LIBRARY_VERSION = 'dossbench-2';
const DATE = '2025-11-24';
const TMP = mkdtempSync(path.join(tmpdir(), 'dossier-bench-'));
const out = (name: string) => path.join(TMP, name);
const mb = (bytes: number) => bytes / 1024 / 1024;
const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;

interface Timing {
  cold: number;
  median: number;
  /** Median CPU time (user + system, every thread) of the warm rounds: what the work cost, whatever the load. */
  cpu: number;
}

/** Every task RUNS + 1 times, round-robin (roundRobin); the first round is reported as cold. */
async function rounds(tasks: [string, () => unknown][]): Promise<Map<string, Timing>> {
  const times = await roundRobin(tasks, RUNS);
  const result = new Map<string, Timing>();
  for (const [label, { wall, cpu }] of times) {
    const timing = { cold: wall[0], median: median(wall.slice(1)), cpu: median(cpu.slice(1)) };
    result.set(label, timing);
    console.log(`${label.padEnd(60)} cold ${ms(timing.cold)}   median of ${RUNS} ${ms(timing.median)}   CPU ${ms(timing.cpu)}`);
  }
  return result;
}

/** Whole processes, FRESH_RUNS rounds, order rotated; the median of each measure. */
function processRounds(tasks: [string, string, string[]][]): Map<string, ProcessRun> {
  const runs = new Map(tasks.map(([label]) => [label, [] as ProcessRun[]]));
  for (let round = 0; round < FRESH_RUNS; round++) {
    for (let k = 0; k < tasks.length; k++) {
      const [label, command, args] = tasks[(round + k) % tasks.length];
      runs.get(label)!.push(measureProcess(command, args));
    }
  }
  const result = new Map<string, ProcessRun>();
  for (const [label, r] of runs) {
    const m = medianRun(r);
    result.set(label, m);
    console.log(`${label.padEnd(60)} wall ${ms(m.wallMs)}   CPU ${ms(m.cpuMs)}   peak RSS ${m.peakRssMb.toFixed(0).padStart(4)} MB`);
  }
  return result;
}

/**
 * `casefolio` as a user runs it: bin/casefolio.js on the build scripts/build-node.js makes (built here first). With
 * BENCH_BASELINE_CLI=<another checkout>/bin/casefolio.js (built there), that one too, in the same rounds.
 */
function casefolio(): Cli {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-node.js')], { stdio: 'inherit' });
  const baseline = process.env.BENCH_BASELINE_CLI;
  return { built: [path.join(ROOT, 'bin', 'casefolio.js')], baseline: baseline ? [path.resolve(baseline)] : undefined };
}
interface Cli {
  built: string[];
  baseline?: string[];
}
const dossierArgs = (library: string, slugs: string[], file: string) => ['--library', library, 'dossier', ...slugs, '-o', file, '--date', DATE, '--bates', 'BEN', '--quiet'];
const pagesOf = (file: string) => Number(spawnSync('qpdf', ['--show-npages', file], { encoding: 'utf8' }).stdout.trim());

const exportFrom = (session: LibrarySession, cases: string[], file: string) => () =>
  session.api['dossier:export']({ cases, outputPath: file, buildDate: DATE, bates: { prefix: 'BEN' } });

/** The text the naive script sets: the notes' paragraphs and the events' text, Markdown marks removed. */
async function plainText(session: LibrarySession, slugs: string[]): Promise<string[]> {
  const paragraphs: string[] = [];
  for (const slug of slugs) {
    const file = await session.api['cases:get']({ caseId: slug });
    for (const e of file.events) paragraphs.push([e.title, e.description].filter(Boolean).join(' '));
    for (const n of file.notes) for (const p of n.body.split('\n\n')) paragraphs.push(p.replace(/^(#+ |> |- )/gm, ''));
  }
  return paragraphs;
}

const textLibrary300 = () => cachedLibrary('text-300', LIBRARY_VERSION, (dir) => textLibrary(dir, TEXT_SCALES[300]));

async function textPart(cli: { built: string[] }, summary: string[]) {
  const lib = await textLibrary300();
  const session = await openLibrary(lib.dir, { readOnly: true, warm: false });
  try {
    const engine = exportFrom(session, lib.value, out('text.pdf'));
    const { pages } = await engine();
    const paragraphs = await plainText(session, lib.value);
    const words = paragraphs.join(' ').split(/\s+/);
    console.log(`\n1. Text: ${pages} pages, ${words.length} words, ${new Set(words.map((w) => w.toLowerCase())).size} distinct\n`);
    const textFile = out('text.txt');
    writeFileSync(textFile, paragraphs.join('\n\n'));
    const warm = await rounds([
      [`dossier:export, embedded DejaVu (${pages} pages)`, engine],
      [`naive pdf-lib drawText, standard Times (${pages} pages)`, () => naiveDossier(paragraphs, pages, 'standard')],
    ]);
    console.log('');
    const naive = await bundle('naive-dossier');
    const fresh = processRounds([
      ['casefolio dossier (built CLI), fresh process', process.execPath, [...cli.built, ...dossierArgs(lib.dir, lib.value, out('text-cli.pdf'))]],
      ['naive pdf-lib script, standard Times, fresh process', process.execPath, [naive, textFile, String(pages), 'standard', out('naive.pdf')]],
      ['node -e 0', process.execPath, ['-e', '0']],
    ]);
    const [engineWarm, naiveWarm] = [...warm.values()].map((r) => r.median);
    const [cliRun, naiveRun] = [...fresh.values()];
    const [engineCpu, naiveCpu] = [...warm.values()].map((r) => r.cpu);
    summary.push(
      `text, ${pages} pages, warm: dossier:export ${engineWarm.toFixed(0)} ms vs naive standard-font ${naiveWarm.toFixed(0)} ms (${(engineWarm / naiveWarm).toFixed(2)}× wall, ${(engineCpu / naiveCpu).toFixed(2)}× CPU)`,
      `text, whole fresh processes: casefolio dossier ${cliRun.wallMs.toFixed(0)} ms vs naive script ${naiveRun.wallMs.toFixed(0)} ms = ${(cliRun.wallMs / naiveRun.wallMs).toFixed(2)}× wall, ` +
        `${(cliRun.cpuMs / naiveRun.cpuMs).toFixed(2)}× CPU (target ≤ 1.5×)`,
    );
  } finally {
    await session.close();
  }
}

const pdfFiles = (files: Uint8Array[], prefix: string): ExhibitFile[] => files.map((bytes, i) => ({ fileName: `${prefix}-${i + 1}.pdf`, mediaType: 'application/pdf', bytes }));

async function exhibitsPart(cli: Cli, summary: string[]) {
  const files = await Promise.all(Array.from({ length: 50 }, (_, i) => exhibitPdf(10, `Exhibit ${i + 1}`)));
  const lib = await cachedLibrary('exhibits-50', LIBRARY_VERSION, async (dir) => ({
    with: await exhibitCase(dir, 'with-exhibits', pdfFiles(files, 'exhibit'), { attach: true, create: true }),
    without: await exhibitCase(dir, 'without-exhibits', pdfFiles(files, 'exhibit'), { attach: false, create: false }),
  }));
  const folder = path.join(TMP, 'exhibits');
  mkdirSync(folder);
  const paths = files.map((bytes, i) => {
    writeFileSync(path.join(folder, `exhibit-${i + 1}.pdf`), bytes);
    return path.join(folder, `exhibit-${i + 1}.pdf`);
  });
  const qpdfArgs = ['--empty', '--pages', ...paths, '--', out('qpdf.pdf')];
  console.log(`\n2. Exhibits: 50 PDFs × 10 pages, ${mb(files.reduce((n, f) => n + f.length, 0)).toFixed(2)} MB, in the library at ${lib.dir}\n`);
  const session = await openLibrary(lib.dir, { readOnly: true, warm: false });
  let warm;
  try {
    warm = await rounds([
      ['qpdf --empty --pages (50 files) -- out.pdf, a process', () => measureProcess('qpdf', qpdfArgs)],
      ['dossier:export of the case with the 50 exhibits', exportFrom(session, [lib.value.with], out('with.pdf'))],
      ['dossier:export of the same case without them', exportFrom(session, [lib.value.without], out('without.pdf'))],
    ]);
  } finally {
    await session.close();
  }
  console.log('');
  const fresh = processRounds([
    ['casefolio dossier, with the 50 exhibits (built CLI)', process.execPath, [...cli.built, ...dossierArgs(lib.dir, [lib.value.with], out('with-cli.pdf'))]],
    ['casefolio dossier, without them (built CLI)', process.execPath, [...cli.built, ...dossierArgs(lib.dir, [lib.value.without], out('without-cli.pdf'))]],
    ['qpdf --empty --pages (50 files) -- out.pdf', 'qpdf', qpdfArgs],
    ['node -e 0', process.execPath, ['-e', '0']],
    ...(cli.baseline
      ? ([['casefolio dossier, with the 50 exhibits (BENCH_BASELINE_CLI)', process.execPath, [...cli.baseline, ...dossierArgs(lib.dir, [lib.value.with], out('with-baseline.pdf'))]]] as [string, string, string[]][])
      : []),
  ]);
  const [qpdf, withEx, without] = [...warm.values()].map((r) => r.median);
  const [qpdfCpu, withCpu, withoutCpu] = [...warm.values()].map((r) => r.cpu);
  const [cliWith, cliWithout, qpdfRun, , baselineWith] = [...fresh.values()];
  summary.push(
    `exhibits, warm: they add ${(withEx - without).toFixed(0)} ms to dossier:export = ${((withEx - without) / qpdf).toFixed(2)}× qpdf's ${qpdf.toFixed(0)} ms (target ≤ 1.2×); ` +
      `the whole export ${withEx.toFixed(0)} ms = ${(withEx / qpdf).toFixed(2)}×; in CPU time they add ${(withCpu - withoutCpu).toFixed(0)} ms = ${((withCpu - withoutCpu) / qpdfCpu).toFixed(2)}× qpdf's ${qpdfCpu.toFixed(0)} ms`,
    `exhibits, whole processes: casefolio dossier ${cliWith.wallMs.toFixed(0)} ms vs qpdf ${qpdfRun.wallMs.toFixed(0)} ms = ${(cliWith.wallMs / qpdfRun.wallMs).toFixed(2)}× wall, ` +
      `${(cliWith.cpuMs / qpdfRun.cpuMs).toFixed(2)}× CPU (target ≤ 3×); ` +
      (baselineWith ? `the baseline CLI ${(baselineWith.wallMs / qpdfRun.wallMs).toFixed(2)}× wall, ${(baselineWith.cpuMs / qpdfRun.cpuMs).toFixed(2)}× CPU; ` : '') +
      `the exhibits add ${(cliWith.wallMs - cliWithout.wallMs).toFixed(0)} ms`,
  );
}

async function scalePart(cli: Cli, summary: string[]) {
  const mixedText = { cases: 20, notes: 7, noteWords: 4_000, events: 90 };
  const libraries = [
    { label: '~30 pages of text', ...(await cachedLibrary('text-30', LIBRARY_VERSION, (dir) => textLibrary(dir, TEXT_SCALES[30]))) },
    { label: '~300 pages of text', ...(await textLibrary300()) },
    { label: '~3,000 pages of text', ...(await cachedLibrary('text-3000', LIBRARY_VERSION, (dir) => textLibrary(dir, TEXT_SCALES[3000]))) },
    {
      label: '~3,000 pages: text and 500 exhibits',
      ...(await cachedLibrary('mixed-3000', LIBRARY_VERSION, async (dir) => {
        const slugs = await textLibrary(dir, mixedText);
        const exhibits = await Promise.all(Array.from({ length: 500 }, (_, i) => exhibitPdf(2, `Exhibit ${i + 1}`)));
        return [...slugs, await exhibitCase(dir, 'exhibits-500', pdfFiles(exhibits, 'exhibit'), { attach: true, create: false })];
      })),
    },
    {
      label: '50 scanned exhibits (600 px)',
      ...(await cachedLibrary('scans-50', LIBRARY_VERSION, async (dir) => {
        const scans = await Promise.all(Array.from({ length: 50 }, (_, i) => scannedPdf(10, i, 600)));
        return [await exhibitCase(dir, 'scans', pdfFiles(scans, 'scan'), { attach: true, create: true })];
      })),
    },
  ];
  console.log(`\n3. Scale: casefolio dossier (built CLI) as a fresh process, median of ${FRESH_RUNS}\n`);
  // The fixed part, in the same run: a process that starts and exits, the CLI that loads its code and prints its
  // help, and the library any dossier process must load (pdf-lib; the engine reads and subsets its fonts itself).
  processRounds([
    ['node -e 0', process.execPath, ['-e', '0']],
    ['casefolio --help (built CLI)', process.execPath, [...cli.built, '--help']],
    ['node: require pdf-lib', process.execPath, ['-e', "require('pdf-lib')"]],
    ...(cli.baseline ? ([['casefolio --help (BENCH_BASELINE_CLI)', process.execPath, [...cli.baseline, '--help']]] as [string, string, string[]][]) : []),
  ]);
  console.log('');
  // With BENCH_BASELINE_CLI, that command runs each dossier too, alternating with this build's in the same rounds,
  // so a change's effect on time and peak memory is read as a ratio measured under the same load.
  const commands: [string, string[]][] = [['', cli.built], ...(cli.baseline ? ([[' (BENCH_BASELINE_CLI)', cli.baseline]] as [string, string[]][]) : [])];
  for (const { label, dir, value } of libraries) {
    const runs = commands.map((): ProcessRun[] => []);
    const files = commands.map(([suffix]) => out(`scale-${value.length}-${label.length}${suffix ? '-baseline' : ''}.pdf`));
    for (let i = 0; i < FRESH_RUNS; i++) {
      commands.forEach(([, command], c) => runs[c].push(measureProcess(process.execPath, [...command, ...dossierArgs(dir, value, files[c])])));
    }
    const measured = commands.map(([suffix], c) => {
      const m = medianRun(runs[c]);
      const size = mb(statSync(files[c]).size);
      const budget = 150 + size;
      const name = `${label}${suffix}`;
      console.log(
        `${name.padEnd(38)} ${String(pagesOf(files[c])).padStart(5)} pages ${size.toFixed(1).padStart(6)} MB   wall ${ms(m.wallMs)}   CPU ${ms(m.cpuMs)}   ` +
          `peak RSS ${m.peakRssMb.toFixed(0).padStart(4)} MB (budget ${budget.toFixed(0)} MB: ${m.peakRssMb <= budget ? 'within' : 'OVER'})`,
      );
      summary.push(`scale, ${name}: ${pagesOf(files[c])} pages, ${m.wallMs.toFixed(0)} ms, CPU ${m.cpuMs.toFixed(0)} ms, peak RSS ${m.peakRssMb.toFixed(0)} MB ≤ 150 MB + ${size.toFixed(1)} MB? ${m.peakRssMb <= budget ? 'yes' : 'NO'}`);
      return m;
    });
    if (measured[1]) {
      const [now, base] = measured;
      summary.push(`scale, ${label}: this build ÷ baseline = ${(now.cpuMs / base.cpuMs).toFixed(2)}× CPU, ${(now.peakRssMb / base.peakRssMb).toFixed(2)}× peak RSS`);
    }
  }
}

async function main() {
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`qpdf ${spawnSync('qpdf', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].replace(/^qpdf version /, '')}; ${RUNS} warm rounds after a cold one, ${FRESH_RUNS} fresh-process rounds`);
  const cli = casefolio();
  const summary: string[] = [];
  if (PARTS.includes('text')) await textPart(cli, summary);
  if (PARTS.includes('exhibits')) await exhibitsPart(cli, summary);
  if (PARTS.includes('scale')) await scalePart(cli, summary);
  console.log(`\nSummary (load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  for (const line of summary) console.log(`  ${line}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    rmSync(TMP, { recursive: true, force: true });
    await removeBundles();
  });
