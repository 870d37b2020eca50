/*
 * npm run bench:window — does a 100,000-record library feel like the 9-case sample in the window?
 *
 * In Debian's Chromium, driven by playwright-core, on the real bridge (`src/bridge/main.ts`, in its own process,
 * as `npm run web` runs it) serving the built renderer (run `npm run build` first). Two libraries, one after the
 * other in the same run: the 9-case sample as shipped (the baseline) and the benchmark library of
 * bench/generate.ts (500 cases, 100,000 records, 126 MiB) with one more generated case of 2,000 records, opened
 * after a first use (catalogue and search index on disk, as every open after the first). For each:
 *
 *   first list     from the page starting to load (performance.timeOrigin) to the first frame showing the case
 *                  list, and to the first frame showing the first case's records: the first load right after
 *                  the bridge opened the library (index loading and case files being read in the background),
 *                  then the median of 5 reloads;
 *   keystroke      a key typed in the search box (Ctrl+K) to the frame that paints the results for what is now
 *                  typed (its keydown's timestamp to a task queued by the animation frame that first shows them),
 *                  every keystroke of 8 queries typed letter by letter, each measured on its own, once the bridge
 *                  is idle (its background reading of the case files after opening done); beside it the
 *                  CPU time per keystroke of the page's main thread (a Chromium trace) and of the bridge process
 *                  (/proc), which a busy machine does not inflate as it does wall time;
 *   open a case    a click on the largest case (2,000 records; the sample's largest) to the frame showing its
 *                  title and records; 5 times, alternating with another case;
 *   scroll         the list of every record ("Show all" for kind:case,source,note,event: 100,500 rows), scrolled
 *                  by one viewport per animation frame for 300 frames; the gaps between frames (requestAnimation-
 *                  Frame deltas), how many were over 1.5 frames (a dropped frame) at the display's rate, and the
 *                  main thread's CPU time per frame (a Chromium trace).
 *
 * Nothing is asserted; targets are printed beside the figures. Options: --dir DIR (the generated library is kept
 * in DIR/library and reused when present), --runs N (reloads and case openings, default 5), --only keystrokes (the
 * keystroke figures alone, a few minutes shorter). With BENCH_BASELINE_RENDERER=DIR (another build's out/renderer,
 * e.g. main's), each library is measured with that build too, in the same run, right after this one, and the
 * keystroke figures are printed side by side as ratios. BENCH_BASELINE_ROOT=DIR does the same with a whole other
 * checkout, built (`npx electron-vite build` there): its own bridge and core as well as its renderer, for changes
 * to the search itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createSampleLibrary } from '../src/core/sample/build-sample';
import { CHROMIUM_ARGS } from '../tests/e2e/harness';
import { generateLibrary } from './generate';
import { runTask } from './lib/child';
import { summarise } from './lib/report';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(option('--runs') ?? 5);
const KEYSTROKES_ONLY = option('--only') === 'keystrokes';
const work = path.resolve(option('--dir') ?? path.join(os.tmpdir(), 'casefolio-bench-window'));
const log = (text: string) => process.stderr.write(`${text}\n`);
const QUERIES = ['police officers', 'misconduct', 'inquest evidence', 'stop and search', 'met', 'tag:theme', 'complaint 2019', '"independent office"'];
const ALL_ROWS_QUERY = 'kind:case,source,note,event';
const BIG_CASE_SEED = 77;

/** The benchmark library plus one case of 2,000 records, each built once and kept for later runs. */
async function bigLibrary(): Promise<string> {
  const dir = path.join(work, 'library');
  const ready = path.join(work, '.prepared');
  if (await fs.stat(ready).then(() => true, () => false)) return dir;
  log(`Generating the 100,000-record library in ${dir} …`);
  await generateLibrary(dir);
  const extra = path.join(work, 'big-case');
  await generateLibrary(extra, { seed: BIG_CASE_SEED, cases: 1, sourcesPerCase: 1100, notesPerCase: 500, eventsPerCase: 400 });
  const [caseId] = await fs.readdir(path.join(extra, 'cases'));
  await fs.cp(path.join(extra, 'cases', caseId), path.join(dir, 'cases', caseId), { recursive: true });
  await fs.rm(extra, { recursive: true, force: true });
  log('First open: every file validated, catalogue written, search index built …');
  await runTask('open', [dir, 'first']);
  await fs.writeFile(ready, '');
  return dir;
}

async function sampleLibrary(): Promise<string> {
  const dir = path.join(work, 'sample');
  await fs.rm(dir, { recursive: true, force: true });
  const session = await createSampleLibrary(dir);
  await session.close();
  return dir;
}

/** Another build to measure beside this one, on the same machine in the same run: its renderer, or a whole checkout. */
const BASELINE_ROOT = process.env.BENCH_BASELINE_ROOT && path.resolve(process.env.BENCH_BASELINE_ROOT);
const BASELINE: Build | undefined = BASELINE_ROOT ? { root: BASELINE_ROOT } : process.env.BENCH_BASELINE_RENDERER ? { renderer: process.env.BENCH_BASELINE_RENDERER } : undefined;

/** What serves the page: this checkout, this checkout's bridge with another build's renderer, or another checkout. */
type Build = { renderer?: string; root?: string };

/** `npm run web` on the library, in its own process (of this checkout or another, or serving another build's renderer); resolves with the address it prints. */
function startBridge(dir: string, build: Build = {}): Promise<{ url: string; child: ChildProcess }> {
  const root = build.root ?? ROOT;
  const entry = build.renderer ? [path.join(ROOT, 'bench/lib/web-bridge.ts'), dir, build.renderer] : [path.join(root, 'src/bridge/main.ts'), '--library', dir, '--port', '0'];
  const child = spawn(process.execPath, ['--import', 'tsx', ...entry], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Open (http\S+)/.exec(out)?.[1];
      if (url) resolve({ url, child });
    });
    child.once('exit', (code) => reject(new Error(`the bridge exited (${code}) before serving: ${out}`)));
  });
}

async function stopBridge(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Installed before the app's scripts: records when the case list, and the first case's records, first show. */
const FIRST_PAINT_PROBE = `(() => {
  const marks = (window.__firstPaint = {});
  const check = () => {
    for (const [name, selector] of [['list', '.case-link'], ['records', '.record-row']]) {
      if (!(name in marks) && document.querySelector(selector)) {
        marks[name] = 'pending';
        setTimeout(() => (marks[name] = performance.now()), 0);
      }
    }
    if (!('records' in marks) || !('list' in marks)) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

async function firstPaint(page: Page): Promise<{ list: number; records: number }> {
  // Polled by evaluate (the DevTools protocol), not waitForFunction, whose string predicates the page's CSP refuses.
  return page.evaluate(`(async () => {
    const marks = () => window.__firstPaint ?? {};
    const t0 = Date.now();
    while (!(typeof marks().list === 'number' && typeof marks().records === 'number') && Date.now() - t0 < 120000) await new Promise((r) => setTimeout(r, 5));
    return marks();
  })()`);
}

/** Times each keystroke to the frame that paints its results; the probe watches `data-results-for`. */
const KEYSTROKE_PROBE = `(() => {
  const b = (window.__keys = { keyAt: 0, typedAt: {}, paintedAt: {} });
  document.addEventListener('keydown', (e) => (b.keyAt = e.timeStamp), true);
  document.addEventListener('input', (e) => { if (e.target.getAttribute('aria-label') === 'Search the library') b.typedAt[e.target.value] = b.keyAt; }, true);
  const watch = () => {
    const shown = document.querySelector('[data-results-for]')?.getAttribute('data-results-for');
    if (shown && !(shown in b.paintedAt)) { b.paintedAt[shown] = 'pending'; setTimeout(() => (b.paintedAt[shown] = performance.now()), 0); }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
})()`;

async function keystrokes(page: Page): Promise<{ typed: string; ms: number }[]> {
  await page.evaluate(KEYSTROKE_PROBE);
  const times: { typed: string; ms: number }[] = [];
  await page.keyboard.press('Control+K');
  const box = page.getByRole('textbox', { name: 'Search the library' });
  await box.waitFor();
  for (const query of QUERIES) {
    for (let i = 1; i <= query.length; i++) {
      await page.keyboard.type(query[i - 1]);
      const typed = query.slice(0, i);
      if (!typed.trim()) continue;
      const ms = await page.evaluate(
        `(async () => {
          const b = window.__keys;
          const t0 = performance.now();
          while (typeof b.paintedAt[${JSON.stringify(typed)}] !== 'number' && performance.now() - t0 < 10000) await new Promise((r) => setTimeout(r, 2));
          return b.paintedAt[${JSON.stringify(typed)}] - b.typedAt[${JSON.stringify(typed)}];
        })()`,
      );
      times.push({ typed, ms: ms as number });
      await page.waitForTimeout(40);
    }
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.press('Escape');
  return times;
}

/** A click on a case to the frame showing its title and its records. */
async function openCase(page: Page, slug: string, title: string): Promise<number> {
  return page.evaluate(
    `(async () => {
      // A long case list has only the cases in view in the page: scroll until this one is there.
      const box = document.querySelector('.case-list-scroll');
      if (box) box.scrollTop = 0;
      let link = document.querySelector('[data-case="${slug}"]');
      while (!link && box && box.scrollTop + box.clientHeight < box.scrollHeight) {
        box.scrollTop += box.clientHeight / 2;
        await new Promise((r) => requestAnimationFrame(r));
        link = document.querySelector('[data-case="${slug}"]');
      }
      link.scrollIntoView({ block: 'nearest' });
      await new Promise((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      link.click();
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        const heading = document.querySelector('.case-title')?.textContent;
        if (heading === ${JSON.stringify(title)} && document.querySelector('.record-row')) break;
        if (performance.now() - t0 > 20000) return NaN;
      }
      await new Promise((r) => setTimeout(r, 0));
      return performance.now() - t0;
    })()`,
  );
}

async function scrollAll(browser: Browser, page: Page): Promise<{ rows: number; gaps: number[]; dropped: number; frameMs: number; rendered: number; cpuPerFrame: number }> {
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search the library' }).fill(ALL_ROWS_QUERY);
  await page.locator('.search-show-all').click();
  const list = page.getByRole('listbox', { name: /Every record matching/ });
  await list.locator('[role="option"]:not([aria-busy])').first().waitFor({ timeout: 60_000 });
  let figures = { rows: 0, gaps: [] as number[], dropped: 0, frameMs: 0, rendered: 0 };
  const cpu = await pageCpuMs(browser, page, async () => {
    figures = await scrollFrames(page);
  });
  return { ...figures, cpuPerFrame: cpu / figures.gaps.length };
}

function scrollFrames(page: Page): Promise<{ rows: number; gaps: number[]; dropped: number; frameMs: number; rendered: number }> {
  return page.evaluate(`(async () => {
    const list = document.querySelector('.all-results-list');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    // The display's frame interval, measured idle.
    const idle = [];
    let last = await frame();
    for (let i = 0; i < 30; i++) { const t = await frame(); idle.push(t - last); last = t; }
    idle.sort((a, b) => a - b);
    const frameMs = idle[15];
    const gaps = [];
    let rendered = 0;
    last = await frame();
    for (let i = 0; i < 300; i++) {
      // A short list (the sample's 40 rows) starts again from the top, so every frame has new rows to draw.
      list.scrollTop = list.scrollTop + 2 * list.clientHeight > list.scrollHeight ? 0 : list.scrollTop + list.clientHeight;
      const t = await frame();
      gaps.push(t - last);
      last = t;
      rendered = Math.max(rendered, list.querySelectorAll('[role="option"]').length);
    }
    return { rows: Number(list.dataset.rows), gaps, dropped: gaps.filter((g) => g > frameMs * 1.5).length, frameMs, rendered };
  })()`);
}

/** CPU time (user + system) a process has used so far, from /proc (Linux), in ms. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks of 1/100 s
}

/** Waits until the process uses under a tenth of a core over half a second (at most a minute). */
async function bridgeIdle(pid: number): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    const before = processCpuMs(pid);
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (processCpuMs(pid) - before < 50 || Date.now() > until) return;
  }
}

/** CPU time the page's main thread spent on its tasks while `work` ran, from a Chromium trace (thread time, not wall time). */
async function pageCpuMs(browser: Browser, page: Page, work: () => Promise<void>): Promise<number> {
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  await work();
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { ph: string; name: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }[] };
  const main = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  let us = 0;
  for (const e of trace.traceEvents) if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.tdur && main.includes(`${e.pid}:${e.tid}`)) us += e.tdur;
  return us / 1000;
}

interface Figures {
  label: string;
  cases: number;
  records: number;
  firstLoad: { list: number; records: number };
  reloads: { list: number[]; records: number[] };
  keys: number[];
  /** The slowest keystrokes, with what was typed. */
  slowest: { typed: string; ms: number }[];
  /** CPU per keystroke, load aside: the page's main thread and the bridge process. */
  keyCpu: { page: number; bridge: number };
  bigCase: { title: string; records: number; times: number[] };
  scroll: Awaited<ReturnType<typeof scrollAll>>;
}

async function measure(label: string, dir: string, browser: Browser, build?: Build): Promise<Figures> {
  const { url, child } = await startBridge(dir, build);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await context.addInitScript(FIRST_PAINT_PROBE);
    const page = await context.newPage();
    await page.goto(url);
    const firstLoad = await firstPaint(page);
    const reloads = { list: [] as number[], records: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      await page.reload();
      const t = await firstPaint(page);
      reloads.list.push(t.list);
      reloads.records.push(t.records);
    }
    const cases = (await page.evaluate(`(async () => {
      const r = await fetch('/api/call/cases:list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-casefolio-token': sessionStorage.getItem('casefolio.bridge-token') }, body: '{}' });
      return (await r.json()).value;
    })()`)) as { slug: string; title: string; counts: { sources: number; notes: number; events: number } }[];
    const size = (c: (typeof cases)[number]) => c.counts.sources + c.counts.notes + c.counts.events;
    const biggest = cases.reduce((a, b) => (size(b) > size(a) ? b : a));
    const other = cases.find((c) => c !== biggest)!;
    // The bridge reads every case file and loads the search index in the background after opening: keystrokes
    // are typed once it is idle, so the figures are the keystroke's (the first load is measured above).
    await bridgeIdle(child.pid!);
    let typed: { typed: string; ms: number }[] = [];
    const bridgeBefore = processCpuMs(child.pid!);
    const pageCpu = await pageCpuMs(browser, page, async () => {
      typed = await keystrokes(page);
    });
    const keys = typed.map((k) => k.ms);
    const slowest = [...typed].sort((a, b) => b.ms - a.ms).slice(0, 6);
    const keyCpu = { page: pageCpu / keys.length, bridge: (processCpuMs(child.pid!) - bridgeBefore) / keys.length };
    const times: number[] = [];
    for (let i = 0; i < RUNS && !KEYSTROKES_ONLY; i++) {
      times.push(await openCase(page, biggest.slug, biggest.title));
      await openCase(page, other.slug, other.title);
    }
    const scroll = KEYSTROKES_ONLY ? { rows: 0, gaps: [NaN], dropped: 0, frameMs: 0, rendered: 0, cpuPerFrame: NaN } : await scrollAll(browser, page);
    await context.close();
    return { label, cases: cases.length, records: cases.reduce((n, c) => n + size(c), 0), firstLoad, reloads, keys, slowest, keyCpu, bigCase: { title: biggest.title, records: size(biggest), times: times.length ? times : [NaN] }, scroll };
  } finally {
    await stopBridge(child);
  }
}

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-GB')} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

/** Each build measured must have its renderer built: without it the page has nothing to show, and fails late and obscurely. */
async function requireBuiltRenderers(): Promise<void> {
  const builds: [string, string][] = [['this checkout', path.join(ROOT, 'out/renderer')]];
  if (BASELINE?.root) builds.push(['the baseline (BENCH_BASELINE_ROOT)', path.join(BASELINE.root, 'out/renderer')]);
  else if (BASELINE?.renderer) builds.push(['the baseline (BENCH_BASELINE_RENDERER)', path.resolve(BASELINE.renderer)]);
  for (const [name, dir] of builds) {
    if (await fs.stat(path.join(dir, 'index.html')).then(() => false, () => true)) {
      const how = name === 'this checkout' ? 'run `npm run build` first' : 'run `npx electron-vite build` in that checkout first';
      log(`The renderer of ${name} is not built (no ${path.join(dir, 'index.html')}): ${how}.`);
      process.exit(1);
    }
  }
}

async function main(): Promise<void> {
  await requireBuiltRenderers();
  await fs.mkdir(work, { recursive: true });
  const big = await bigLibrary();
  const sample = await sampleLibrary();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    log('Measuring the sample library …');
    const small = await measure('9-case sample', sample, browser);
    log('Measuring the 100,000-record library …');
    const large = await measure('100,000 records', big, browser);
    print(small, large, browser.version());
    if (BASELINE) {
      log('Measuring both libraries again with the baseline build …');
      const smallBase = await measure('9-case sample', sample, browser, BASELINE);
      const largeBase = await measure('100,000 records', big, browser, BASELINE);
      console.log(`\nBaseline build (${BASELINE.root ?? BASELINE.renderer}):`);
      print(smallBase, largeBase, browser.version());
      printKeystrokeRatios([small, large], [smallBase, largeBase]);
    }
  } finally {
    await browser.close();
  }
}

/** This build's keystroke figures beside the baseline build's, measured minutes apart in the same run. */
function printKeystrokeRatios(mine: Figures[], base: Figures[]): void {
  console.log(`\n${'keystroke → results painted'.padEnd(44)}${'this build'.padStart(16)}${'baseline build'.padStart(18)}${'ratio'.padStart(8)}`);
  mine.forEach((f, i) => {
    const b = base[i];
    const rows: [string, number, number][] = [
      [`${f.label}, p50`, summarise(f.keys).p50, summarise(b.keys).p50],
      [`${f.label}, p95`, summarise(f.keys).p95, summarise(b.keys).p95],
      [`${f.label}, page CPU per keystroke`, f.keyCpu.page, b.keyCpu.page],
    ];
    for (const [name, a, c] of rows) console.log(`${name.padEnd(44)}${ms(a).padStart(16)}${ms(c).padStart(18)}${ratio(a, c).padStart(8)}`);
  });
}

function print(small: Figures, large: Figures, version: string): void {
  const median = (xs: number[]) => summarise(xs).p50;
  const rows: [string, (f: Figures) => number, number | undefined][] = [
    ['first case list, first load after open', (f) => f.firstLoad.list, 1500],
    ['  … first case’s records shown', (f) => f.firstLoad.records, undefined],
    [`first case list, median of ${RUNS} reloads`, (f) => median(f.reloads.list), 1500],
    ['  … first case’s records shown', (f) => median(f.reloads.records), undefined],
    ['keystroke → results painted, p50', (f) => summarise(f.keys).p50, undefined],
    ['keystroke → results painted, p95', (f) => summarise(f.keys).p95, 50],
    ['keystroke → results painted, max', (f) => summarise(f.keys).max, undefined],
    ['  CPU per keystroke: the page’s main thread', (f) => f.keyCpu.page, undefined],
    ['  CPU per keystroke: the bridge (search, HTTP)', (f) => f.keyCpu.bridge, undefined],
    ['open the largest case, first time', (f) => f.bigCase.times[0], 200],
    [`open the largest case, median of ${RUNS}`, (f) => median(f.bigCase.times), 200],
    ['scroll: worst gap between frames', (f) => Math.max(...f.scroll.gaps), undefined],
    ['  CPU of the page’s main thread per frame', (f) => f.scroll.cpuPerFrame, undefined],
  ];
  console.log(`Chromium ${version}, Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  console.log(`${'figure'.padEnd(44)}${small.label.padStart(16)}${large.label.padStart(18)}${'ratio'.padStart(8)}   target`);
  for (const [name, pick, target] of rows) {
    const a = pick(small);
    const b = pick(large);
    if (Number.isNaN(a) || Number.isNaN(b)) continue; // not measured in this run (--only keystrokes)
    const verdict = target === undefined ? '' : `≤ ${ms(target)} ${b <= target ? 'met' : 'MISSED'}`;
    console.log(`${name.padEnd(44)}${ms(a).padStart(16)}${ms(b).padStart(18)}${ratio(b, a).padStart(8)}   ${verdict}`);
  }
  for (const f of [small, large]) {
    const keystrokeLine = `${f.label}: ${f.cases} cases, ${f.records.toLocaleString('en-GB')} records; ${f.keys.length} keystrokes, the slowest ${f.slowest.map((k) => `${JSON.stringify(k.typed)} ${ms(k.ms)}`).join(', ')}`;
    // With --only keystrokes the case openings and the scroll were not measured: only the keystrokes are said.
    const rest = KEYSTROKES_ONLY
      ? ''
      : `; largest case “${f.bigCase.title}” ${f.bigCase.records.toLocaleString('en-GB')} records, openings ${f.bigCase.times.map(ms).join(', ')}` +
        `; scroll: ${f.scroll.rows.toLocaleString('en-GB')} rows, at most ${f.scroll.rendered} in the DOM, ${f.scroll.dropped} of ${f.scroll.gaps.length} frames dropped (over 1.5 × ${f.scroll.frameMs.toFixed(1)} ms), gap p50 ${ms(summarise(f.scroll.gaps).p50)} p95 ${ms(summarise(f.scroll.gaps).p95)}`;
    console.log(keystrokeLine + rest);
  }
}

await main();
