/*
 * Text measuring and glyph encoding for the embedded DejaVu faces.
 *
 * Why not pdf-lib's drawText: it runs fontkit's full layout engine on every call (about 0.3–0.4 ms), which made a
 * 300-page dossier take seconds. Our text is Latin, Greek and Cyrillic set left to right, where one code point maps
 * to one glyph, so we map code points to glyphs ourselves, once, and cache widths and encoded glyph ids per face.
 * No ligatures and no kerning: text extracts exactly as written and measuring never disagrees with drawing.
 *
 * Arabic and Hebrew would need shaping and bidirectional reordering, which this engine does not do: such text is
 * printed unshaped, left to right, and reported as a warning rather than silently mangled.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FACES, type FaceName, type TextStyle } from './theme';
import { TrueTypeFace } from './truetype';
import { TrueTypeSubset } from './truetype-subset';

const FONT_FILES: Record<FaceName, string> = {
  serif: 'DejaVuSerif.ttf',
  'serif-bold': 'DejaVuSerif-Bold.ttf',
  'serif-italic': 'DejaVuSerif-Italic.ttf',
  'serif-bold-italic': 'DejaVuSerif-BoldItalic.ttf',
  sans: 'DejaVuSans.ttf',
  'sans-bold': 'DejaVuSans-Bold.ttf',
  'sans-oblique': 'DejaVuSans-Oblique.ttf',
  'sans-bold-oblique': 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

/** DejaVu Sans covers more scripts and symbols than the serif and mono faces; characters they lack borrow from it. */
const FALLBACK: Partial<Record<FaceName, FaceName>> = {
  serif: 'sans',
  'serif-bold': 'sans-bold',
  'serif-italic': 'sans-oblique',
  'serif-bold-italic': 'sans-bold-oblique',
  mono: 'sans',
};

/**
 * One TrueType file, read with our own table reader (truetype.ts: fontkit's cost in a fresh process is what it
 * avoids). Read once per process: the files never change.
 */
export class FontProgram {
  readonly scale: number;
  private readonly gids = new Map<number, number>();
  private readonly advances = new Map<number, number>();

  constructor(
    readonly face: FaceName,
    readonly font: TrueTypeFace,
    readonly byteLength: number,
  ) {
    this.scale = 1000 / font.unitsPerEm;
  }

  /** The glyph for a code point, or 0 (.notdef) when the font has none. */
  gid(codePoint: number): number {
    let gid = this.gids.get(codePoint);
    if (gid === undefined) {
      gid = this.font.glyphForCodePoint(codePoint);
      this.gids.set(codePoint, gid);
    }
    return gid;
  }

  /** Advance width in thousandths of an em, rounded to whole units: the same numbers go into the PDF's /W array. */
  advance(gid: number): number {
    let width = this.advances.get(gid);
    if (width === undefined) {
      width = Math.round(this.font.advanceWidth(gid) * this.scale);
      this.advances.set(gid, width);
    }
    return width;
  }
}

const programs = new Map<FaceName, FontProgram>();
const requireFromHere = createRequire(import.meta.url);

export function fontProgram(face: FaceName): FontProgram {
  let program = programs.get(face);
  if (!program) {
    const path = requireFromHere.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[face]}`);
    const bytes = readFileSync(path);
    program = new FontProgram(face, new TrueTypeFace(bytes), bytes.length);
    programs.set(face, program);
  }
  return program;
}

interface ResolvedGlyph {
  face: FaceName;
  gid: number;
  width: number;
}

export interface EncodedRun {
  face: FaceName;
  /** Two-byte glyph ids of the face's subset, as hex, for a `<...> Tj` operator. */
  hex: string;
}

/** Per-face subset: glyph ids are assigned in first-use order, so the same text always yields the same font. */
export interface FaceSubset {
  subset: TrueTypeSubset;
  /** subset glyph id → the code point it stands for, for the ToUnicode map */
  unicode: Map<number, number>;
  /** subset glyph id → advance width (thousandths of an em) */
  widths: Map<number, number>;
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const SPACE = 0x20;

/**
 * Everything one build knows about text: measuring (cached per face and string), encoding (cached per code point),
 * which glyphs were used, and which characters could not be printed.
 */
export class FontSet {
  private readonly resolved = new Map<FaceName, Map<number, ResolvedGlyph>>();
  private readonly widthCache = new Map<FaceName, Map<string, number>>();
  private readonly hexCache = new Map<FaceName, Map<number, string>>();
  private readonly subsets = new Map<FaceName, FaceSubset>();
  /** Characters no face could draw, in the order first met. */
  readonly missing = new Set<string>();
  rightToLeftSeen = false;

  constructor() {
    for (const face of FACES) {
      this.resolved.set(face, new Map());
      this.widthCache.set(face, new Map());
    }
  }

  private resolve(face: FaceName, codePoint: number): ResolvedGlyph {
    const cache = this.resolved.get(face)!;
    let glyph = cache.get(codePoint);
    if (glyph) return glyph;
    let candidate: FaceName | undefined = face;
    while (candidate) {
      const program = fontProgram(candidate);
      const gid = program.gid(codePoint);
      if (gid !== 0) {
        glyph = { face: candidate, gid, width: program.advance(gid) };
        break;
      }
      candidate = FALLBACK[candidate];
    }
    if (!glyph) {
      const program = fontProgram(face);
      glyph = { face, gid: 0, width: program.advance(0) };
      this.missing.add(String.fromCodePoint(codePoint));
    }
    if (codePoint > 0x58f && RTL.test(String.fromCodePoint(codePoint))) this.rightToLeftSeen = true;
    cache.set(codePoint, glyph);
    return glyph;
  }

  /** Width of `text` in thousandths of an em. */
  units(text: string, face: FaceName): number {
    const cache = this.widthCache.get(face)!;
    let width = cache.get(text);
    if (width === undefined) {
      width = 0;
      for (let i = 0; i < text.length; i++) {
        let cp = text.charCodeAt(i);
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
          cp = text.codePointAt(i)!;
          i++;
        }
        width += this.resolve(face, cp).width;
      }
      // Words repeat; whole lines rarely do. Bound the cache so a 20,000-word note cannot bloat it.
      if (text.length <= 40 && cache.size < 50_000) cache.set(text, width);
    }
    return width;
  }

  /** Width of `text` in points. */
  measure(text: string, style: Pick<TextStyle, 'face' | 'size'>): number {
    return (this.units(text, style.face) * style.size) / 1000;
  }

  /** Glyph runs for drawing `text`; a new run starts wherever a fallback face takes over. */
  encode(text: string, face: FaceName): EncodedRun[] {
    const runs: EncodedRun[] = [];
    let current: EncodedRun | undefined;
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        cp = text.codePointAt(i)!;
        i++;
      }
      const glyph = this.resolve(face, cp);
      const hex = this.hexFor(glyph, cp);
      if (current && current.face === glyph.face) current.hex += hex;
      else {
        current = { face: glyph.face, hex };
        runs.push(current);
      }
    }
    return runs;
  }

  private hexFor(glyph: ResolvedGlyph, codePoint: number): string {
    let cache = this.hexCache.get(glyph.face);
    if (!cache) {
      cache = new Map();
      this.hexCache.set(glyph.face, cache);
    }
    // Missing characters share .notdef; they are keyed by code point so each still gets recorded once.
    let hex = cache.get(codePoint);
    if (hex === undefined) {
      const subset = this.subsetFor(glyph.face);
      const subsetGid = subset.subset.includeGlyph(glyph.gid);
      if (!subset.unicode.has(subsetGid)) subset.unicode.set(subsetGid, glyph.gid === 0 ? 0xfffd : codePoint);
      subset.widths.set(subsetGid, glyph.width);
      hex = subsetGid.toString(16).padStart(4, '0');
      cache.set(codePoint, hex);
    }
    return hex;
  }

  private subsetFor(face: FaceName): FaceSubset {
    let subset = this.subsets.get(face);
    if (!subset) {
      const program = fontProgram(face);
      subset = { subset: new TrueTypeSubset(program.font), unicode: new Map(), widths: new Map([[0, program.advance(0)]]) };
      subset.unicode.set(0, 0xfffd);
      this.subsets.set(face, subset);
    }
    return subset;
  }

  /** Faces that drew at least one glyph, in a fixed order so resource names are stable. */
  usedFaces(): FaceName[] {
    return FACES.filter((f) => this.subsets.has(f));
  }

  subset(face: FaceName): FaceSubset | undefined {
    return this.subsets.get(face);
  }

  spaceWidth(style: Pick<TextStyle, 'face' | 'size'>): number {
    return (this.resolve(style.face, SPACE).width * style.size) / 1000;
  }
}
