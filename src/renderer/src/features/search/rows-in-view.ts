/*
 * Of a long answer, quick search draws the rows that can be on screen, in the frame right after the answer
 * arrives; the rest (below the list's fold) when the list is scrolled or ↑/↓ moves the marker. At 100,000 records
 * each answer's frame spent 15–30 ms of the page's CPU on style, layout and paint for all 22–24 rows of 8 cases,
 * 7 of which fit on screen (bench/README.md, "A big library in the window").
 */
import type { ShownGroup } from './dedupe';

/** The shortest a result row can be (a title and one line of detail), in CSS pixels: search.css's rows. */
const MIN_ROW_HEIGHT = 52;
/** What the window keeps for the dialog's margin, its search box and the list's padding (search.css, 15rem). */
const ABOVE_THE_LIST = 240;

/** How many rows can be on screen in a window `windowHeight` tall, with one more so no gap shows at the fold. */
export function rowsInView(windowHeight: number): number {
  return Math.max(4, Math.ceil((windowHeight - ABOVE_THE_LIST) / MIN_ROW_HEIGHT) + 1);
}

/** The groups cut to their first `rows` results, in order; groups past the cut are left out. */
export function firstRows(groups: readonly ShownGroup[], rows: number): ShownGroup[] {
  const cut: ShownGroup[] = [];
  let left = rows;
  for (const g of groups) {
    if (left <= 0) break;
    cut.push(g.hits.length <= left ? g : { group: g.group, hits: g.hits.slice(0, left) });
    left -= g.hits.length;
  }
  return cut;
}

export const rowCount = (groups: readonly ShownGroup[]) => groups.reduce((n, g) => n + g.hits.length, 0);
