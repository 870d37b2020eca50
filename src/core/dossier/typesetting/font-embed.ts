/*
 * Writes the subset fonts into the PDF as Type0 / CIDFontType2 fonts with Identity-H encoding, a /W width array
 * and a ToUnicode map (so text is selectable and searchable).
 *
 * Determinism: pdf-lib would name a subset with a random-looking suffix; we derive the six-letter subset tag from
 * the glyphs the subset holds, so the same text gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { PDFName, PDFNumber, PDFRef, PDFString, type PDFContext } from 'pdf-lib';
import { fontProgram, type FaceSubset, type FontSet } from './fonts';
import { cidSetBytes } from '../pdfa';
import { flateStream } from './render';
import type { FaceName } from './theme';

/**
 * Embeds every face that drew a glyph. `reserved` holds references already handed out (merged exhibit pages name
 * their stamp fonts before the subsets are final); other faces get new references. Returns face → font reference.
 */
export async function embedFonts(
  context: PDFContext,
  fonts: FontSet,
  reserved: ReadonlyMap<FaceName, PDFRef>,
  options: { cidSet?: boolean } = {},
): Promise<Map<FaceName, PDFRef>> {
  const refs = new Map<FaceName, PDFRef>();
  for (const face of fonts.usedFaces()) {
    const ref = reserved.get(face) ?? context.nextRef();
    await embedFace(context, face, fonts.subset(face)!, ref, options.cidSet ?? false);
    refs.set(face, ref);
  }
  return refs;
}

async function embedFace(context: PDFContext, face: FaceName, subset: FaceSubset, ref: PDFRef, withCidSet: boolean): Promise<void> {
  const program = fontProgram(face);
  const font = program.font;
  const bytes = subset.subset.encode();
  const tag = subsetTag(face, bytes);
  const baseFont = `${tag}+${font.postscriptName ?? 'DejaVu'}`;
  const scale = program.scale;

  const fontFile = flateStream(context, bytes, { Length1: bytes.length });
  const fontFileRef = context.register(fontFile);

  const flags = (face === 'mono' ? 1 : 0) | (face.startsWith('serif') ? 2 : 0) | 4 | (font.italicAngle !== 0 ? 64 : 0);
  const { minX, minY, maxX, maxY } = font.bbox;
  const descriptor = context.obj({
    Type: 'FontDescriptor',
    FontName: baseFont,
    Flags: flags,
    FontBBox: [minX, minY, maxX, maxY].map((v) => Math.round(v * scale)),
    ItalicAngle: Math.round(font.italicAngle * 10) / 10,
    Ascent: Math.round(font.ascent * scale),
    Descent: Math.round(font.descent * scale),
    CapHeight: Math.round((font.capHeight || font.ascent) * scale),
    XHeight: Math.round((font.xHeight || 0) * scale),
    StemV: face.includes('bold') ? 140 : 80,
    FontFile2: fontFileRef,
  });
  // PDF/A-1 asks a subset CID font to say which CIDs it holds: all glyph ids of the subset program (CID = GID).
  if (withCidSet) descriptor.set(PDFName.of('CIDSet'), context.register(flateStream(context, cidSetBytes(Math.max(...subset.widths.keys()) + 1))));
  const descriptorRef = context.register(descriptor);

  const cidFont = context.obj({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: baseFont,
    CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
    FontDescriptor: descriptorRef,
    CIDToGIDMap: 'Identity',
    DW: 1000,
    W: widthArray(subset),
  });
  const cidFontRef = context.register(cidFont);

  const toUnicode = flateStream(context, toUnicodeCMap(subset));
  const toUnicodeRef = context.register(toUnicode);

  context.assign(
    ref,
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: baseFont,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFontRef],
      ToUnicode: toUnicodeRef,
    }),
  );
}

function subsetTag(face: FaceName, bytes: Uint8Array): string {
  const digest = createHash('sha256').update(face).update(bytes).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i] % 26));
  return tag;
}

/** /W as runs of consecutive glyph ids: [first [w w w ...] first [w ...]]. */
function widthArray(subset: FaceSubset): (PDFNumber | (PDFNumber)[])[] {
  const ids = [...subset.widths.keys()].sort((a, b) => a - b);
  const out: (PDFNumber | PDFNumber[])[] = [];
  let run: PDFNumber[] = [];
  let previous = -2;
  for (const id of ids) {
    if (id !== previous + 1) {
      if (run.length) out.push(run);
      out.push(PDFNumber.of(id));
      run = [];
    }
    run.push(PDFNumber.of(subset.widths.get(id)!));
    previous = id;
  }
  if (run.length) out.push(run);
  return out;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function utf16Hex(codePoint: number): string {
  if (codePoint < 0x10000) return hex4(codePoint);
  const v = codePoint - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}

/** A ToUnicode CMap; bfchar blocks hold at most 100 entries, as the CMap specification requires. */
function toUnicodeCMap(subset: FaceSubset): string {
  const entries = [...subset.unicode.entries()].sort((a, b) => a[0] - b[0]);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([gid, cp]) => `<${hex4(gid)}> <${utf16Hex(cp)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

export const fontResourceName = (face: FaceName): PDFName => PDFName.of(`F${face.replace(/[^a-z]/g, '')}`);
