/*
 * The baseline the dossier engine is measured against: the straightforward pdf-lib way of setting the same text —
 * measure each word with font.widthOfTextAtSize, wrap greedily, draw each line with page.drawText — on the same
 * A4 frame, type size and leading, until it has filled the same number of pages.
 */
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);
const FRAME = { left: 72, right: 529.28, top: 763.89, bottom: 74 };
const SIZE = 10.5;
const LEADING = 15;

/** Characters outside WinAnsi, which the standard fonts cannot encode, replaced for the standard-font run. */
const toWinAnsi = (text: string) => text.replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d]/g, '?');

export async function naiveDossier(paragraphs: string[], pages: number, font: 'embedded' | 'standard'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  let face: PDFFont;
  if (font === 'embedded') {
    doc.registerFontkit(fontkit);
    face = await doc.embedFont(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')), { subset: true });
  } else {
    face = await doc.embedFont(StandardFonts.TimesRoman);
  }
  const space = face.widthOfTextAtSize(' ', SIZE);
  let page = doc.addPage([595.28, 841.89]);
  let y = FRAME.top;
  let made = 1;
  const newLine = () => {
    y -= LEADING;
    if (y < FRAME.bottom) {
      if (made === pages) return false;
      page = doc.addPage([595.28, 841.89]);
      made++;
      y = FRAME.top;
    }
    return true;
  };
  for (let i = 0; ; i++) {
    const text = font === 'standard' ? toWinAnsi(paragraphs[i % paragraphs.length]) : paragraphs[i % paragraphs.length];
    let line = '';
    let width = 0;
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const w = face.widthOfTextAtSize(word, SIZE);
      if (line && width + space + w > FRAME.right - FRAME.left) {
        page.drawText(line, { x: FRAME.left, y, size: SIZE, font: face });
        if (!newLine()) return doc.save({ objectsPerTick: Infinity });
        line = word;
        width = w;
      } else {
        line = line ? `${line} ${word}` : word;
        width += (line === word ? 0 : space) + w;
      }
    }
    if (line) {
      page.drawText(line, { x: FRAME.left, y, size: SIZE, font: face });
      if (!newLine()) return doc.save({ objectsPerTick: Infinity });
    }
    if (!newLine()) return doc.save({ objectsPerTick: Infinity });
  }
}
