/*
 * A PDF exhibit in a redacted dossier. Pages that name an anonymised person are rebuilt: rendered by pdf.js with
 * an opaque box painted over each occurrence, and put in as that picture alone, so the name is not merely covered
 * but gone (a box drawn over live text still copies out: pdf.js #20033). Pages that name no one are copied as
 * they are. A page with pictures and no text cannot be checked and is listed for review by hand.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type { PdfWorker } from '../../evidence/pdf-worker-host';
import { embedRenderedPage, renderPdfPages, type CoverBox, type RenderedPage } from '../exhibits/pdf-render';
import { INSPECT_LIMITS, inspectPdf, pageText, type InspectedPage } from './pdf-inspect';
import { findRuleMatches, type RedactionRule, type RuleMatch } from './rules';

/** Fewer non-space characters than this on a page with pictures: taken as a scan without a text layer. */
const SCAN_TEXT_CHARS = 20;

export interface PageRedaction {
  /** 1-based. */
  page: number;
  matches: RuleMatch[];
  boxes: CoverBox[];
}

export type PdfRedaction =
  | { ok: true; bytes: Uint8Array; rebuilt: PageRedaction[]; reviewByHand: number[] }
  | { ok: false; reason: string };

/** `worker`: the export's pdf.js worker, which reads and renders every exhibit (one of its own when not given). */
export async function redactPdf(bytes: Uint8Array, rules: readonly RedactionRule[], keep: (m: RuleMatch) => boolean = () => false, worker?: PdfWorker): Promise<PdfRedaction> {
  const inspected = await inspectPdf(bytes, { layout: true }, INSPECT_LIMITS, worker);
  if (!inspected.ok) return inspected;
  const rebuilt: PageRedaction[] = [];
  const reviewByHand: number[] = [];
  inspected.pdf.pages.forEach((page, i) => {
    const { text, origin } = pageText(page);
    if (page.hasImages && text.replace(/\s/g, '').length < SCAN_TEXT_CHARS) reviewByHand.push(i + 1);
    const matches = findRuleMatches(text, rules).filter((m) => !keep(m));
    if (matches.length) rebuilt.push({ page: i + 1, matches, boxes: matches.flatMap((m) => boxesFor(page, origin.slice(m.start, m.end))) });
  });
  if (!rebuilt.length) return { ok: true, bytes, rebuilt, reviewByHand };
  const rendered = await renderPdfPages(bytes, undefined, { only: rebuilt.map((r) => r.page), cover: Object.fromEntries(rebuilt.map((r) => [r.page, r.boxes])) }, worker);
  if (!rendered.ok) return { ok: false, reason: `its pages that name someone could not be rendered: ${rendered.reason}` };
  try {
    return { ok: true, bytes: await rebuildPdf(bytes, new Map(rebuilt.map((r, k) => [r.page, rendered.pages[k]]))), rebuilt, reviewByHand };
  } catch (error) {
    return { ok: false, reason: `it could not be rebuilt (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** One box per text item a match touches, over the characters it covers (by glyph widths where the font gives them). */
function boxesFor(page: InspectedPage, chars: ({ item: number; offset: number } | undefined)[]): CoverBox[] {
  const byItem = new Map<number, { from: number; to: number }>();
  for (const c of chars) {
    if (!c) continue;
    const span = byItem.get(c.item);
    if (span) span.to = c.offset + 1;
    else byItem.set(c.item, { from: c.offset, to: c.offset + 1 });
  }
  return [...byItem].map(([index, { from, to }]) => {
    const item = page.items[index];
    const pad = item.size * 0.15;
    if (!item.horizontal) {
      // Turned text: its extent is not worked out, so the whole item's reach is covered, in every direction.
      const reach = item.width + item.size;
      return { x: item.x - reach, y: item.baseline - reach, width: 2 * reach, height: 2 * reach };
    }
    const advance = (k: number) => item.advances?.[k] ?? item.width / Math.max(1, item.str.length);
    let start = 0;
    for (let k = 0; k < from; k++) start += advance(k);
    let width = 0;
    for (let k = from; k < to; k++) width += advance(k);
    return { x: item.x + start - pad, y: item.baseline - item.size * 1.0, width: width + 2 * pad, height: item.size * 1.3 };
  });
}

/**
 * A new PDF: the rendered pictures in place of the rebuilt pages, the other pages copied. Copied pages keep only
 * their web links: an internal link or a comment could point at, or quote from, a page that was rebuilt.
 */
async function rebuildPdf(bytes: Uint8Array, pictures: Map<number, RenderedPage>): Promise<Uint8Array> {
  const source = await PDFDocument.load(bytes, { updateMetadata: false });
  const out = await PDFDocument.create({ updateMetadata: false });
  const count = source.getPageCount();
  for (let n = 1; n <= count; n++) {
    const picture = pictures.get(n);
    if (picture) {
      const page = out.addPage([picture.width, picture.height]);
      const image = embedRenderedPage(picture, out.context);
      page.node.setXObject(PDFName.of('Redacted'), image);
      const ops = `q ${picture.width} 0 0 ${picture.height} 0 0 cm /Redacted Do Q`;
      page.node.set(PDFName.of('Contents'), out.context.register(out.context.flateStream(ops)));
      continue;
    }
    const sourcePage = source.getPage(n - 1);
    keepWebLinksOnly(sourcePage.node);
    const [copied] = await out.copyPages(source, [n - 1]);
    out.addPage(copied);
  }
  return out.save({ useObjectStreams: false });
}

function keepWebLinksOnly(page: PDFDict): void {
  const annots = page.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) return;
  const kept = annots.asArray().filter((ref) => {
    const annot = ref instanceof PDFRef ? page.context.lookupMaybe(ref, PDFDict) : undefined;
    const action = annot?.lookupMaybe(PDFName.of('A'), PDFDict);
    return annot?.get(PDFName.of('Subtype'))?.toString() === '/Link' && action?.get(PDFName.of('S'))?.toString() === '/URI';
  });
  page.set(PDFName.of('Annots'), page.context.obj(kept));
}
