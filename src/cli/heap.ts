/*
 * How the V8 heap grows in a one-shot command that builds something large (a 3,000-page dossier).
 *
 * Three settings, all read by V8 at run time (unlike `--max-semi-space-size`, which is fixed when the process
 * starts), so only the command that asks for them pays, and only in the CLI: the app's long-lived process keeps
 * V8's own policy. bench/README.md ("dossrss", "dossrss2") measures the peak memory they save and the CPU they cost.
 * - The old generation: after each full collection V8 lets it grow by a factor it picks from how fast collection is
 *   compared with the program (up to 4× for a small heap), so a process that allocates steadily for seconds carries
 *   tens of MB of garbage at its peak. A fixed, small growth step makes it collect sooner instead.
 * - The young generation: V8 doubles its two semi-spaces whenever many young objects survive a scavenge, up to
 *   16 MB each on 64-bit Node 20 — 32 MB of the process kept for objects that mostly die young. A growth factor of 1
 *   keeps them at the size they have when the command starts; the extra scavenges are cheap, because most of a
 *   dossier's garbage (words, glyph runs, operators) dies before the next one.
 * - `--optimize-for-size`, which V8 consults as the heap grows (a smaller growth factor, more compaction): a few MB
 *   more off the peak.
 */
import { setFlagsFromString } from 'node:v8';

/** The old generation's growth after each full collection, in percent of the live heap. */
export const TIGHT_HEAP_GROWING_PERCENT = 20;
/** How much the young generation's semi-spaces may grow at a time (1: not at all). */
export const TIGHT_SEMI_SPACE_GROWTH_FACTOR = 1;

export function keepHeapTight(): void {
  setFlagsFromString(`--heap-growing-percent=${TIGHT_HEAP_GROWING_PERCENT}`);
  setFlagsFromString(`--semi-space-growth-factor=${TIGHT_SEMI_SPACE_GROWTH_FACTOR}`);
  setFlagsFromString('--optimize-for-size');
}
