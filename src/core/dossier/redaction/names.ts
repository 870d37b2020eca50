/*
 * TEMPORARY: the name matcher until the people branch's findNameOccurrences is merged; then this delegates to it.
 * Whole words, any case, any run of white space (line breaks included) between the words of a name.
 */
export interface NameMatch {
  start: number;
  end: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function matchNames(text: string, names: readonly string[]): NameMatch[] {
  const out: NameMatch[] = [];
  for (const name of names) {
    const words = name.trim().split(/\s+/).filter(Boolean).map(escape);
    if (!words.length) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}
