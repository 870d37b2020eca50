/*
 * How the V8 heap grows in a one-shot command that builds something large (a 3,000-page dossier).
 *
 * After each full collection V8 lets the heap grow by a factor it picks from how fast collection is compared with
 * the program (up to 4× for a small heap), so a process that allocates steadily for seconds carries tens of MB of
 * garbage at its peak. A fixed, small growth step makes it collect sooner instead: bench/README.md ("dossrss")
 * measures the peak memory it saves and the CPU it costs. Set at run time (`--heap-growing-percent` is read at every
 * collection, unlike the young generation's size), so only the command that asks for it pays, and only in the CLI:
 * the app's long-lived process keeps V8's own policy.
 */
import { setFlagsFromString } from 'node:v8';

/** The old generation's growth after each full collection, in percent of the live heap. */
export const TIGHT_HEAP_GROWING_PERCENT = 20;

export function keepHeapTight(): void {
  setFlagsFromString(`--heap-growing-percent=${TIGHT_HEAP_GROWING_PERCENT}`);
}
