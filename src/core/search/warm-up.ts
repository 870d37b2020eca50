/*
 * Searches run once in the background after a window's library is read, so that the first keystrokes a
 * person types do not pay for code that has never run.
 *
 * The index is loaded from disk, not rebuilt, so nothing before the first search has run the scoring loops,
 * the grouping, Markdown-to-text (markdown-it), the highlighter or the phrase check. Measured in process on the
 * 100,000-record library, the first search for "pol" cost ~100 ms of CPU and the same search 3.5 ms once
 * V8 had compiled that code; "mis" 13 against 3.5 ms. The first word typed that the index does not hold
 * ("polic") built the trie for typos: 200–300 ms (SearchIndex.prepareTypoLookup now does it here). A few searches shaped like the quick search's (a short
 * prefix matching thousands of records, two words, a phrase, a page of ungrouped hits) take that cost while
 * the window is idle. Their results are thrown away; they read only the handful of records they show.
 */
import type { SearchOptions } from './search-options';
import type { SearchIndex } from './search-index';
import { STOP_WORDS } from './text';

export interface WarmUpSearch {
  query: string;
  options: Partial<SearchOptions>;
}

/** How many times the set is run: V8 optimises a function after it has run hot a few times, not once. */
const ROUNDS = 3;
/** A phrase's word found in about this many documents: enough to run the phrase check, few records read. */
const PHRASE_DF = [20, 400] as const;

/** The warm-up searches for this index, built from its own words; none when it has fewer than two words to use. */
export function warmUpSearches(index: SearchIndex): WarmUpSearch[] {
  const { terms, termStart } = index.segment;
  const df = (i: number) => termStart[i + 1] - termStart[i];
  const usable = (i: number) => terms[i].length >= 4 && /^[a-z]+$/.test(terms[i]) && !STOP_WORDS.has(terms[i]);
  let common = -1;
  let second = -1;
  let moderate = -1;
  for (let i = 0; i < terms.length; i++) {
    if (!usable(i)) continue;
    if (common < 0 || df(i) > df(common)) [common, second] = [i, common];
    else if (second < 0 || df(i) > df(second)) second = i;
    if (moderate < 0 && df(i) >= PHRASE_DF[0] && df(i) <= PHRASE_DF[1]) moderate = i;
  }
  // Even a library as small as the sample needs them: there the bridge's first keystrokes ("po", "pol") took
  // 45–90 ms, the code's first runs, and set the keystroke's p95 (bench/README.md, "A big library in the window").
  if (common < 0 || second < 0) return [];
  const quick: Partial<SearchOptions> = { limit: 8, hitsPerCase: 3 };
  const once: WarmUpSearch[] = [
    { query: terms[common].slice(0, 3), options: quick },
    { query: terms[common].slice(0, 5), options: quick },
    { query: `${terms[common]} ${terms[second].slice(0, 4)}`, options: quick },
    { query: terms[second].slice(0, 4), options: { group: false, limit: 50 } },
    // A word the index does not hold is also matched with a typo: the fuzzy walk of the term trie.
    { query: `${terms[common].slice(0, 5)}q`, options: quick },
  ];
  once.push({ query: `"${terms[moderate >= 0 ? moderate : second]} of"`, options: quick });
  return Array.from({ length: ROUNDS }, () => once).flat();
}
