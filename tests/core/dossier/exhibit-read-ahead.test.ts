/*
 * Two changes made for speed and memory (bench/dossier.ts): the build reads the next exhibit's file while it imports
 * the current one, and compressed streams are held in arrays of their own size. Neither may change what a reader
 * gets: the same bytes, the exhibits in order, every page there.
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { deflateExact } from '../../../src/core/dossier/typesetting/render';
import { BUILD_DATE, caseWithAttachments, library, samplePdf } from './fixtures';
import { PdfReader } from './pdf-reader';

async function fourExhibits() {
  const files = await Promise.all(
    [3, 1, 2, 4].map(async (pages, i) => ({ id: `att-${i + 1}`, fileName: `exhibit-${i + 1}.pdf`, mediaType: 'application/pdf', bytes: await samplePdf(pages, `Exhibit file ${i + 1}`) })),
  );
  return { files, ...caseWithAttachments('Four exhibits', files) };
}

describe('reading exhibits ahead', () => {
  it('reads at most one file ahead, and files arriving in any order change nothing in the dossier', async () => {
    const { caseFile, readAttachment } = await fourExhibits();
    const options = { title: 'Read ahead', buildDate: BUILD_DATE };
    const plain = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, options);

    // Reads take different times, the first the slowest: a file read ahead arrives before the one being awaited.
    let inFlight = 0;
    let mostInFlight = 0;
    let calls = 0;
    const slow = async (caseId: string, sha: string) => {
      const delay = [40, 5, 25, 1][calls++ % 4];
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delay));
      inFlight--;
      return readAttachment(caseId, sha);
    };
    const ahead = await buildDossier({ library: library(), cases: [caseFile], readAttachment: slow }, options);

    expect(calls).toBe(4);
    expect(mostInFlight).toBe(2);
    expect(Buffer.from(ahead.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    const reader = await PdfReader.open(ahead.bytes);
    const exhibits = ahead.pageMap.filter((e) => e.kind === 'exhibit');
    expect(exhibits).toHaveLength(4);
    // Each exhibit's own pages, in the order of the case, carry the text of its own file.
    for (const [i, entry] of exhibits.entries()) expect(await reader.text(entry.endPage)).toContain(`Exhibit file ${i + 1}`);
    await reader.close();
  });

  it('a file that cannot be read is still reported as missing, whichever exhibit it is', async () => {
    const { caseFile, readAttachment, files } = await fourExhibits();
    const missing = (caseId: string, sha: string) => (sha === caseFile.sources[0].attachments[2].sha256 ? Promise.reject(new Error('EIO')) : readAttachment(caseId, sha));
    const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment: missing }, { title: 'Read ahead', buildDate: BUILD_DATE });
    expect(result.warnings.map((w) => w.code)).toEqual(['EXHIBIT_MISSING']);
    expect(result.warnings[0].message).toContain(files[2].fileName);
  });
});

describe('compressed streams', () => {
  it('are held in arrays of exactly their own length, and inflate back to the input', () => {
    const page = Buffer.from('BT /F1 10 Tf 72 700 Td (A line of a page) Tj ET\n'.repeat(60), 'latin1');
    const packed = deflateExact(page);
    // Node's deflateSync returns a short result as a view into a 16 KB block; that block must not be kept alive.
    expect(packed.buffer.byteLength).toBe(packed.byteLength);
    expect(packed.byteLength).toBeLessThan(page.length);
    expect(inflateSync(packed).equals(page)).toBe(true);
  });
});
