/*
 * buildDossier: case files in, PDF bytes, warnings and a page map out, in named steps:
 *   validate → decide what goes in (model) → load and check exhibits (copying PDF pages straight into the
 *   output) → plan the parts (plan.ts) → lay out to a fixed point of page numbers (assemble.ts) → write pages,
 *   stamping merged ones → fonts → links, bookmarks, metadata → save. Nothing here knows where the file will go.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import { assemble, frameFor, type Assembly } from './assemble';
import { inputDigest } from './sections/back-matter';
import type { BuildContext } from './context';
import { describeExhibit, findExhibitFile, loadExhibit, type LoadedExhibit } from './exhibits/exhibits';
import type { ExhibitRedactor } from './exhibits/exhibit-content';
import { embedFonts, fontResourceName } from './typesetting/font-embed';
import { FontSet } from './typesetting/fonts';
import { buildModel, type DossierModel, type ExhibitSlot } from './model';
import { buildOutline, linkAnnotations } from './navigation';
import { RawValue } from './raw-pdf/objects';
import { applyMetadata } from './metadata';
import { checkDossierInput, parseDossierOptions, type ParsedDossierOptions } from './options';
import { buildPageMap } from './page-map';
import { pdfaProblems, type ObjectRange } from './exhibits/pdfa-exhibits';
import { ownFontName, STAMP_FACES, writePages, type WrittenPages } from './pages';
import { sealPage } from './typesetting/render';
import type { DisplayPage } from './typesetting/blocks';
import { planParts, type DossierPlan } from './plan';
import { saveDocument } from './writer';
import type { CustodySummary } from '../../shared/api/types';
import { DOSSIER_SECTIONS, type DossierInput, type DossierOptions, type DossierPhase, type DossierResult, type DossierWarning } from './types';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type Report = (phase: DossierPhase, done: number, total: number) => void;

/** `redactor`: for a redacted dossier, what it does to each exhibit (redaction/); the rest of its data comes in redacted. */
export async function buildDossier(input: DossierInput, options: DossierOptions, redactor?: ExhibitRedactor): Promise<DossierResult> {
  const parsed = parseDossierOptions(options);
  checkDossierInput(input);
  const report: Report = (phase, done, total) => parsed.onProgress?.({ phase, done, total });
  const sections = new Set(parsed.sections ?? DOSSIER_SECTIONS);
  const model = buildModel(input.cases, sections);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const warnings: DossierWarning[] = [];

  /** The objects each exhibit brought in, for the PDF/A check. */
  const exhibitObjects: ObjectRange[] = [];
  const exhibits = await loadExhibits(model, input, doc, warnings, report, exhibitObjects, redactor);
  // Given as a function, the custody check runs now, after the exhibits' reads, and reuses their digests.
  const custody = typeof input.custody === 'function' ? await input.custody() : input.custody;
  const ctx = buildContext(input, custody, parsed, model, sections, exhibits, warnings);
  const digest = inputDigest(ctx, input.cases);
  const fonts = new FontSet();
  report('layout', 0, 1);
  const { assembly, plan } = layOut(ctx, fonts, digest, parsed);
  report('layout', 1, 1);
  await yieldToEventLoop();
  // Text problems are known once everything has been measured.
  warnings.push(...textWarnings(fonts));

  const written = await writeAllPages(doc, assembly, fonts, parsed, report);
  addLinks(doc, assembly, written, parsed.pdfa === true);
  const outline = buildOutline({ context: doc.context, assembly, pageRefs: written.pdfPages.map((p) => p.ref) }, plan.entries, nestedBookmarks(model, exhibits));
  let conformant = false;
  if (parsed.pdfa) {
    await doc.flush(); // images pdf-lib embeds lazily are then in the document, under the numbers they were given
    const nonConformant = pdfaWarnings(doc, model.exhibits, exhibitObjects);
    warnings.push(...nonConformant);
    conformant = nonConformant.length === 0;
  }
  applyMetadata(doc, ctx, digest, outline, { pdfaClaim: conformant });

  report('save', 0, 1);
  // The document is let go as it is written: nothing reads it afterwards.
  const { chunks, size } = await saveDocument(doc, { classic: parsed.pdfa, release: true });
  report('save', 1, 1);
  return dossierResult(chunks, size, warnings, buildPageMap(plan.entries, assembly, parsed, plan.partKeys));
}

/**
 * The parts planned and laid out. Only the plan's entries and part keys are returned: the parts' blocks (the whole
 * text as spans) are not needed once laid out, and would otherwise stay alive while the PDF is written and saved.
 */
function layOut(ctx: BuildContext, fonts: FontSet, digest: string, options: ParsedDossierOptions): { assembly: Assembly; plan: Omit<DossierPlan, 'parts'> } {
  const { parts, entries, partKeys } = planParts(ctx, fonts, digest);
  const seal = (page: DisplayPage) => sealPage(page, fonts, ownFontName);
  return { assembly: assemble(parts, fonts, frameFor(options.paperSize), undefined, seal), plan: { entries, partKeys } };
}

/** Reads and checks every exhibit in dossier order; a problem becomes a warning and a placeholder, never a failure. */
async function loadExhibits(
  model: DossierModel,
  input: DossierInput,
  doc: PDFDocument,
  warnings: DossierWarning[],
  report: Report,
  exhibitObjects: ObjectRange[],
  redactor: ExhibitRedactor | undefined,
): Promise<Map<ExhibitSlot, LoadedExhibit>> {
  const exhibits = new Map<ExhibitSlot, LoadedExhibit>();
  // The next exhibit's file is read while this one is imported, so the disk's latency hides behind the work; only
  // one file ahead, so memory holds at most two exhibits' bytes. Imports stay in order: the output is unchanged.
  const read = (slot: ExhibitSlot | undefined) => {
    if (!slot) return undefined;
    const file = findExhibitFile(slot, input);
    file.catch(() => undefined); // a failure is thrown where it is awaited, not reported early as unhandled
    return file;
  };
  let next = read(model.exhibits[0]);
  for (const slot of model.exhibits) {
    report('exhibits', slot.index, model.exhibits.length);
    const file = next;
    next = read(model.exhibits[slot.index + 1]);
    const after = doc.context.largestObjectNumber;
    const { exhibit, warning } = await loadExhibit(slot, input, doc, { file, redactor });
    exhibitObjects.push({ after, upTo: doc.context.largestObjectNumber });
    exhibits.set(slot, exhibit);
    if (warning) warnings.push(warning);
    await yieldToEventLoop();
  }
  report('exhibits', model.exhibits.length, model.exhibits.length);
  return exhibits;
}

function buildContext(
  input: DossierInput,
  custodySummaries: CustodySummary[] | undefined,
  options: ParsedDossierOptions,
  model: DossierModel,
  sections: ReadonlySet<(typeof DOSSIER_SECTIONS)[number]>,
  exhibits: Map<ExhibitSlot, LoadedExhibit>,
  warnings: DossierWarning[],
): BuildContext {
  const compiledBy = options.compiledBy ?? (input.library.settings.userName?.trim() || undefined);
  const custody = custodySummaries ? new Map(custodySummaries.map((c) => [c.caseId, c])) : undefined;
  return { library: input.library, model, sections, options, compiledBy, exhibits, warnings, custody };
}

function textWarnings(fonts: FontSet): DossierWarning[] {
  const warnings: DossierWarning[] = [];
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
  return warnings;
}

/** Every page into the document (own pages drawn, exhibit pages stamped), then the fonts they used, subset. */
async function writeAllPages(doc: PDFDocument, assembly: Assembly, fonts: FontSet, options: ParsedDossierOptions, report: Report): Promise<WrittenPages> {
  const total = assembly.pages.length;
  const stampFonts = new Map(STAMP_FACES.map((face) => [face, doc.context.nextRef()] as const));
  const written = await writePages(doc, assembly, fonts, { fonts, options, totalPages: total }, stampFonts, async (done) => {
    report('pages', done, total);
    await yieldToEventLoop();
  });
  for (const face of STAMP_FACES) fonts.encode(' ', face);
  const fontRefs = await embedFonts(doc.context, fonts, stampFonts, { cidSet: options.pdfa });
  for (const [face, ref] of fontRefs) written.fontDict.set(fontResourceName(face), ref);
  return written;
}

/** The links on our own pages (contents entries, cross-references) as annotations pointing at their targets. */
function addLinks(doc: PDFDocument, assembly: Assembly, written: WrittenPages, printable: boolean): void {
  const destinations = { context: doc.context, assembly, pageRefs: written.pdfPages.map((p) => p.ref) };
  assembly.pages.forEach((placed, i) => {
    if (placed.kind !== 'own' || !placed.page.links.length) return;
    const annots = linkAnnotations(destinations, placed.page.links, { printable });
    // As text, the array pdf-lib would write (navigation.ts says why); the areas are not needed once annotated.
    if (annots.length) written.pdfPages[i].node.set(PDFName.of('Annots'), RawValue.ofText(`[ ${annots.join(' ')} ]`));
    placed.page.links = [];
  });
}

/** Each PDF exhibit's own bookmarks, to be nested under its entry in the dossier's outline. */
function nestedBookmarks(model: DossierModel, exhibits: Map<ExhibitSlot, LoadedExhibit>) {
  return new Map(
    model.exhibits.flatMap((slot) => {
      const content = exhibits.get(slot)!.content;
      return content.kind === 'pdf' && content.bookmarks ? [[slot.anchor, { exhibit: slot.number, bookmarks: content.bookmarks }] as const] : [];
    }),
  );
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

function dossierResult(chunks: readonly Uint8Array[], size: number, warnings: DossierWarning[], pageMap: DossierResult['pageMap']): DossierResult {
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
    pageMap,
  };
}
