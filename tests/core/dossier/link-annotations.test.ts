import { PDFDocument, PDFName, PDFNull, PDFNumber, type PDFContext, type PDFDict } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Assembly } from '../../../src/core/dossier/assemble';
import { linkAnnotations } from '../../../src/core/dossier/navigation';

/** The text pdf-lib writes for the annotation the engine made before it held them as text. */
function pdfLibText(context: PDFContext, rect: number[], dest: unknown[], printable: boolean): string {
  const dict = context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0] }) as PDFDict;
  if (printable) dict.set(PDFName.of('F'), PDFNumber.of(4));
  dict.set(PDFName.of('Dest'), context.obj(dest as never));
  return dict.toString();
}

describe('link annotations held as text', () => {
  for (const printable of [false, true]) {
    it(`are what pdf-lib would write for them, to our pages and to merged exhibit pages (${printable ? 'PDF/A' : 'plain'})`, async () => {
      const doc = await PDFDocument.create();
      const own = doc.addPage();
      const exhibit = doc.addPage();
      const assembly = {
        pages: [{ kind: 'own' }, { kind: 'imported' }],
        anchors: new Map([
          ['note', { page: 0, y: 611.456 }],
          ['exhibit', { page: 1, y: 900 }],
        ]),
      } as unknown as Assembly;
      const d = { context: doc.context, assembly, pageRefs: [own.ref, exhibit.ref] };
      const links = [
        { x1: 72.004, y1: 700.5, x2: 180.333, y2: 712.125, target: { kind: 'dest' as const, anchor: 'note' } },
        { x1: -0.001, y1: 10, x2: 20, y2: 30, target: { kind: 'dest' as const, anchor: 'exhibit' } },
        { x1: 1, y1: 2, x2: 3, y2: 4, target: { kind: 'dest' as const, anchor: 'nowhere' } },
      ];
      const refs = linkAnnotations(d, links, { printable });
      expect(refs).toHaveLength(2);
      const text = refs.map((ref) => doc.context.lookup(ref)!.toString());
      expect(text[0]).toBe(pdfLibText(doc.context, [72, 700.5, 180.33, 712.13], [own.ref, PDFName.of('XYZ'), PDFNull, 611, PDFNull], printable));
      expect(text[1]).toBe(pdfLibText(doc.context, [0, 10, 20, 30], [exhibit.ref, PDFName.of('Fit')], printable));
    });
  }
});
