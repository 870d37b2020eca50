/*
 * PDF/A-1b dossiers, checked by a real validator: Apache PDFBox's preflight (Debian's libpdfbox2-java, installed
 * by .ci/run), which validates the whole file against ISO 19005-1 level B.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { AttachmentStore, BUILD_DATE, articleCases, caseWithAttachments, library, samplePdf, samplePng } from './fixtures';
import { tempDir } from '../../helpers/temp-library';

const run = promisify(execFile);
const JARS = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((j) => `/usr/share/java/${j}.jar`);

/** preflight's verdict: valid, or the list of rule violations it printed. */
async function preflight(bytes: Uint8Array): Promise<{ valid: boolean; errors: string[] }> {
  const file = path.join(await tempDir(), 'dossier.pdf');
  await writeFile(file, bytes);
  const out = await run('java', ['-cp', JARS.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file]).then(
    (r) => r.stdout + r.stderr,
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
  const valid = /is a valid PDF\/A-1b file/.test(out);
  return { valid, errors: valid ? [] : out.split('\n').filter((l) => /^\d+(\.\d+)* : /.test(l)) };
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** A vector-only PDF (no fonts, no annotations): nothing in it breaks PDF/A-1. */
async function vectorPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595.28, 841.89]);
  page.drawRectangle({ x: 72, y: 600, width: 200, height: 100, color: rgb(0.2, 0.4, 0.8) });
  return doc.save();
}

describe('PDF/A-1b dossiers', () => {
  it('the sample dossier with PDF and image exhibits validates as PDF/A-1b, and rebuilds byte for byte', async () => {
    const store = new AttachmentStore();
    const cases = articleCases(store);
    const extra = caseWithAttachments('Scanned plan (fictional)', [
      { id: 'att-plan', fileName: 'plan.pdf', mediaType: 'application/pdf', bytes: await vectorPdf() },
      { id: 'att-photo', fileName: 'photo.png', mediaType: 'image/png', bytes: samplePng() },
    ]);
    const input = {
      library: library(),
      cases: [...cases, extra.caseFile],
      readAttachment: async (caseId: string, sha: string) => (await store.read(caseId, sha)) ?? extra.readAttachment(caseId, sha),
    };
    const options = { title: 'The Met: an archival dossier', buildDate: BUILD_DATE, bates: { prefix: 'MET' }, marking: 'CONFIDENTIAL', pdfa: true };
    const result = await buildDossier(input, options);
    expect(result.warnings.filter((w) => w.code === 'EXHIBIT_NOT_PDFA')).toEqual([]);
    expect(result.pageMap.filter((e) => e.kind === 'exhibit').length).toBeGreaterThanOrEqual(2);

    const verdict = await preflight(result.bytes);
    expect(verdict.errors).toEqual([]);
    expect(verdict.valid).toBe(true);

    const text = latin1(result.bytes);
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text).toContain('<pdfaid:part>1</pdfaid:part>');
    expect(text).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">The Met: an archival dossier</rdf:li></rdf:Alt></dc:title>');
    expect(text).toContain(`<xmp:CreateDate>${BUILD_DATE}T00:00:00Z</xmp:CreateDate>`);
    expect(text).toMatch(/\/OutputConditionIdentifier \(sRGB IEC61966-2.1\)/);
    expect(text).not.toContain('/Encrypt');

    const again = await buildDossier(input, options);
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(result.bytes))).toBe(0);
  }, 120_000);

  it('an ordinary dossier is not PDF/A, so the check is not vacuous', async () => {
    const store = new AttachmentStore();
    const result = await buildDossier({ library: library(), cases: articleCases(store), readAttachment: store.read }, { title: 'Not archival', buildDate: BUILD_DATE });
    const verdict = await preflight(result.bytes);
    expect(verdict.valid).toBe(false);
    expect(latin1(result.bytes)).not.toContain('pdfaid');
  }, 120_000);

  it('names an exhibit that breaks PDF/A-1 (a font not embedded) and then does not claim conformance', async () => {
    const helvetica = await samplePdf(2, 'Letter with a standard font');
    const { caseFile, readAttachment } = caseWithAttachments('A letter (fictional)', [
      { id: 'att-letter', fileName: 'letter.pdf', mediaType: 'application/pdf', bytes: helvetica },
      { id: 'att-plan', fileName: 'plan.pdf', mediaType: 'application/pdf', bytes: await vectorPdf() },
    ]);
    const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'Mixed exhibits', buildDate: BUILD_DATE, pdfa: true });
    const warnings = result.warnings.filter((w) => w.code === 'EXHIBIT_NOT_PDFA');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].exhibit).toBe('EV-1');
    expect(warnings[0].attachmentId).toBe('att-letter');
    expect(warnings[0].message).toContain('fonts that are not embedded');
    const text = latin1(result.bytes);
    expect(text).not.toContain('pdfaid:part');
    // The file is still whole: the letter's pages are in it, and the validator objects to the font, as warned.
    const verdict = await preflight(result.bytes);
    expect(verdict.valid).toBe(false);
    expect(verdict.errors.join('\n')).toMatch(/Helvetica|font/i);
  }, 120_000);

  it('names an image with transparency', async () => {
    const { encodePng } = await import('./fixtures');
    const withAlpha = encodePng({ width: 40, height: 30, colorType: 6, bitDepth: 8, sample: (x, _y, c) => (c === 3 ? x * 6 : 120) });
    const { caseFile, readAttachment } = caseWithAttachments('A logo (fictional)', [{ id: 'att-logo', fileName: 'logo.png', mediaType: 'image/png', bytes: withAlpha }]);
    const result = await buildDossier({ library: library(), cases: [caseFile], readAttachment }, { title: 'A logo', buildDate: BUILD_DATE, pdfa: true });
    const warning = result.warnings.find((w) => w.code === 'EXHIBIT_NOT_PDFA');
    expect(warning?.message).toMatch(/EV-1 .*transparency/);
  }, 180_000);
});
