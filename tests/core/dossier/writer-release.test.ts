import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { flateStream } from '../../../src/core/dossier/typesetting/render';
import { saveDocument } from '../../../src/core/dossier/writer';

/** A document of `pages` pages, each with its own compressed content stream (as the engine writes its own pages). */
async function pagesDocument(pages: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([300, 200]);
    page.node.set(PDFName.of('Contents'), doc.context.register(flateStream(doc.context, `q 0 0 1 rg 10 10 ${10 + i} 20 re f Q`)));
  }
  return doc;
}

const joined = (chunks: Uint8Array[]) => Buffer.concat(chunks);

describe('saving a dossier that lets its document go as it is written', () => {
  for (const classic of [false, true]) {
    it(`writes the same bytes, and leaves nothing held by the document (${classic ? 'PDF/A structure' : 'object streams'})`, async () => {
      const kept = await saveDocument(await pagesDocument(120), { classic });
      const released = await pagesDocument(120);
      const result = await saveDocument(released, { classic, release: true });
      expect(joined(result.chunks).equals(joined(kept.chunks))).toBe(true);
      expect(released.context.enumerateIndirectObjects()).toEqual([]);

      const file = path.join(mkdtempSync(path.join(tmpdir(), 'casefolio-writer-')), 'out.pdf');
      writeFileSync(file, joined(result.chunks));
      execFileSync('qpdf', ['--check', file]);
      expect(execFileSync('qpdf', ['--show-npages', file], { encoding: 'utf8' }).trim()).toBe('120');
    });
  }
});
