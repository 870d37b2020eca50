/*
 * npx tsx bench/keystroke-trace.ts [--renderer DIR] [--trace FILE] [--library DIR] — where a search keystroke's wall time
 * goes, on the sample library (or the library in DIR, e.g. bench/window.ts's 100,000 records, with its queries) through the bridge: for each keystroke the page's own clock at the keydown, the input event, the
 * search request leaving (fetch), its answer arriving, its JSON read, the results reaching the DOM (a mutation
 * of `data-results-for`), and the frame that paints them. Prints the median of each step's start after the
 * keydown. A diagnostic for bench/window.ts's keystroke figure; it asserts nothing. --renderer serves another build's
 * out/renderer (bench/lib/web-bridge.ts); --trace also saves a Chromium trace of the typing (open it in DevTools'
 * Performance panel), which is how the backdrop blur's 40–60 ms per frame in the GPU process was found.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createSampleLibrary } from '../src/core/sample/build-sample';
import { CHROMIUM_ARGS } from '../tests/e2e/harness';
import { summarise } from './lib/report';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const rendererArg = args.includes('--renderer') ? path.resolve(args[args.indexOf('--renderer') + 1]) : undefined;
const libraryArg = args.includes('--library') ? path.resolve(args[args.indexOf('--library') + 1]) : undefined;
/** The sample's queries; on another library, bench/window.ts's. */
const QUERIES = libraryArg
  ? ['police officers', 'misconduct', 'inquest evidence', 'stop and search', 'met', 'tag:theme', 'complaint 2019', '"independent office"']
  : ['police officers', 'misconduct', 'inquest evidence', 'stop and search', 'complaint 2019'];

const PROBE = `(() => {
  const b = (window.__ks = { keyAt: 0, rows: {} });
  const row = (q) => (b.rows[q] ??= {});
  document.addEventListener('keydown', (e) => { b.keyAt = e.timeStamp; b.keyHandled = performance.now(); }, true);
  document.addEventListener('input', (e) => {
    if (e.target.getAttribute?.('aria-label') !== 'Search the library') return;
    const r = row(e.target.value); r.key = b.keyAt; r.keyHandled = b.keyHandled; r.input = performance.now();
  }, true);
  const realFetch = window.fetch.bind(window);
  window.fetch = (url, init) => {
    const started = performance.now();
    const body = init?.body;
    const q = String(url).includes('search:query') && typeof body === 'string' ? JSON.parse(body).query : undefined;
    const p = realFetch(url, init);
    if (q === undefined) return p;
    row(q).fetch = started;
    return p.then((res) => {
      row(q).response = performance.now();
      const json = res.json.bind(res);
      res.json = () => json().then((v) => { row(q).json = performance.now(); return v; });
      return res;
    });
  };
  new MutationObserver(() => {
    const q = document.querySelector('[data-results-for]')?.getAttribute('data-results-for');
    if (!q || row(q).dom) return;
    row(q).dom = performance.now();
    requestAnimationFrame(() => { row(q).frame = performance.now(); setTimeout(() => (row(q).painted = performance.now()), 0); });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-results-for'], childList: true });
})()`;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** The page's JavaScript by function (self time) and by script, from a CDP CPU profile of the typing. */
async function printProfile(profile: CpuProfile, file: string): Promise<void> {
  await fs.writeFile(file, JSON.stringify(profile));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  for (const n of profile.nodes) {
    const us = self.get(n.id) ?? 0;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  console.log('page JavaScript, self time by function (ms, whole typing):');
  for (const [k, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(us / 1000).toFixed(1).padStart(8)}  ${k}`);
}

interface Trace {
  traceEvents: { ph: string; name: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }[];
}

/** The page's main thread, thread time by trace event (nested events inside their parents, so sums overlap). */
function printMainThread(trace: Trace): void {
  const main = new Set(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byName = new Map<string, { n: number; us: number }>();
  for (const e of trace.traceEvents) {
    if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`)) continue;
    const t = byName.get(e.name) ?? { n: 0, us: 0 };
    t.n++;
    t.us += e.tdur ?? e.dur ?? 0;
    byName.set(e.name, t);
  }
  console.log('page main thread, thread time by trace event (ms, whole typing; nested):');
  for (const [k, t] of [...byName].sort((a, b) => b[1].us - a[1].us).slice(0, 30)) console.log(`${(t.us / 1000).toFixed(1).padStart(8)}  ${String(t.n).padStart(6)}  ${k}`);
}

async function main(): Promise<void> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'casefolio-keystroke-'));
  const library = libraryArg ?? path.join(work, 'sample');
  if (!libraryArg) await (await createSampleLibrary(library)).close();
  const entry = rendererArg ? [path.join(ROOT, 'bench/lib/web-bridge.ts'), library, rendererArg] : [path.join(ROOT, 'src/bridge/main.ts'), '--library', library, '--port', '0'];
  const bridgeProfile = args.includes('--bridge-profile') ? path.resolve(args[args.indexOf('--bridge-profile') + 1]) : undefined;
  const profileArgs = bridgeProfile ? ['--cpu-prof', '--cpu-prof-dir', bridgeProfile] : [];
  const child = spawn(process.execPath, [...profileArgs, '--import', 'tsx', ...entry], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Open (http\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await page.addInitScript(PROBE);
    await page.goto(url);
    await page.locator('.case-link').first().waitFor();
    // A large library's case files are still being read in the background just after it opens; any library's
    // search then warms up (warm-up.ts), as bench:window waits for the bridge to be idle before typing.
    await page.waitForTimeout(libraryArg ? 20_000 : 5_000);
    await page.keyboard.press('Control+K');
    await page.getByRole('textbox', { name: 'Search the library' }).waitFor();
    const tracePath = args.includes('--trace') ? args[args.indexOf('--trace') + 1] : undefined;
    if (tracePath) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-devtools.timeline', 'benchmark', 'cc', 'viz', 'netlog', 'loading'] });
    const cdp = args.includes('--profile') ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    for (const q of QUERIES) {
      for (const ch of q) {
        await page.keyboard.type(ch);
        await page.waitForTimeout(120);
      }
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(100);
    }
    if (cdp) await printProfile((await cdp.send('Profiler.stop')).profile as CpuProfile, args[args.indexOf('--profile') + 1]);
    if (tracePath) {
      const trace = await browser.stopTracing();
      await fs.writeFile(tracePath, trace);
      printMainThread(JSON.parse(trace.toString()) as Trace);
    }
    const rows = (await page.evaluate('window.__ks.rows')) as Record<string, Record<string, number>>;
    const steps = ['keyHandled', 'input', 'fetch', 'response', 'json', 'dom', 'frame', 'painted'];
    const complete = Object.entries(rows).filter(([q, r]) => q.trim() && steps.every((s) => typeof r[s] === 'number'));
    if (tracePath) await fs.writeFile(`${tracePath}.rows.json`, JSON.stringify(rows));
    console.log(`${complete.length} keystrokes, load average ${os.loadavg()[0].toFixed(1)}; ms after the keydown's timestamp:`);
    for (const s of steps) {
      const t = summarise(complete.map(([, r]) => r[s] - r.key));
      console.log(`${s.padEnd(12)} p50 ${t.p50.toFixed(1).padStart(6)}  p95 ${t.p95.toFixed(1).padStart(6)}`);
    }
    console.log(`the slowest keystrokes, ms after the keydown: ${steps.join(' ')}`);
    for (const [q, r] of complete.sort(([, a], [, b]) => b.painted - b.key - (a.painted - a.key)).slice(0, 8)) {
      console.log(`${JSON.stringify(q).padEnd(24)}${steps.map((s) => (r[s] - r.key).toFixed(1).padStart(8)).join('')}`);
    }
  } finally {
    await browser.close();
    // The bridge releases the library's lock as it exits: only then is its folder removed.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await fs.rm(work, { recursive: true, force: true });
  }
}

await main();
