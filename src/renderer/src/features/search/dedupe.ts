/*
 * One file is often attached to many cases (the sample library's article is the source of all nine): the
 * same page of it matches in each. Quick search shows such a passage once, under the first case it came
 * in, saying which other cases hold it, instead of the same lines nine times over.
 */
import type { SearchGroup, SearchHit } from '../../../../shared/api/search-types';

export interface ShownHit {
  hit: SearchHit;
  /** Titles of the other cases where the same page of the same file matched. */
  alsoIn: string[];
}

export interface ShownGroup {
  group: SearchGroup;
  hits: ShownHit[];
}

const samePassageKey = (hit: SearchHit) => (hit.attachment ? `${hit.attachment.sha256}:${hit.attachment.page.index}` : undefined);

export function dedupeGroups(groups: readonly SearchGroup[]): ShownGroup[] {
  const first = new Map<string, ShownHit>();
  const shown: ShownGroup[] = [];
  for (const group of groups) {
    const hits: ShownHit[] = [];
    for (const hit of group.hits) {
      const key = samePassageKey(hit);
      const earlier = key ? first.get(key) : undefined;
      if (earlier) {
        if (!earlier.alsoIn.includes(group.title)) earlier.alsoIn.push(group.title);
        continue;
      }
      const entry = { hit, alsoIn: [] };
      if (key) first.set(key, entry);
      hits.push(entry);
    }
    if (hits.length > 0) shown.push({ group, hits });
  }
  return shown;
}

/** "Also in Child Q and Jermaine Baker", "Also in Child Q, Jermaine Baker and 5 more cases". */
export function alsoInText(titles: readonly string[]): string {
  if (titles.length === 0) return '';
  if (titles.length === 1) return `Also in ${titles[0]}`;
  if (titles.length <= 3) return `Also in ${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
  return `Also in ${titles.slice(0, 2).join(', ')} and ${titles.length - 2} more cases`;
}
