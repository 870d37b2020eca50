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

async function main(): Promise<void> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'casefolio-keystroke-'));
  const library = libraryArg ?? path.join(work, 'sample');
  if (!libraryArg) await (await createSampleLibrary(library)).close();
  const entry = rendererArg ? [path.join(ROOT, 'bench/lib/web-bridge.ts'), library, rendererArg] : [path.join(ROOT, 'src/bridge/main.ts'), '--library', library, '--port', '0'];
  const child = spawn(process.execPath, ['--import', 'tsx', ...entry], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
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
    for (const q of QUERIES) {
      for (const ch of q) {
        await page.keyboard.type(ch);
        await page.waitForTimeout(120);
      }
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(100);
    }
    if (tracePath) await fs.writeFile(tracePath, await browser.stopTracing());
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
