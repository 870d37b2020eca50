/*
 * An exhibit's own bookmarks (its document outline, §12.3.3): a report's chapters, a statement's paragraphs.
 * Bundling tools keep them under the document's entry, so a reader can still find "Annex B" inside an exhibit;
 * the dossier nests them under the exhibit's bookmark. Each is read as its title, the exhibit page it goes to
 * and how the viewer shows it; one whose destination is not a page of the exhibit keeps its title, going nowhere.
 */
import type { ExplicitDestination } from './destinations';
import type { SourcePdf, Span } from './document';
import { RawPdfError, readScalar, readTextString } from './lexer';

export interface ExhibitBookmark {
  title: string;
  /** The exhibit page it goes to (0-based), and the view of it: undefined when it goes nowhere in the exhibit. */
  target?: { page: number; view: ExplicitDestination['view'] };
  open: boolean;
  children: ExhibitBookmark[];
}

const MAX_DEPTH = 32;
const MAX_ITEMS = 20_000;
/** Longer titles are cut: a bookmark is a line in a pane, and a title is no place for a page of text. */
const MAX_TITLE = 500;

function cleanTitle(title: string | undefined): string {
  const clean = title?.replace(/\s+/g, ' ').trim();
  if (!clean) return 'Untitled';
  return clean.length <= MAX_TITLE ? clean : `${clean.slice(0, MAX_TITLE - 1)}…`;
}

/** The exhibit's bookmarks, or undefined when it has none (or they cannot be read). */
export function readOutline(source: SourcePdf): ExhibitBookmark[] | undefined {
  try {
    const catalog = source.dict(source.root);
    const at = catalog.entries.get('Outlines');
    const root = at && source.resolveDict({ bytes: catalog.bytes, ...at });
    const first = root?.entries.get('First');
    if (!root || !first) return undefined;
    const pageIndex = new Map(source.pages().pages.map((p, i) => [p.num, i]));
    const visited = new Set<number>();
    let count = 0;

    const items = (firstSpan: Span, depth: number): ExhibitBookmark[] => {
      if (depth > MAX_DEPTH) throw new RawPdfError('bookmarks nested too deeply');
      const out: ExhibitBookmark[] = [];
      let next: Span | undefined = firstSpan;
      while (next) {
        const ref = readScalar(next.bytes, next.start, next.end);
        if (ref.kind !== 'ref') throw new RawPdfError('a bookmark that is not an indirect object');
        if (visited.has(ref.num) || ++count > MAX_ITEMS) throw new RawPdfError('bookmarks that loop or never end');
        visited.add(ref.num);
        const { bytes, entries } = source.dict(ref.num, ref.gen);
        const get = (key: string): Span | undefined => {
          const e = entries.get(key);
          return e && { bytes, ...e };
        };
        const titleSpan = get('Title');
        const title = titleSpan && source.resolve(titleSpan);
        const countSpan = get('Count');
        const childCount = countSpan ? source.number(bytes, countSpan) : 0;
        const firstChild = get('First');
        out.push({
          title: cleanTitle(title && readTextString(title.bytes, title.start, title.end)),
          target: targetOf(source, get('Dest'), get('A'), pageIndex),
          open: childCount > 0,
          children: firstChild ? items(firstChild, depth + 1) : [],
        });
        next = get('Next');
      }
      return out;
    };
    const bookmarks = items({ bytes: root.bytes, ...first }, 0);
    return bookmarks.length ? bookmarks : undefined;
  } catch (error) {
    if (error instanceof RawPdfError) return undefined;
    throw error;
  }
}

/** Where a /Dest, or a /GoTo action's /D, goes among the exhibit's pages. */
function targetOf(source: SourcePdf, dest: Span | undefined, action: Span | undefined, pageIndex: Map<number, number>): ExhibitBookmark['target'] {
  let where = dest;
  if (!where && action) {
    const a = source.resolveDict(action);
    const s = a?.entries.get('S');
    const kind = s && readScalar(a!.bytes, s.start, s.end);
    const d = a?.entries.get('D');
    if (kind?.kind === 'name' && kind.value === 'GoTo' && d) where = { bytes: a!.bytes, ...d };
  }
  const explicit = where && source.destinations.explicit(where);
  const read = explicit && source.destinations.read(explicit);
  if (!read) return undefined;
  const page = 'num' in read.page ? pageIndex.get(read.page.num) : read.page.index;
  if (page === undefined || page < 0 || page >= pageIndex.size) return undefined;
  return { page, view: read.view };
}
