/*
 * The few things the dossier engine reads from a TrueType file, read straight from the tables' bytes.
 *
 * Why not fontkit: in a fresh `casefolio dossier` fontkit cost about a seventh of the CPU time, running cold — its
 * 1.5 MB module, a Glyph object per glyph (whose constructor inflates a Unicode property table to ask whether the
 * glyph is a combining mark), the whole `name` table decoded (with iconv-lite building a codec for each Mac
 * encoding) to get one PostScript name, and the `post` table with its 6,000 glyph names decoded for one angle.
 * The engine needs the character map, advance widths, a handful of header fields and each glyph's bytes; those
 * are fixed-offset reads. The bundled DejaVu faces are checked field by field against fontkit in
 * tests/core/dossier/truetype.test.ts.
 */

interface TableEntry {
  offset: number;
  length: number;
}

/** A character map subtable this reader can follow (formats 4 and 12 cover every Unicode TrueType font we ship). */
type CharacterMap = { format: 4; offset: number; segCount: number } | { format: 12; offset: number; groups: number };

/** fontkit's order of preference among the cmap subtables (platform, encoding): full Unicode first. */
const CMAP_PREFERENCE: [number, number][] = [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]];

export class TrueTypeFace {
  private readonly view: DataView;
  private readonly tables = new Map<string, TableEntry>();
  private readonly cmap: CharacterMap;
  private readonly longLoca: boolean;
  readonly unitsPerEm: number;
  readonly numGlyphs: number;
  /** Glyphs 0…numberOfHMetrics−1 have their own advance in hmtx; the rest share the last one. */
  readonly numberOfHMetrics: number;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const numTables = this.u16(4);
    for (let i = 0; i < numTables; i++) {
      const record = 12 + 16 * i;
      const tag = String.fromCharCode(bytes[record], bytes[record + 1], bytes[record + 2], bytes[record + 3]);
      this.tables.set(tag, { offset: this.u32(record + 8), length: this.u32(record + 12) });
    }
    const head = this.entry('head').offset;
    this.unitsPerEm = this.u16(head + 18);
    this.longLoca = this.i16(head + 50) === 1;
    this.numGlyphs = this.u16(this.entry('maxp').offset + 4);
    this.numberOfHMetrics = this.u16(this.entry('hhea').offset + 34);
    this.cmap = this.findCharacterMap();
  }

  private u16 = (at: number) => this.view.getUint16(at);
  private i16 = (at: number) => this.view.getInt16(at);
  private u32 = (at: number) => this.view.getUint32(at);

  private entry(tag: string): TableEntry {
    const entry = this.tables.get(tag);
    if (!entry) throw new Error(`This TrueType font has no '${tag}' table.`);
    return entry;
  }

  /** A table's bytes as they are in the file, or undefined when the font has none. */
  table(tag: string): Uint8Array | undefined {
    const entry = this.tables.get(tag);
    return entry && this.bytes.subarray(entry.offset, entry.offset + entry.length);
  }

  get bbox(): { minX: number; minY: number; maxX: number; maxY: number } {
    const head = this.entry('head').offset;
    return { minX: this.i16(head + 36), minY: this.i16(head + 38), maxX: this.i16(head + 40), maxY: this.i16(head + 42) };
  }

  get ascent(): number {
    return this.i16(this.entry('hhea').offset + 4);
  }

  get descent(): number {
    return this.i16(this.entry('hhea').offset + 6);
  }

  /** OS/2's cap height, which only version 2 and later of the table hold. */
  get capHeight(): number | undefined {
    const os2 = this.tables.get('OS/2');
    return os2 && this.u16(os2.offset) >= 2 ? this.i16(os2.offset + 88) : undefined;
  }

  get xHeight(): number | undefined {
    const os2 = this.tables.get('OS/2');
    return os2 && this.u16(os2.offset) >= 2 ? this.i16(os2.offset + 86) : undefined;
  }

  /** Degrees, from `post`'s 16.16 fixed-point field. */
  get italicAngle(): number {
    return this.view.getInt32(this.entry('post').offset + 4) / 65536;
  }

  /** Name 6 of the `name` table: the Windows English (UTF-16) record, else the Macintosh Roman one. */
  get postscriptName(): string | undefined {
    const name = this.tables.get('name');
    if (!name) return undefined;
    const count = this.u16(name.offset + 2);
    const strings = name.offset + this.u16(name.offset + 4);
    let mac: string | undefined;
    for (let i = 0; i < count; i++) {
      const record = name.offset + 6 + 12 * i;
      const [platform, encoding, language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((field) => this.u16(record + field));
      if (id !== 6) continue;
      const start = strings + offset;
      if (platform === 3 && encoding === 1 && language === 0x409) {
        let text = '';
        for (let at = start; at + 1 < start + length; at += 2) text += String.fromCharCode(this.u16(at));
        return text;
      }
      // PostScript names are printable ASCII, which Mac Roman shares.
      if (platform === 1 && encoding === 0 && language === 0) mac ??= String.fromCharCode(...this.bytes.subarray(start, start + length));
    }
    return mac;
  }

  private findCharacterMap(): CharacterMap {
    const cmap = this.entry('cmap').offset;
    const count = this.u16(cmap + 2);
    for (const [platform, encoding] of CMAP_PREFERENCE) {
      for (let i = 0; i < count; i++) {
        const record = cmap + 4 + 8 * i;
        if (this.u16(record) !== platform || this.u16(record + 2) !== encoding) continue;
        const offset = cmap + this.u32(record + 4);
        const format = this.u16(offset);
        if (format === 4) return { format, offset, segCount: this.u16(offset + 6) / 2 };
        if (format === 12) return { format, offset, groups: this.u32(offset + 12) };
      }
    }
    throw new Error('This TrueType font has no Unicode character map in format 4 or 12.');
  }

  /** The glyph for a code point, or 0 (.notdef) when the font has none: fontkit's lookup, on the bytes. */
  glyphForCodePoint(codePoint: number): number {
    const map = this.cmap;
    if (map.format === 12) {
      let low = 0;
      let high = map.groups - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const group = map.offset + 16 + 12 * mid;
        if (codePoint < this.u32(group)) high = mid - 1;
        else if (codePoint > this.u32(group + 4)) low = mid + 1;
        else return this.u32(group + 8) + (codePoint - this.u32(group));
      }
      return 0;
    }
    const { offset, segCount } = map;
    const endCodes = offset + 14;
    const startCodes = endCodes + 2 * segCount + 2;
    const idDeltas = startCodes + 2 * segCount;
    const idRangeOffsets = idDeltas + 2 * segCount;
    let low = 0;
    let high = segCount - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const start = this.u16(startCodes + 2 * mid);
      if (codePoint < start) high = mid - 1;
      else if (codePoint > this.u16(endCodes + 2 * mid)) low = mid + 1;
      else {
        const rangeOffset = this.u16(idRangeOffsets + 2 * mid);
        const delta = this.i16(idDeltas + 2 * mid);
        if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
        // The glyph id array follows the idRangeOffset array; rangeOffset counts from this segment's own entry.
        const at = idRangeOffsets + 2 * mid + rangeOffset + 2 * (codePoint - start);
        const gid = at + 1 < this.bytes.length ? this.u16(at) : 0;
        return gid === 0 ? 0 : (gid + delta) & 0xffff;
      }
    }
    return 0;
  }

  /** Advance width in font units. */
  advanceWidth(gid: number): number {
    const hmtx = this.entry('hmtx').offset;
    return this.u16(hmtx + 4 * Math.min(gid, this.numberOfHMetrics - 1));
  }

  /** Left side bearing in font units. */
  leftBearing(gid: number): number {
    const hmtx = this.entry('hmtx').offset;
    if (gid < this.numberOfHMetrics) return this.i16(hmtx + 4 * gid + 2);
    return this.i16(hmtx + 4 * this.numberOfHMetrics + 2 * (gid - this.numberOfHMetrics));
  }

  /** A glyph's outline bytes as stored in `glyf` (empty for a glyph with no outline, such as the space). */
  glyphData(gid: number): Uint8Array {
    const loca = this.entry('loca').offset;
    const [start, end] = this.longLoca ? [this.u32(loca + 4 * gid), this.u32(loca + 4 * gid + 4)] : [2 * this.u16(loca + 2 * gid), 2 * this.u16(loca + 2 * gid + 2)];
    const glyf = this.entry('glyf').offset;
    return this.bytes.subarray(glyf + start, glyf + end);
  }
}
