/*
 * The engine's own TrueType reader and subsetter (typesetting/truetype.ts, truetype-subset.ts) against fontkit,
 * which the engine used before: on every DejaVu face the dossier embeds, the same metrics, the same glyph for
 * every code point of the Basic Multilingual Plane and the next, the same advances, and byte-identical subsets —
 * so dossiers are byte-identical to fontkit's. Then a subset through pdf-lib into a PDF, rendered and extracted
 * back by poppler, shows and reads as the text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { Font as FontkitFont, Subset as FontkitSubset } from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { TrueTypeFace } from '../../../src/core/dossier/typesetting/truetype';
import { TrueTypeSubset } from '../../../src/core/dossier/typesetting/truetype-subset';
import { FontSet } from '../../../src/core/dossier/typesetting/fonts';
import { embedFonts, fontResourceName } from '../../../src/core/dossier/typesetting/font-embed';

const requireFromHere = createRequire(import.meta.url);
const FACES = [
  'DejaVuSerif.ttf',
  'DejaVuSerif-Bold.ttf',
  'DejaVuSerif-Italic.ttf',
  'DejaVuSerif-BoldItalic.ttf',
  'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf',
  'DejaVuSans-BoldOblique.ttf',
  'DejaVuSansMono.ttf',
  // Not embedded by the engine, but a different shape of file: short loca offsets, a format 4 character map only.
  'DejaVuSans-ExtraLight.ttf',
];
const fontBytes = (file: string) => readFileSync(requireFromHere.resolve(`dejavu-fonts-ttf/ttf/${file}`));

function fontkitSubsetBytes(subset: FontkitSubset): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  return new Promise((resolve) => subset.encodeStream().on('data', (chunk: Uint8Array) => parts.push(chunk)).on('end', () => resolve(Buffer.concat(parts))));
}

describe.each(FACES)('%s read without fontkit', (file) => {
  const bytes = fontBytes(file);
  const reference = fontkit.create(bytes) as FontkitFont;
  const face = new TrueTypeFace(bytes);

  it('has fontkit’s metrics and names', () => {
    const fields = ['unitsPerEm', 'ascent', 'descent', 'capHeight', 'xHeight', 'italicAngle', 'postscriptName'] as const;
    for (const field of fields) expect(face[field], field).toBe(reference[field]);
    expect(face.bbox).toEqual({ ...reference.bbox });
    expect(face.postscriptName).toMatch(/^DejaVu/);
  });

  it('maps every code point below U+30000 to fontkit’s glyph, and gives every glyph fontkit’s advance', () => {
    const differing: string[] = [];
    for (let codePoint = 0; codePoint < 0x30000; codePoint++) {
      const expected = reference.hasGlyphForCodePoint(codePoint) ? reference.glyphForCodePoint(codePoint).id : 0;
      if (face.glyphForCodePoint(codePoint) !== expected) differing.push(codePoint.toString(16));
    }
    expect(differing).toEqual([]);
    expect(face.glyphForCodePoint(0x41)).toBeGreaterThan(0);
    expect(face.glyphForCodePoint(0x10ffff)).toBe(0);
    for (let gid = 0; gid < face.numGlyphs; gid += 7) expect(face.advanceWidth(gid)).toBe(reference.getGlyph(gid).advanceWidth);
  });

  it('writes the same subset bytes as fontkit, composite glyphs and all', async () => {
    const texts = ['Sarah Everard — “Ελληνικά”, кириллица, ½ № ∑ ﬁ', 'ÀÉÎÕÜ àéîõü ǅ Ǆ ǲ ḗ ṩ ẫ ự', ' '];
    const glyphSets = [...texts.map((text) => [...text].map((ch) => reference.glyphForCodePoint(ch.codePointAt(0)!).id)), Array.from({ length: face.numGlyphs }, (_, gid) => gid)];
    for (const gids of glyphSets) {
      const theirs = reference.createSubset();
      const ours = new TrueTypeSubset(face);
      for (const gid of gids) expect(ours.includeGlyph(gid)).toBe(theirs.includeGlyph(gid));
      const expected = await fontkitSubsetBytes(theirs);
      const written = ours.encode();
      expect(written.length).toBe(expected.length);
      expect(Buffer.from(written).equals(expected)).toBe(true);
    }
    // The font file is not changed by renumbering a composite glyph's components in the subset.
    expect(Buffer.from(face.bytes).equals(fontBytes(file))).toBe(true);
  });
});

describe('a subset embedded by the engine', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'casefolio-truetype-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders and extracts as the text it was made from', async () => {
    const text = 'Ǆ Règlement «Ελληνικά» — кириллица ½';
    const fonts = new FontSet();
    const runs = fonts.encode(text, 'serif');
    const doc = await PDFDocument.create();
    const page = doc.addPage([400, 80]);
    const refs = await embedFonts(doc.context, fonts, new Map());
    for (const [face, ref] of refs) page.node.setFontDictionary(fontResourceName(face), ref);
    const operators = runs.map((run) => `${fontResourceName(run.face).toString()} 14 Tf <${run.hex}> Tj`).join(' ');
    page.node.addContentStream(doc.context.register(doc.context.stream(`BT 10 30 Td ${operators} ET`)));
    const file = path.join(dir, 'subset.pdf');
    writeFileSync(file, await doc.save());

    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).trim()).toBe(text);
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/[A-Z]{6}\+DejaVuSerif\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    // Rendered by poppler (a grey map, P5), the line has ink: the glyph programs in the subset draw.
    const pgm = execFileSync('pdftoppm', ['-r', '72', '-gray', file]);
    const pixels = pgm.subarray(pgm.length - 400 * 80);
    const inked = pixels.filter((value) => value < 128).length;
    expect(inked).toBeGreaterThan(500);
  });
});
