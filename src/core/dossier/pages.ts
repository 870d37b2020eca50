/*
 * Turns the assembled page sequence into PDF pages: our own pages get one compressed content stream each (text,
 * rules and furniture) and share one resource dictionary; merged exhibit pages keep their content untouched,
 * wrapped in q/Q, with the stamp's two streams appended (one shared by an exhibit's pages, one of the page's own)
 * and our two stamp fonts added to a copy of their resources.
 */
import { PDFArray, PDFDict, PDFNumber, PDFPage, PDFRef, PDFStream, type PDFContext, type PDFDocument, type PDFObject, type PDFPageLeaf } from 'pdf-lib';
import type { EmbeddedImage } from './exhibits/exhibits';
import type { Assembly } from './assemble';
import { fontResourceName } from './typesetting/font-embed';
import type { FontSet } from './typesetting/fonts';
import { exhibitPageFurniture, ownPageFurniture, stampMatrix, type FurnitureContext } from './furniture';
import { RawResources, RawStream, RawValue, pdfName } from './raw-pdf/objects';
import { num, pageContentStream, renderItems } from './typesetting/render';
import { MARGINS, type FaceName } from './typesetting/theme';
import type { DisplayItem } from './typesetting/blocks';
import { sameData } from '../same-data';

/** The resource name of a face on our own pages (they share one /Font dictionary). */
export const ownFontName = (face: FaceName) => fontResourceName(face).asString().slice(1);

/** Faces the furniture draws with: their font objects are referenced before the subsets are complete. */
export const STAMP_FACES: FaceName[] = ['sans', 'sans-bold'];

export interface WrittenPages {
  pdfPages: PDFPage[];
  /** The shared /Font dictionary of our own pages; filled in once the fonts are embedded. */
  fontDict: PDFDict;
}

export async function writePages(
  doc: PDFDocument,
  assembly: Assembly,
  fonts: FontSet,
  furniture: FurnitureContext,
  stampFonts: ReadonlyMap<FaceName, PDFRef>,
  onPage: (done: number) => Promise<void>,
): Promise<WrittenPages> {
  const { context } = doc;
  const fontDict = context.obj({}) as PDFDict;
  const fontDictRef = context.register(fontDict);
  const sharedResources = context.register(context.obj({ Font: fontDictRef, ProcSet: ['PDF', 'Text', 'ImageC'] }));
  const pdfPages: PDFPage[] = [];
  let saveState: PDFRef | undefined;
  const stampedResources: StampedResources = new Map();
  const stampOpenings: StampOpenings = { byKey: new Map() };
  const append = pageAppender(doc);

  for (let i = 0; i < assembly.pages.length; i++) {
    const placed = assembly.pages[i];
    const labelling = { index: i, exhibitLabel: placed.exhibitLabel };
    if (placed.kind === 'own') {
      const { page } = placed;
      const right = page.width - MARGINS.right;
      // The display list (or its sealed head) is let go once written: peak memory stays near one copy of the output.
      const stream = pageContentStream(context, page, ownPageFurniture(furniture, labelling, page.width, page.height, MARGINS.left, right), fonts, ownFontName);
      const pdfPage = PDFPage.create(doc);
      // What setSize writes on a new page (whose media box is at the origin and which has no other box), without
      // its reads of the page's four other boxes through the page tree.
      pdfPage.node.set(pdfName('MediaBox'), context.obj([0, 0, page.width, page.height]));
      append(pdfPage);
      pdfPage.node.set(pdfName('Contents'), context.register(stream));
      if (placed.images?.size) {
        const xobjects = context.obj({}) as PDFDict;
        for (const [name, image] of placed.images) xobjects.set(pdfName(name), (image as EmbeddedImage).ref);
        pdfPage.node.set(pdfName('Resources'), context.obj({ Font: fontDictRef, XObject: xobjects, ProcSet: ['PDF', 'Text', 'ImageC'] }));
      } else {
        pdfPage.node.set(pdfName('Resources'), sharedResources);
      }
      pdfPages.push(pdfPage);
    } else {
      append(placed.page);
      saveState ??= context.register(context.stream('q'));
      stampImportedPage(doc, placed.page, fonts, furniture, labelling, { stampFonts, saveState, stampedResources, stampOpenings });
      pdfPages.push(placed.page);
    }
    if (i % 25 === 24) await onPage(i + 1);
  }
  await onPage(assembly.pages.length);
  return { pdfPages, fontDict };
}

/** The stamps' shared opening streams, by their key, and the one made or found last. */
interface StampOpenings {
  byKey: Map<string, PDFRef>;
  last?: { matrix: string; names: string; repeated: DisplayItem[]; ref: PDFRef };
}

/** Pages that share a resource dictionary (the pages of one exhibit, usually) share its stamped copy too. */
type StampedResources = Map<PDFDict | RawResources | undefined, Stamped>;

interface Stamped {
  value: PDFObject;
  ref?: PDFRef;
  /** The resource name of each stamp face in these resources. */
  names: Map<FaceName, string>;
}

/** What each stamp face's resource name is made from (after "Cf"), worked out once. */
const STAMP_NAME_BASES: string[] = [];

/** Names for the stamp faces that the page's /Font does not already use. */
function stampFontNames(taken: (name: string) => boolean): Map<FaceName, string> {
  const names = new Map<FaceName, string>();
  for (const [i, face] of STAMP_FACES.entries()) {
    const base = (STAMP_NAME_BASES[i] ??= fontResourceName(face).asString().slice(2));
    let name = `Cf${base}`;
    for (let n = 1; taken(name) || [...names.values()].includes(name); n++) name = `Cf${n}${base}`;
    names.set(face, name);
  }
  return names;
}

const stampEntries = (names: Map<FaceName, string>, stampFonts: ReadonlyMap<FaceName, PDFRef>) =>
  STAMP_FACES.map((face) => [names.get(face)!, stampFonts.get(face)!] as [string, PDFRef]);

/** Resources copied as bytes, with the stamp fonts spliced into their /Font. */
function stampedRawResources(resources: RawResources, stampFonts: ReadonlyMap<FaceName, PDFRef>): Stamped {
  const names = stampFontNames((name) => resources.fontMayHaveKey(name));
  return { value: resources.withFonts(stampEntries(names, stampFonts)), names };
}

/**
 * A copy of the page's resources with our stamp fonts under names it does not already use. A transplanted
 * exhibit's /Font is still the bytes it was copied as (see raw-pdf/transplant.ts): entries are added to those.
 */
function stampedResources(context: PDFContext, original: PDFDict | undefined, stampFonts: ReadonlyMap<FaceName, PDFRef>): Stamped {
  const resources = original?.clone(context) ?? (context.obj({}) as PDFDict);
  const copiedFonts = resources.get(pdfName('Font'));
  const fontsDict = copiedFonts instanceof RawValue ? undefined : (resources.lookupMaybe(pdfName('Font'), PDFDict)?.clone(context) ?? (context.obj({}) as PDFDict));
  const names = stampFontNames((name) => (fontsDict ? fontsDict.has(pdfName(name)) : (copiedFonts as RawValue).mayHaveKey(name)));
  const entries = stampEntries(names, stampFonts);
  if (fontsDict) for (const [name, ref] of entries) fontsDict.set(pdfName(name), ref);
  resources.set(pdfName('Font'), fontsDict ?? (copiedFonts as RawValue).withEntries(entries));
  return { value: resources, names };
}

function stampImportedPage(
  doc: PDFDocument,
  page: PDFPage,
  fonts: FontSet,
  furniture: FurnitureContext,
  labelling: { index: number; exhibitLabel?: string },
  shared: { stampFonts: ReadonlyMap<FaceName, PDFRef>; saveState: PDFRef; stampedResources: StampedResources; stampOpenings: StampOpenings },
): void {
  const { context } = doc;
  const node = page.node;
  const { box, rotation } = geometry(page);
  const sideways = ((rotation % 180) + 180) % 180 === 90;
  const viewedWidth = sideways ? box.height : box.width;
  const viewedHeight = sideways ? box.width : box.height;

  // A transplanted page's resources are bytes (raw-pdf/transplant.ts) unless they could not be copied whole.
  const own = node.get(pdfName('Resources'));
  const original = own instanceof RawResources ? own : node.Resources();
  let stamped = shared.stampedResources.get(original);
  if (!stamped) {
    stamped = own instanceof RawResources ? stampedRawResources(own, shared.stampFonts) : stampedResources(context, original as PDFDict | undefined, shared.stampFonts);
    stamped.ref = context.register(stamped.value);
    shared.stampedResources.set(original, stamped);
  }
  const { names } = stamped;
  node.set(pdfName('Resources'), stamped.ref!);

  const { repeated, perPage } = exhibitPageFurniture(furniture, labelling, viewedWidth, viewedHeight);
  const matrix = stampMatrix(rotation, box).map(num).join(' ');
  const fontName = (face: FaceName) => names.get(face) ?? names.get('sans')!;
  // The running title and the marking are the same on every page of an exhibit (of one size): one stream, which
  // those pages share, closes the exhibit's graphics state and draws them; each page's own stream draws the rest.
  const opening = stampOpening(shared.stampOpenings, matrix, names, repeated, () =>
    context.register(plainStream(`Q\nq ${matrix} cm\n${renderItems(repeated, fonts, fontName)}\n`)),
  );

  const existing = node.get(pdfName('Contents'));
  const resolved = existing instanceof PDFRef ? context.lookup(existing) : existing;
  const streams: PDFRef[] = [];
  if (resolved instanceof PDFArray) for (const r of resolved.asArray()) if (r instanceof PDFRef) streams.push(r);
  if (resolved instanceof PDFStream && existing instanceof PDFRef) streams.push(existing);
  // A stamp is a few hundred bytes: compressing each of hundreds of them costs more time than it saves space.
  const close = context.register(plainStream(`${renderItems(perPage, fonts, fontName)}\nQ`));
  node.set(pdfName('Contents'), context.obj([shared.saveState, ...streams, opening, close]));
}

/**
 * The shared opening stream for this matrix, these font names and these repeated items, made by `make` the first
 * time. Keyed by their JSON; but an exhibit's pages come one after another with the same opening, so the last one is
 * tried first by comparing the values themselves, which spares making and hashing a long key for every page.
 */
function stampOpening(openings: StampOpenings, matrix: string, fontNames: Map<FaceName, string>, repeated: DisplayItem[], make: () => PDFRef): PDFRef {
  const names = [...fontNames.values()].join(' ');
  const last = openings.last;
  if (last && last.matrix === matrix && last.names === names && sameData(last.repeated, repeated)) return last.ref;
  const key = `${matrix}|${names}|${JSON.stringify(repeated)}`;
  let ref = openings.byKey.get(key);
  if (!ref) {
    ref = make();
    openings.byKey.set(key, ref);
  }
  openings.last = { matrix, names, repeated, ref };
  return ref;
}

type Box = { x: number; y: number; width: number; height: number };

/**
 * The page's crop box and rotation, read from its own entries when they are plain values. Every exhibit page has
 * its inherited attributes made explicit when it is copied (by raw-pdf and by pdf-lib's copyPages alike) and the
 * dossier's page tree sets none, so this is what pdf-lib's getCropBox and getRotation find, without their
 * inheritance walk and the objects it allocates for each of hundreds of pages; anything else goes through them.
 */
function geometry(page: PDFPage): { box: Box; rotation: number } {
  const node = page.node;
  const crop = node.get(pdfName('CropBox'));
  const box = crop ? plainRectangle(crop) : plainRectangle(node.get(pdfName('MediaBox')));
  const rotate = node.get(pdfName('Rotate'));
  const rotation = rotate === undefined ? 0 : rotate instanceof PDFNumber ? rotate.asNumber() : undefined;
  if (box && rotation !== undefined) return { box, rotation };
  return { box: page.getCropBox(), rotation: page.getRotation().angle };
}

function plainRectangle(value: unknown): Box | undefined {
  if (!(value instanceof PDFArray) || value.size() !== 4) return undefined;
  const n = [0, 1, 2, 3].map((i) => value.get(i));
  if (!n.every((v) => v instanceof PDFNumber)) return undefined;
  const [x0, y0, x1, y1] = (n as PDFNumber[]).map((v) => v.asNumber());
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * doc.addPage without its walk of the page tree: pdf-lib finds where page n goes by looking up each of the pages
 * already there, quadratic in the page count (about a tenth of a 567-page export). A page added last goes at the
 * end of the root's /Kids whatever the tree's shape; what insertPage records besides (the page's wrapper, the
 * count, the stale page list) is recorded as pdf-lib 1.17.1 records it, or, if those fields are not there,
 * pdf-lib's own addPage is used.
 */
function pageAppender(doc: PDFDocument): (page: PDFPage) => void {
  const tree = doc.catalog.Pages();
  const treeRef = doc.catalog.get(pdfName('Pages'));
  const internals = doc as unknown as { pageMap?: unknown; pageCache?: { invalidate?: unknown }; pageCount?: unknown };
  const count = doc.getPageCount();
  const { pageMap, pageCache } = internals;
  if (!(treeRef instanceof PDFRef) || !(pageMap instanceof Map) || typeof pageCache?.invalidate !== 'function' || internals.pageCount !== count) {
    return (page) => void doc.addPage(page);
  }
  const pages = pageMap as Map<PDFPageLeaf, PDFPage>;
  const invalidate = () => (pageCache as { invalidate(): void }).invalidate();
  return (page) => {
    tree.pushLeafNode(page.ref);
    page.node.setParent(treeRef);
    pages.set(page.node, page);
    internals.pageCount = (internals.pageCount as number) + 1;
    invalidate();
  };
}

/**
 * An uncompressed stream of one-byte text, written exactly as context.stream(text) is (a dictionary of its
 * /Length alone) but without a pdf-lib dictionary, name and number objects for each of hundreds of stamps.
 */
function plainStream(text: string): RawStream {
  const contents = Buffer.from(text, 'latin1');
  return new RawStream(Buffer.from(`<<\n/Length ${contents.length}\n>>`, 'latin1'), contents);
}
