/*
 * An exhibit's file is read and hashed once per export: the integrity appendix's custody check reports the digest
 * of the bytes the build read and put in the dossier, not a read of its own made at another moment. A file altered
 * between two reads would otherwise be shown as intact in the custody table while the exhibit was left out as
 * altered (or the other way round).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDossier } from '../../../src/core/dossier/export';
import type { DossierProgress } from '../../../src/core/dossier/types';
import { PdfReader } from './pdf-reader';
import { tempLibrary } from '../../helpers/temp-library';

const squash = (s: string) => s.replace(/\s+/g, '');

async function caseWithThreeFiles() {
  const { lib, api } = await tempLibrary();
  const c = await api['cases:create']({ fields: { title: 'Hashes', slug: 'hashes' } });
  const s = await api['sources:create']({ caseId: c.id, fields: { title: 'Report', kind: 'official-report' } });
  const files: { sha256: string }[] = [];
  for (const name of ['first.txt', 'second.txt', 'third.txt']) {
    files.push(await api['attachments:add']({ caseId: c.id, sourceId: s.id, fileName: name, contentBase64: Buffer.from(`the text of ${name}`).toString('base64') }));
  }
  await lib.settled();
  return { lib, stored: (i: number) => path.join(lib.read.filesDir(c.id), files[i].sha256) };
}

/** The dossier compiled, `alter` called on each progress report; its integrity appendix's text, squashed. */
async function appendixText(lib: Awaited<ReturnType<typeof caseWithThreeFiles>>['lib'], alter: (p: DossierProgress) => void) {
  const input = { cases: ['hashes'], buildDate: '2026-01-02' } as Parameters<typeof compileDossier>[1];
  const result = await compileDossier(lib, input, alter);
  const integrity = result.pageMap.find((e) => e.kind === 'integrity')!;
  const pdf = await PdfReader.open(result.bytes);
  const text: string[] = [];
  for (let p = integrity.startPage; p <= integrity.endPage; p++) text.push(...(await pdf.items(p)).map((i) => i.str));
  await pdf.close();
  return { warnings: result.warnings.map((w) => `${w.code} ${w.exhibit}`), appendix: squash(text.join('')) };
}

describe('the exhibits’ files in the integrity appendix', () => {
  it('reports a file altered before the build read it as changed, as the exhibit left out says', async () => {
    const { lib, stored } = await caseWithThreeFiles();
    let altered = false;
    // The second file's read starts once the first exhibit's import is reported: altered just before it.
    const { warnings, appendix } = await appendixText(lib, (p) => {
      if (p.phase !== 'exhibits' || altered) return;
      writeFileSync(stored(1), 'altered while the dossier was being built');
      altered = true;
    });
    expect(warnings).toEqual(['EXHIBIT_HASH_MISMATCH EV-2']);
    expect(appendix).toContain(squash('1 of 3 files not intact: second.txt (EV-2): changed since it was added'));
    expect(appendix).toContain(squash('Placeholder'));
  });

  it('reports the bytes the build used when a file is altered after it was read', async () => {
    const { lib, stored } = await caseWithThreeFiles();
    let altered = false;
    const { warnings, appendix } = await appendixText(lib, (p) => {
      if (p.phase !== 'layout' || altered) return;
      writeFileSync(stored(2), 'altered after the dossier read it');
      altered = true;
    });
    expect(altered).toBe(true);
    expect(warnings).toEqual([]);
    expect(appendix).toContain(squash('All 3 files intact.'));
  });
});
