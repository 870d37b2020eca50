/*
 * What every section builder may consult: the model, the loaded exhibits, the options, and the warnings list.
 * Builders return blocks plus the contents entries they introduce; the contents, the outline and the page map
 * are all made from those entries, so they cannot disagree.
 */
import type { CustodySummary } from '../../shared/api/types';
import type { LibraryFile, Pinpoint } from '../../shared/domain';
import { pinpointPages } from './sections/citations';
import type { Block } from './typesetting/blocks';
import type { LoadedExhibit } from './exhibits/exhibits';
import { anchors, type DossierModel, type ExhibitSlot, type SourceModel } from './model';
import type { ParsedDossierOptions } from './options';
import type { PageRef, Span } from './typesetting/text';
import type { DossierSection, DossierWarning, PageMapEntry, PageMapKind } from './types';
import { COLOURS, withColour, type TextStyle } from './typesetting/theme';

export interface BuildContext {
  library: LibraryFile;
  model: DossierModel;
  sections: ReadonlySet<DossierSection>;
  options: ParsedDossierOptions;
  compiledBy?: string;
  exhibits: Map<ExhibitSlot, LoadedExhibit>;
  warnings: DossierWarning[];
  /** Each case's chain of custody by case id, when the caller supplied it. */
  custody?: ReadonlyMap<string, CustodySummary>;
}

export interface ContentsEntry {
  key: string;
  kind: PageMapKind;
  title: string;
  level: 1 | 2 | 3;
  caseId?: string;
  exhibit?: PageMapEntry['exhibit'];
  /** Listed in the contents and the outline; the cover and the contents themselves are only in the page map. */
  listed: boolean;
}

export interface SectionOutput {
  blocks: Block[];
  entries: ContentsEntry[];
}

export const pageRef = (anchor: string, format: (page: number) => string = (p) => String(p)): PageRef => ({ anchor, format });

/**
 * The page of a bundled PDF or picture exhibit (1-based) that a pinpoint names: by the labels a PDF prints on its
 * pages ("iv", "A-3"), as a reader finds a page; by counting, when there are no labels and the page is a number.
 */
export function exhibitPageFor(ctx: BuildContext, slot: ExhibitSlot, pinpoint: Pinpoint | undefined): number | undefined {
  const content = ctx.exhibits.get(slot)?.content;
  if (content?.kind !== 'pdf' && content?.kind !== 'image') return undefined;
  // A picture's pages (a multi-page TIFF's) print no numbers, so they are counted, as a PDF's are without labels.
  const labels = content.kind === 'pdf' ? content.labels : undefined;
  for (const wanted of pinpointPages(pinpoint)) {
    if (labels) {
      let i = labels.indexOf(wanted);
      if (i < 0) i = labels.findIndex((l) => l.toLowerCase() === wanted.toLowerCase());
      if (i >= 0) return i + 1;
    } else if (/^\d{1,5}$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= content.pages.length) return Number(wanted);
  }
  return undefined;
}

/**
 * Where in this dossier a source's exhibit (and, for a page pinpoint, that page of it) is: "EV-2, dossier p. 61".
 * Undefined when the source has no bundled exhibit.
 */
export function exhibitPointer(ctx: BuildContext, source: SourceModel | undefined, pinpoint: Pinpoint | undefined, style: TextStyle): Span[] | undefined {
  if (!source || !source.exhibits.length) return undefined;
  const link = withColour(style, COLOURS.link);
  let slot = source.exhibits[0];
  let anchor = slot.anchor;
  for (const candidate of source.exhibits) {
    const page = exhibitPageFor(ctx, candidate, pinpoint);
    if (page !== undefined) {
      slot = candidate;
      anchor = anchors.exhibitPage(slot.number, page);
      break;
    }
  }
  const target = { kind: 'dest' as const, anchor };
  return [
    { text: `${slot.number}, `, style: link, link: target },
    { text: '', style: link, link: target, ref: pageRef(anchor, (p) => `dossier p. ${p}`) },
  ];
}
