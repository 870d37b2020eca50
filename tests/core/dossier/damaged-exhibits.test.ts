/*
 * A damaged exhibit never stops an export: whatever is wrong inside a PDF, it is either bundled or replaced by a
 * placeholder page with a warning (or, when its pages cannot be copied but pdf.js can show them, bundled as
 * pictures of its pages with a warning). Beside the named cases in dossier.test.ts (cut short, encrypted, not a PDF),
 * mutated copies of real structures: bytes overwritten, tokens inserted (which moves every object after them, so
 * the cross-reference points at the wrong places), each one built into a dossier.
 */
import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { BUILD_DATE, library, mutate, oneExhibitCase, random, samplePdf } from './fixtures';
import { bookmarkedPdf, handWritten, hybridPdf, stream } from './hand-written-pdf';
import { PdfReader } from './pdf-reader';

async function build(bytes: Uint8Array) {
  const { caseFile, readAttachment } = oneExhibitCase(bytes, 'A damaged report');
  return buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Damaged', buildDate: BUILD_DATE });
}

describe('a damaged PDF exhibit', () => {
  it('whose page list pdf-lib loads but cannot walk gets a placeholder, and the export goes on', async () => {
    // /Kids is a number, not an array of pages: raw-pdf refuses the file, and pdf-lib's repair cannot list its pages.
    const bytes = handWritten(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids 3 /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>', stream('')]);
    const result = await build(bytes);
    expect(result.warnings.map((w) => w.code)).toEqual(['EXHIBIT_DAMAGED']);
    expect(result.warnings[0].message).toContain('its list of pages cannot be read');
    const reader = await PdfReader.open(result.bytes);
    const texts = await Promise.all(Array.from({ length: reader.pageCount }, (_, i) => reader.text(i + 1)));
    expect(texts.some((t) => t.includes('This exhibit could not be included'))).toBe(true);
    await reader.close();
  });

  it('is bundled or replaced by a placeholder, whatever bytes are changed in it', async () => {
    const outcomes = new Set<string>();
    for (const [name, file] of [
      ['hand-written, with bookmarks', bookmarkedPdf()],
      ['hybrid-reference', hybridPdf()],
      ['pdf-lib, compressed', await samplePdf(2, 'Mutated')],
    ] as const) {
      const next = random(20261201);
      for (let run = 0; run < 30; run++) {
        const result = await build(mutate(file, next));
        const exhibit = result.pageMap.find((e) => e.kind === 'exhibit')!;
        // Included as it is without a word, or as pictures of its pages (rendered by pdf.js) with one warning.
        if (exhibit.exhibit?.included) expect(result.warnings.map((w) => w.code)).toEqual(exhibit.exhibit.warning ? ['EXHIBIT_RENDERED'] : []);
        else expect(result.warnings.map((w) => w.code)).toEqual([exhibit.exhibit?.warning]);
        outcomes.add(`${name}: ${exhibit.exhibit?.included ? 'included' : 'placeholder'}`);
        if (exhibit.exhibit?.warning) outcomes.add(exhibit.exhibit.warning);
      }
    }
    // The uncompressed files were both bundled and refused, so the changes reached their structure, not only the
    // text on their pages; a change to the compressed one nearly always breaks a stream, which is "damaged".
    for (const name of ['hand-written, with bookmarks', 'hybrid-reference']) {
      expect(outcomes).toContain(`${name}: included`);
      expect(outcomes).toContain(`${name}: placeholder`);
    }
    expect(outcomes).toContain('pdf-lib, compressed: placeholder');
    expect(outcomes).toContain('EXHIBIT_DAMAGED');
    // Generous: each file pdf-lib cannot parse is also tried in pdf.js's renderer, a worker of its own.
  }, 600_000);
});
