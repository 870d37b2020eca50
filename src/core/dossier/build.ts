/*
 * buildDossier: case files in, PDF bytes, warnings and a page map out.
 *
 * Order of work: validate → decide what goes in (model) → load and check exhibits (copying PDF pages straight
 * into the output) → build each part's blocks → lay out to a fixed point of page numbers → write pages,
 * stamping merged ones → fonts, links, bookmarks, metadata → save. Nothing here knows where the file will go.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import { ApiError } from '../../shared/errors';
import { assemble, type Part } from './assemble';
import { hasCaseParts, inputDigest, integritySection, tagIndexSection } from './back-matter';
import { caseSection } from './case-sections';
import type { BuildContext, ContentsEntry } from './context';
import { emailExhibitBlocks, exhibitsIndexBlocks, imagePage, placeholderBlocks, separatorBlocks, textExhibitBlocks } from './exhibit-pages';
import { describeExhibit, loadExhibit, type LoadedExhibit } from './exhibits';
import { embedFonts, fontResourceName } from './font-embed';
import { FontSet } from './fonts';
import { contentsBlocks, coverBlocks } from './front-matter';
import { anchors, buildModel, type ExhibitSlot } from './model';
import { buildOutline, linkAnnotations } from './navigation';
import { applyMetadata } from './metadata';
import { checkDossierInput, parseDossierOptions } from './options';
import { buildPageMap } from './page-map';
import { pdfaProblems, type ObjectRange } from './pdfa-exhibits';
import { STAMP_FACES, writePages } from './pages';
import { saveDocument } from './writer';
import { DOSSIER_SECTIONS, type DossierInput, type DossierOptions, type DossierPhase, type DossierResult, type DossierWarning } from './types';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function buildDossier(input: DossierInput, options: DossierOptions): Promise<DossierResult> {
  const parsed = parseDossierOptions(options);
  checkDossierInput(input);
  const report = (phase: DossierPhase, done: number, total: number) => parsed.onProgress?.({ phase, done, total });
  const sections = new Set(parsed.sections ?? DOSSIER_SECTIONS);
  const model = buildModel(input.cases, sections);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const warnings: DossierWarning[] = [];

  const exhibits = new Map<ExhibitSlot, LoadedExhibit>();
  /** The objects each exhibit brought in, for the PDF/A check. */
  const exhibitObjects: ObjectRange[] = [];
  for (const slot of model.exhibits) {
    report('exhibits', slot.index, model.exhibits.length);
    const after = doc.context.largestObjectNumber;
    const { exhibit, warning } = await loadExhibit(slot, input, doc);
    exhibitObjects.push({ after, upTo: doc.context.largestObjectNumber });
    exhibits.set(slot, exhibit);
    if (warning) warnings.push(warning);
    await yieldToEventLoop();
  }
  report('exhibits', model.exhibits.length, model.exhibits.length);

  const compiledBy = parsed.compiledBy ?? (input.library.settings.userName?.trim() || undefined);
  const custody = input.custody ? new Map(input.custody.map((c) => [c.caseId, c])) : undefined;
  const ctx: BuildContext = { library: input.library, model, sections, options: parsed, compiledBy, exhibits, warnings, custody };
  const digest = inputDigest(ctx, input.cases);
  const fonts = new FontSet();

  // Parts and their contents entries, in dossier order. The contents is inserted once all entries are known.
  const parts: Part[] = [];
  const entries: ContentsEntry[] = [];
  /** Entries whose page range is that of whole parts. */
  const partKeys = new Map<string, string[]>();
  if (sections.has('cover')) {
    parts.push({ kind: 'flow', key: 'cover', blocks: coverBlocks(ctx) });
    entries.push({ key: anchors.cover, kind: 'cover', title: 'Cover', level: 1, listed: false });
    partKeys.set(anchors.cover, ['cover']);
  }
  const contentsAt = parts.length;
  if (hasCaseParts(ctx)) {
    for (const c of model.cases) {
      const out = caseSection(ctx, c);
      parts.push({ kind: 'flow', key: anchors.case(c.record.id), blocks: out.blocks });
      entries.push(...out.entries);
      partKeys.set(anchors.case(c.record.id), [anchors.case(c.record.id)]);
    }
  }
  if (model.exhibits.length) {
    entries.push({ key: anchors.exhibits, kind: 'exhibits', title: 'Exhibits', level: 1, listed: true });
    parts.push({ kind: 'flow', key: anchors.exhibits, blocks: exhibitsIndexBlocks(ctx) });
    const exhibitParts: string[] = [anchors.exhibits];
    for (const slot of model.exhibits) {
      const loaded = exhibits.get(slot)!;
      const { kind } = loaded.content;
      const included = kind !== 'placeholder' && kind !== 'media';
      const content = contentPart(ctx, loaded, fonts);
      // Without pages of its own (a recording, a page rendered elsewhere), the separator sheet is the whole exhibit.
      const endAnchor = content ? undefined : anchors.exhibitEnd(slot.number);
      parts.push({ kind: 'flow', key: slot.anchor, blocks: separatorBlocks(ctx, loaded), exhibitLabel: slot.number, endAnchor });
      if (content) parts.push(content);
      exhibitParts.push(slot.anchor, `${slot.anchor}/content`);
      entries.push({
        key: slot.anchor,
        kind: 'exhibit',
        title: `${slot.number} · ${slot.citedBy[0].source.record.title}${kind === 'media' ? ` (${loaded.content.what}, listed)` : included ? '' : ' (not included)'}`,
        level: 2,
        exhibit: {
          number: slot.number,
          sha256: slot.sha256,
          included,
          ...(loaded.content.kind === 'placeholder' ? { warning: loaded.content.code } : {}),
        },
        listed: true,
      });
    }
    partKeys.set(anchors.exhibits, exhibitParts);
  }
  if (sections.has('tag-index')) {
    const index = tagIndexSection(ctx);
    if (index) {
      parts.push({ kind: 'flow', key: anchors.tagIndex, blocks: index.blocks });
      entries.push(...index.entries);
      partKeys.set(anchors.tagIndex, [anchors.tagIndex]);
    }
  }
  if (sections.has('integrity')) {
    const appendix = integritySection(ctx, digest);
    parts.push({ kind: 'flow', key: anchors.integrity, blocks: appendix.blocks });
    entries.push(...appendix.entries);
    partKeys.set(anchors.integrity, [anchors.integrity]);
  }
  if (sections.has('contents')) {
    parts.splice(contentsAt, 0, { kind: 'flow', key: anchors.contents, blocks: contentsBlocks(entries) });
    entries.splice(contentsAt ? 1 : 0, 0, { key: anchors.contents, kind: 'contents', title: 'Contents', level: 1, listed: false });
    partKeys.set(anchors.contents, [anchors.contents]);
  }
  if (!parts.length) {
    throw new ApiError('INVALID_INPUT', 'The chosen sections have nothing to show for these cases. Include more sections.');
  }

  report('layout', 0, 1);
  const assembly = assemble(parts, fonts);
  report('layout', 1, 1);
  await yieldToEventLoop();

  // Text problems are known once everything has been measured.
  if (fonts.missing.size) {
    const sample = [...fonts.missing].slice(0, 12).join(' ');
    warnings.push({
      code: 'TEXT_GLYPHS_MISSING',
      message: `Some characters have no glyph in the dossier's fonts and print as empty boxes: ${sample}. Check the records that use them (the text still searches and copies correctly).`,
    });
  }
  if (fonts.rightToLeftSeen) {
    warnings.push({
      code: 'TEXT_RIGHT_TO_LEFT',
      message: 'Some text is in a right-to-left script (Arabic or Hebrew), which the dossier prints unshaped and left to right. Attach such material as a PDF exhibit instead.',
    });
  }

  const total = assembly.pages.length;
  const stampFonts = new Map(STAMP_FACES.map((face) => [face, doc.context.nextRef()] as const));
  const written = await writePages(doc, assembly, fonts, { fonts, options: parsed, totalPages: total }, stampFonts, async (done) => {
    report('pages', done, total);
    await yieldToEventLoop();
  });
  for (const face of STAMP_FACES) fonts.encode(' ', face);
  const fontRefs = await embedFonts(doc.context, fonts, stampFonts, { cidSet: parsed.pdfa });
  for (const [face, ref] of fontRefs) written.fontDict.set(fontResourceName(face), ref);

  const pageRefs = written.pdfPages.map((p) => p.ref);
  const destinations = { context: doc.context, assembly, pageRefs };
  assembly.pages.forEach((placed, i) => {
    if (placed.kind !== 'own' || !placed.page.links.length) return;
    const annots = linkAnnotations(destinations, placed.page.links, { printable: parsed.pdfa });
    if (annots.length) written.pdfPages[i].node.set(PDFName.of('Annots'), doc.context.obj(annots));
  });
  const nested = new Map(
    model.exhibits.flatMap((slot) => {
      const content = exhibits.get(slot)!.content;
      return content.kind === 'pdf' && content.bookmarks ? [[slot.anchor, { exhibit: slot.number, bookmarks: content.bookmarks }] as const] : [];
    }),
  );
  const outline = buildOutline(destinations, entries, nested);
  let conformant = false;
  if (parsed.pdfa) {
    await doc.flush(); // images pdf-lib embeds lazily are then in the document, under the numbers they were given
    const nonConformant = pdfaWarnings(doc, model.exhibits, exhibitObjects);
    warnings.push(...nonConformant);
    conformant = nonConformant.length === 0;
  }
  applyMetadata(doc, ctx, digest, outline, { pdfaClaim: conformant });

  report('save', 0, 1);
  const { chunks, size } = await saveDocument(doc, { classic: parsed.pdfa });
  report('save', 1, 1);
  let joined: Uint8Array | undefined;
  return {
    chunks,
    size,
    get bytes() {
      if (!joined) {
        joined = new Uint8Array(size);
        let offset = 0;
        for (const chunk of chunks) {
          joined.set(chunk, offset);
          offset += chunk.length;
        }
      }
      return joined;
    },
    warnings,
    pageMap: buildPageMap(entries, assembly, parsed, partKeys),
  };
}

/** One EXHIBIT_NOT_PDFA warning per exhibit that brought in something PDF/A-1 forbids. */
function pdfaWarnings(doc: PDFDocument, slots: readonly ExhibitSlot[], ranges: ObjectRange[]): DossierWarning[] {
  const problems = pdfaProblems(doc.context, ranges);
  return slots.flatMap((slot, i) =>
    problems[i].length
      ? [
          {
            code: 'EXHIBIT_NOT_PDFA' as const,
            message: `Exhibit ${slot.number} (${describeExhibit(slot)}) uses what PDF/A-1b forbids: ${problems[i].join(', ')}. It is merged unchanged, so the dossier is not marked as PDF/A; attach a PDF/A copy of it (most PDF editors can save one) to make the whole dossier archival.`,
            caseId: slot.citedBy[0].caseModel.record.id,
            sourceId: slot.citedBy[0].source.record.id,
            attachmentId: slot.attachment.id,
            exhibit: slot.number,
          },
        ]
      : [],
  );
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
        page: imagePage(loaded, 'Im1', image.width, image.height, orientation, fonts, count > 1 ? { index: i + 1, count } : undefined),
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
