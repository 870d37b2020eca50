/*
 * A TrueType subset for embedding in a PDF (FontFile2): the glyphs the text used, renumbered in first-use order,
 * with the tables a PDF reader needs to draw them (head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm).
 *
 * It writes the same bytes as fontkit's TTFSubset, table for table (checked in tests/core/dossier/truetype.test.ts),
 * so dossiers stay byte-identical to those made with fontkit; it only avoids fontkit's cost in a fresh process
 * (see truetype.ts). Glyph outlines are copied as stored; a composite glyph's components are added to the subset
 * and its component references rewritten to their new numbers.
 */
import type { TrueTypeFace } from './truetype';

// Composite glyph flags (the `glyf` table's specification).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The tables written, in fontkit's order; those the font lacks are left out. */
const TABLE_ORDER = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;

export class TrueTypeSubset {
  /** original glyph ids, in subset order */
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly face: TrueTypeFace) {
    this.includeGlyph(0);
  }

  /** The glyph's number in the subset, adding it on first use. */
  includeGlyph(gid: number): number {
    let subsetGid = this.mapping.get(gid);
    if (subsetGid === undefined) {
      subsetGid = this.glyphs.push(gid) - 1;
      this.mapping.set(gid, subsetGid);
    }
    return subsetGid;
  }

  /** The subset font file. Components of composite glyphs join the subset here, after the glyphs used directly. */
  encode(): Uint8Array {
    const outlines: Uint8Array[] = [];
    const offsets: number[] = [];
    let offset = 0;
    for (let i = 0; i < this.glyphs.length; i++) {
      const outline = this.outline(this.glyphs[i]);
      outlines.push(outline);
      offsets.push(offset);
      offset += outline.length;
    }
    offsets.push(offset);
    const count = outlines.length;

    const longLoca = offset > 0xffff;
    const loca = new DataView(new ArrayBuffer(offsets.length * (longLoca ? 4 : 2)));
    offsets.forEach((value, i) => (longLoca ? loca.setUint32(4 * i, value) : loca.setUint16(2 * i, value >>> 1)));

    const hmtx = new DataView(new ArrayBuffer(4 * count));
    this.glyphs.forEach((gid, i) => {
      hmtx.setUint16(4 * i, this.face.advanceWidth(gid));
      hmtx.setInt16(4 * i + 2, this.face.leftBearing(gid));
    });

    const tables: Record<(typeof TABLE_ORDER)[number], Uint8Array | undefined> = {
      head: this.head(longLoca),
      hhea: this.patched('hhea', 36, (view) => view.setUint16(34, count)),
      loca: new Uint8Array(loca.buffer),
      maxp: this.patched('maxp', 32, (view) => view.setUint16(4, count)),
      // fontkit reads cvt as 16-bit values and writes them back: an odd last byte is dropped.
      'cvt ': this.face.table('cvt ')?.subarray(0, this.face.table('cvt ')!.length & ~1),
      prep: this.face.table('prep'),
      glyf: concat(outlines),
      hmtx: new Uint8Array(hmtx.buffer),
      fpgm: this.face.table('fpgm'),
    };
    return writeFontFile(TABLE_ORDER.flatMap((tag) => (tables[tag] ? [[tag, tables[tag]] as const] : [])));
  }

  /** A glyph's stored outline; for a composite glyph a copy with its components renumbered into the subset. */
  private outline(gid: number): Uint8Array {
    const stored = this.face.glyphData(gid);
    if (stored.length < 10 || new DataView(stored.buffer, stored.byteOffset).getInt16(0) >= 0) return stored;
    const copy = new Uint8Array(stored); // a copy (a Buffer's slice() would share the font's bytes)
    const view = new DataView(copy.buffer);
    let at = 10;
    for (;;) {
      const flags = view.getUint16(at);
      view.setUint16(at + 2, this.includeGlyph(view.getUint16(at + 2)));
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      if (!(flags & MORE_COMPONENTS)) return copy;
    }
  }

  /** `head` with the loca format of the subset. */
  private head(longLoca: boolean): Uint8Array {
    return this.patched('head', 54, (view) => {
      view.setInt16(50, longLoca ? 1 : 0);
      // fontkit keeps only the seven macStyle bits it names (bold … extended).
      view.setUint16(44, view.getUint16(44) & 0x7f);
    });
  }

  /** A copy of a fixed-size table (its first `size` bytes, as fontkit re-encodes it) with some fields changed. */
  private patched(tag: string, size: number, change: (view: DataView) => void): Uint8Array {
    const original = this.face.table(tag);
    if (!original) throw new Error(`This TrueType font has no '${tag}' table.`);
    const copy = new Uint8Array(size);
    copy.set(original.subarray(0, size));
    change(new DataView(copy.buffer));
    return copy;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The font file: the table directory, then each table's bytes one after another, as fontkit writes it (tag
 * 'true', table checksums left 0, no padding between tables; PDF readers do not check either).
 */
function writeFontFile(tables: (readonly [string, Uint8Array])[]): Uint8Array {
  const headerSize = 12 + 16 * tables.length;
  const out = new Uint8Array(headerSize + tables.reduce((sum, [, bytes]) => sum + bytes.length, 0));
  const view = new DataView(out.buffer);
  const powerOf2 = 2 ** Math.floor(Math.log2(tables.length));
  out.set([0x74, 0x72, 0x75, 0x65]); // 'true'
  view.setUint16(4, tables.length);
  view.setUint16(6, powerOf2 * 16);
  view.setUint16(8, Math.log2(powerOf2));
  view.setUint16(10, tables.length * 16 - powerOf2 * 16);
  let offset = headerSize;
  tables.forEach(([tag, bytes], i) => {
    const record = 12 + 16 * i;
    for (let c = 0; c < 4; c++) out[record + c] = tag.charCodeAt(c);
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, bytes.length);
    out.set(bytes, offset);
    offset += bytes.length;
  });
  return out;
}
