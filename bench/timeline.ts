/*
 * npm run bench:timeline — is the chronology timeline responsive with 1,000 events across 9 cases?
 *
 * In Debian's Chromium through the loopback bridge (the built renderer: run `npm run build` first), on two temp
 * libraries in the same run: the 9-case sample as shipped (the baseline), and the same 9 cases with 1,000
 * generated events spread over them (seeded; fictional test data, never the sample's). For each, the timeline
 * shows all 9 cases and we measure:
 *   - first draw: from choosing the Chronology tab to every in-view event drawn;
 *   - zoom steps: a + or − key press to the next painted frame (two animation frames), 40 steps;
 *   - pan steps: a sideways wheel event to the next painted frame, 40 steps;
 *   - a preset: "Days" then "Decades", each to the next painted frame.
 * Responsive is taken as a zoom or pan step within 100 ms at the 95th percentile (the threshold at which a
 * reaction stops feeling immediate); the figures are printed, not asserted.
 */
import { chromium, type Page } from 'playwright-core';
import { summarise } from './lib/report';
import { Random } from './lib/random';
import { CHROMIUM_ARGS, startApp, type AppHarness } from '../tests/e2e/harness';

const EVENTS = 1000;
const STEPS = 40;
const log = (text: string) => process.stderr.write(`${text}\n`);
const CLAIMS = ['alleged', 'admitted', 'disputed', 'found', 'established'] as const;

async function addEvents(app: AppHarness, count: number): Promise<void> {
  const random = new Random(18);
  const cases = await app.api['cases:list']({});
  for (let i = 0; i < count; i++) {
    const c = cases[i % cases.length];
    const year = random.int(1995, 2024);
    const precision = random.int(0, 9);
    const month = String(random.int(1, 12)).padStart(2, '0');
    const day = String(random.int(1, 28)).padStart(2, '0');
    const value = precision === 0 ? String(year) : precision < 3 ? `${year}-${month}` : `${year}-${month}-${day}`;
    const certainty = precision === 1 ? 'approximate' : precision === 2 ? 'inferred' : 'exact';
    const fields = { title: `Generated event ${i + 1} (benchmark data)`, date: { value, certainty }, claimStatus: random.pick(CLAIMS) } as const;
    await app.api['events:create']({ caseId: c.id, fields: random.int(0, 5) === 0 ? { ...fields, endDate: { value: String(Math.min(year + random.int(0, 3), 2025)), certainty: 'exact' } } : fields });
  }
}

const nextFrame = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))`;

/**
 * Runs `action` (page script) `steps` times, each timed to the frame after it, and to the end of the script work
 * it started (React renders a key press's update before the next task, so a zero-delay timeout follows it).
 */
async function timedSteps(page: Page, action: string, steps: number): Promise<{ frame: number[]; script: number[]; settled: number[] }> {
  return page.evaluate(`(async () => {
    const frame = [], script = [], settled = [];
    for (let i = 0; i < ${steps}; i++) {
      const t0 = performance.now();
      ${action}
      await new Promise((resolve) => setTimeout(resolve, 0));
      script.push(performance.now() - t0);
      await ${nextFrame};
      frame.push(performance.now() - t0);
      // The events follow the axis in the background; this is when they have caught up and been painted.
      while (document.querySelector('.tl-canvas')?.getAttribute('data-settled') !== 'true') await ${nextFrame};
      // The marker is set when the new layout is committed, before it is painted: wait for that paint too, so the
      // next step starts from a view at rest rather than paying for this step's redraw.
      await ${nextFrame};
      settled.push(performance.now() - t0);
    }
    return { frame, script, settled };
  })()`);
}

async function measure(label: string, app: AppHarness) {
  const { page } = app;
  const cases = await app.api['cases:list']({});
  const events = cases.reduce((n, c) => n + c.counts.events, 0);
  const first = cases[0];
  await page.evaluate(`localStorage.setItem('casefolio.timeline-cases', ${JSON.stringify(JSON.stringify(cases.map((c) => c.id)))}); localStorage.setItem('casefolio.chronology-view', '"timeline"')`);
  await page.reload();
  await page.locator(`[data-case="${first.slug}"]`).click();
  await page.getByRole('tab', { name: /Sources/ }).waitFor();
  const t0 = Date.now();
  await page.getByRole('tab', { name: /Chronology/ }).click();
  await page.waitForFunction(`document.querySelectorAll('.tl-band').length === ${cases.length} && document.querySelectorAll('.timeline-item').length > 0`);
  await page.evaluate(nextFrame);
  const firstDraw = Date.now() - t0;
  const drawn = await page.locator('.timeline-item').count();

  const focusPlot = `document.querySelector('.tl-plot').dispatchEvent(new KeyboardEvent('keydown', { key: i % 8 < 4 ? '+' : '-', bubbles: true }));`;
  const zoomSteps = await timedSteps(page, focusPlot, STEPS);
  await page.getByRole('button', { name: 'Years' }).click();
  const panSteps = await timedSteps(page, `document.querySelector('.tl-plot').dispatchEvent(new WheelEvent('wheel', { deltaX: i % 20 < 10 ? 120 : -120, bubbles: true, cancelable: true }));`, STEPS);
  const presetSteps = await timedSteps(page, `[...document.querySelectorAll('button')].find((b) => b.textContent === (i % 2 ? 'Decades' : 'Days')).click();`, 10);
  return {
    label,
    events,
    drawn,
    firstDraw,
    zoom: summarise(zoomSteps.frame),
    zoomScript: summarise(zoomSteps.script),
    zoomSettled: summarise(zoomSteps.settled),
    pan: summarise(panSteps.frame),
    panScript: summarise(panSteps.script),
    presets: summarise(presetSteps.frame),
  };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Set to another build's out/renderer to measure it beside this one, on the same machine in the same run. */
const BASELINE_RENDERER = process.env.BENCH_BASELINE_RENDERER;

async function main(): Promise<void> {
  const runs: Array<{ extra: number; label: string; rendererDir?: string }> = [];
  for (const extra of process.env.BENCH_ONLY_LARGE ? [EVENTS] : [0, EVENTS]) {
    const label = extra ? `9 cases + ${extra} events` : '9-case sample';
    runs.push({ extra, label });
    if (BASELINE_RENDERER) runs.push({ extra, label: `${label} (baseline build)`, rendererDir: BASELINE_RENDERER });
  }
  const results = [];
  for (const run of runs) {
    const app = await startApp({ rendererDir: run.rendererDir });
    try {
      if (run.extra) {
        log(`adding ${run.extra} events…`);
        await addEvents(app, run.extra);
      }
      results.push(await measure(run.label, app));
    } finally {
      await app.close();
    }
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const version = browser.version();
  await browser.close();
  console.log(`Chromium ${version}, ${STEPS} steps each; times to the next painted frame`);
  for (const r of results) {
    console.log(
      `${r.label.padEnd(44)} ${String(r.events).padStart(5)} events (${r.drawn} drawn at first)  first draw ${ms(r.firstDraw)}  ` +
        `zoom p50 ${ms(r.zoom.p50)} p95 ${ms(r.zoom.p95)} max ${ms(r.zoom.max)}  pan p50 ${ms(r.pan.p50)} p95 ${ms(r.pan.p95)}  preset p50 ${ms(r.presets.p50)} max ${ms(r.presets.max)}\n` +
        `${''.padEnd(44)} of which script (to the update rendered): zoom p50 ${ms(r.zoomScript.p50)} p95 ${ms(r.zoomScript.p95)}  pan p50 ${ms(r.panScript.p50)} p95 ${ms(r.panScript.p95)}\n` +
        `${''.padEnd(44)} events redrawn at the new zoom: p50 ${ms(r.zoomSettled.p50)} p95 ${ms(r.zoomSettled.p95)}`,
    );
  }
  const big = results.filter((r) => !r.label.includes('baseline build')).pop()!;
  console.log(`responsive (zoom and pan p95 ≤ 100 ms at ${EVENTS} events): ${big.zoom.p95 <= 100 && big.pan.p95 <= 100 ? 'met' : 'MISSED'}`);
}

await main();
