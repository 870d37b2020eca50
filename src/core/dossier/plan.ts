/*
 * The plan of a dossier: its parts in order (cover, contents, each case, exhibits, tag index, integrity
 * appendix), each with the contents entries it introduces. The contents part is inserted last, once every entry
 * is known. Nothing here is laid out yet: assemble.ts turns the parts into pages.
 */
import { ApiError } from '../../shared/errors';
import type { Part } from './assemble';
import { hasCaseParts, integritySection, tagIndexSection } from './sections/back-matter';
import { caseSection } from './sections/case-sections';
import type { BuildContext, ContentsEntry } from './context';
import { emailExhibitBlocks, exhibitsIndexBlocks, imagePage, placeholderBlocks, separatorBlocks, textExhibitBlocks } from './exhibits/exhibit-pages';
import type { LoadedExhibit } from './exhibits/exhibits';
import type { FontSet } from './typesetting/fonts';
import { contentsBlocks, coverBlocks } from './sections/front-matter';
import { anchors } from './model';

export interface DossierPlan {
  parts: Part[];
  entries: ContentsEntry[];
  /** Entries whose page range is that of whole parts, by entry key. */
  partKeys: Map<string, string[]>;
}

export function planParts(ctx: BuildContext, fonts: FontSet, digest: string): DossierPlan {
  const plan: DossierPlan = { parts: [], entries: [], partKeys: new Map() };
  const { sections, model } = ctx;
  if (sections.has('cover')) {
    plan.parts.push({ kind: 'flow', key: 'cover', blocks: coverBlocks(ctx) });
    plan.entries.push({ key: anchors.cover, kind: 'cover', title: 'Cover', level: 1, listed: false });
    plan.partKeys.set(anchors.cover, ['cover']);
  }
  const contentsAt = plan.parts.length;
  if (hasCaseParts(ctx)) {
    for (const c of model.cases) {
      const out = caseSection(ctx, c);
      plan.parts.push({ kind: 'flow', key: anchors.case(c.record.id), blocks: out.blocks });
      plan.entries.push(...out.entries);
      plan.partKeys.set(anchors.case(c.record.id), [anchors.case(c.record.id)]);
    }
  }
  if (model.exhibits.length) planExhibits(ctx, fonts, plan);
  if (sections.has('tag-index')) {
    const index = tagIndexSection(ctx);
    if (index) {
      plan.parts.push({ kind: 'flow', key: anchors.tagIndex, blocks: index.blocks });
      plan.entries.push(...index.entries);
      plan.partKeys.set(anchors.tagIndex, [anchors.tagIndex]);
    }
  }
  if (sections.has('integrity')) {
    const appendix = integritySection(ctx, digest);
    plan.parts.push({ kind: 'flow', key: anchors.integrity, blocks: appendix.blocks });
    plan.entries.push(...appendix.entries);
    plan.partKeys.set(anchors.integrity, [anchors.integrity]);
  }
  if (sections.has('contents')) {
    plan.parts.splice(contentsAt, 0, { kind: 'flow', key: anchors.contents, blocks: contentsBlocks(plan.entries) });
    plan.entries.splice(contentsAt ? 1 : 0, 0, { key: anchors.contents, kind: 'contents', title: 'Contents', level: 1, listed: false });
    plan.partKeys.set(anchors.contents, [anchors.contents]);
  }
  if (!plan.parts.length) {
    throw new ApiError('INVALID_INPUT', 'The chosen sections have nothing to show for these cases. Include more sections.');
  }
  return plan;
}

/** The exhibits index, then each exhibit: its separator sheet and, when it has any, its own pages. */
function planExhibits(ctx: BuildContext, fonts: FontSet, plan: DossierPlan): void {
  plan.entries.push({ key: anchors.exhibits, kind: 'exhibits', title: 'Exhibits', level: 1, listed: true });
  plan.parts.push({ kind: 'flow', key: anchors.exhibits, blocks: exhibitsIndexBlocks(ctx) });
  const exhibitParts: string[] = [anchors.exhibits];
  for (const slot of ctx.model.exhibits) {
    const loaded = ctx.exhibits.get(slot)!;
    const { kind } = loaded.content;
    const included = kind !== 'placeholder' && kind !== 'media';
    const content = contentPart(ctx, loaded, fonts);
    // Without pages of its own (a recording, a page rendered elsewhere), the separator sheet is the whole exhibit.
    const endAnchor = content ? undefined : anchors.exhibitEnd(slot.number);
    plan.parts.push({ kind: 'flow', key: slot.anchor, blocks: separatorBlocks(ctx, loaded), exhibitLabel: slot.number, endAnchor });
    if (content) plan.parts.push(content);
    exhibitParts.push(slot.anchor, `${slot.anchor}/content`);
    plan.entries.push({
      key: slot.anchor,
      kind: 'exhibit',
      title: `${slot.number} · ${slot.citedBy[0].source.record.title}${kind === 'media' ? ` (${loaded.content.what}, listed)` : included ? '' : ' (not included)'}`,
      level: 2,
      exhibit: {
        number: slot.number,
        sha256: slot.sha256,
        included,
        ...(loaded.content.kind === 'placeholder' ? { warning: loaded.content.code } : {}),
        ...(loaded.content.kind === 'image' && loaded.content.format === 'pdf' ? { warning: 'EXHIBIT_RENDERED' as const } : {}),
      },
      listed: true,
    });
  }
  plan.partKeys.set(anchors.exhibits, exhibitParts);
}

/** The exhibit's own pages after its separator sheet; undefined when it has none. */
function contentPart(ctx: BuildContext, loaded: LoadedExhibit, fonts: FontSet): Part | undefined {
  const { slot, content } = loaded;
  const key = `${slot.anchor}/content`;
  const endAnchor = anchors.exhibitEnd(slot.number);
  switch (content.kind) {
    case 'pdf':
      return { kind: 'imported', key, exhibit: slot.number, pages: content.pages, endAnchor };
    case 'image': {
      const count = content.pages.length;
      const pages = content.pages.map(({ image, orientation }, i) => ({
        page: imagePage(loaded, 'Im1', image.width, image.height, orientation, fonts, ctx.options.paperSize, count > 1 ? { index: i + 1, count } : undefined),
        images: new Map([['Im1', image]]),
      }));
      const pageAnchors = pages.map((_, i) => [anchors.exhibitPage(slot.number, i + 1), i] as [string, number]);
      return { kind: 'fixed', key, pages, anchors: pageAnchors, endAnchor, exhibitLabel: slot.number };
    }
    case 'text':
      return { kind: 'flow', key, blocks: textExhibitBlocks(loaded, content), endAnchor, exhibitLabel: slot.number };
    case 'placeholder':
      return { kind: 'flow', key, blocks: placeholderBlocks(ctx, loaded), endAnchor, exhibitLabel: `${slot.number} · placeholder` };
    case 'email':
      return { kind: 'flow', key, blocks: emailExhibitBlocks(loaded, content), endAnchor, exhibitLabel: slot.number };
    case 'media':
    case 'rendered':
      return undefined;
  }
}
