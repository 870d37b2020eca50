/*
 * The page map: every contents entry (plus the cover and the contents themselves) with the pages it occupies
 * and, when stamping, its first and last Bates number.
 */
import type { Assembly } from './assemble';
import type { ContentsEntry } from './context';
import { anchors } from './model';
import { batesLabel, type ParsedDossierOptions } from './options';
import { MARGINS, PAPER } from './typesetting/theme';
import type { PageMapEntry } from './types';

export function buildPageMap(entries: ContentsEntry[], assembly: Assembly, options: ParsedDossierOptions, partKeys: Map<string, string[]>): PageMapEntry[] {
  const total = assembly.pages.length;
  const placed = entries.filter((e) => assembly.anchors.has(e.key));
  // An entry whose successor starts at the top of a page ends on the page before; otherwise they share a page.
  const topOfPage = PAPER[options.paperSize].height - MARGINS.top + 4;
  return placed.map((entry, i) => {
    const start = assembly.anchors.get(entry.key)!.page;
    let end = total - 1;
    const ranged = partKeys.get(entry.key);
    if (ranged) {
      end = Math.max(...ranged.map((k) => assembly.ranges.get(k)?.last ?? start));
    } else if (entry.kind === 'exhibit' && entry.exhibit) {
      end = assembly.anchors.get(anchors.exhibitEnd(entry.exhibit.number))?.page ?? start;
    } else {
      const next = placed.slice(i + 1).find((e) => e.level <= entry.level);
      if (next) {
        const at = assembly.anchors.get(next.key)!;
        end = Math.max(start, at.y >= topOfPage - 1 ? at.page - 1 : at.page);
      }
    }
    const item: PageMapEntry = { key: entry.key, kind: entry.kind, title: entry.title, level: entry.level, startPage: start + 1, endPage: end + 1 };
    if (entry.caseId) item.caseId = entry.caseId;
    if (entry.exhibit) item.exhibit = entry.exhibit;
    if (options.bates) item.bates = { first: batesLabel(options.bates, start), last: batesLabel(options.bates, end) };
    return item;
  });
}
