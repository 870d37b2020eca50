/*
 * What every section builder may consult: the model, the loaded exhibits, the options, and the warnings list.
 * Builders return blocks plus the contents entries they introduce; the contents, the outline and the page map
 * are all made from those entries, so they cannot disagree.
 */
import type { CustodySummary } from '../../shared/api/types';
import type { LibraryFile } from '../../shared/domain';
import type { Block } from './blocks';
import type { LoadedExhibit } from './exhibits';
import { anchors, type DossierModel, type ExhibitSlot, type SourceModel } from './model';
import type { ParsedDossierOptions } from './options';
import type { PageRef, Span } from './text';
import type { DossierSection, DossierWarning, PageMapEntry, PageMapKind } from './types';
import { COLOURS, withColour, type TextStyle } from './theme';

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

/** Pages of a bundled PDF exhibit, or undefined when the exhibit is an image, text or a placeholder. */
export function exhibitPageCount(ctx: BuildContext, slot: ExhibitSlot): number | undefined {
  const content = ctx.exhibits.get(slot)?.content;
  return content?.kind === 'pdf' ? content.pages.length : undefined;
}

/**
 * Where in this dossier a source's exhibit (and, for a page pinpoint, that page of it) is: "EV-2, dossier p. 61".
 * Undefined when the source has no bundled exhibit.
 */
export function exhibitPointer(ctx: BuildContext, source: SourceModel | undefined, page: number | undefined, style: TextStyle): Span[] | undefined {
  if (!source || !source.exhibits.length) return undefined;
  const link = withColour(style, COLOURS.link);
  let slot = source.exhibits[0];
  let anchor = slot.anchor;
  if (page !== undefined) {
    const withPage = source.exhibits.find((s) => (exhibitPageCount(ctx, s) ?? 0) >= page);
    if (withPage) {
      slot = withPage;
      anchor = anchors.exhibitPage(slot.number, page);
    }
  }
  const target = { kind: 'dest' as const, anchor };
  return [
    { text: `${slot.number}, `, style: link, link: target },
    { text: '', style: link, link: target, ref: pageRef(anchor, (p) => `dossier p. ${p}`) },
  ];
}
