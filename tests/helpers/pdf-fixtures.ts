/* Test PDFs made with pdf-lib: several pages of known text, optionally with printed page labels. */
import { PDFDocument, PDFName, PDFNumber, PDFString, StandardFonts, type PDFRef } from 'pdf-lib';

export interface LabelRange {
  /** 0-based index of the first page the range covers. */
  from: number;
  /** D decimal, r/R roman, a/A letters (PDF 32000-1 §12.4.2). */
  style?: 'D' | 'r' | 'R' | 'a' | 'A';
  prefix?: string;
  start?: number;
}

export async function pdfWithPages(pages: string[], labels?: LabelRange[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([420, 595]);
    text.split('\n').forEach((line, i) => page.drawText(line, { x: 40, y: 540 - i * 16, size: 11, font }));
  }
  if (labels) {
    const nums = labels.flatMap((r) => {
      const dict = doc.context.obj({});
      if (r.style) dict.set(PDFName.of('S'), PDFName.of(r.style));
      if (r.prefix) dict.set(PDFName.of('P'), PDFString.of(r.prefix));
      if (r.start !== undefined) dict.set(PDFName.of('St'), PDFNumber.of(r.start));
      return [PDFNumber.of(r.from), dict];
    });
    doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: doc.context.obj(nums) }));
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * A 2 KB "page-tree bomb": one real page, referenced ten times by each of `levels` nested page-tree nodes,
 * so the file genuinely has 10^levels pages for a reader that walks it.
 */
export async function pdfPageTreeBomb(levels = 6): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  page.drawText('the only page');
  let child: PDFRef = page.ref;
  let count = 1;
  for (let level = 0; level < levels; level++) {
    count *= 10;
    child = doc.context.register(doc.context.obj({ Type: 'Pages', Kids: Array(10).fill(child), Count: count }));
  }
  doc.catalog.Pages().set(PDFName.of('Kids'), doc.context.obj([child]));
  doc.catalog.Pages().set(PDFName.of('Count'), PDFNumber.of(count));
  return doc.save({ useObjectStreams: false });
}
