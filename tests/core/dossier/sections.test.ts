import { describe, expect, it } from 'vitest';
import { buildDossier } from '../../../src/core/dossier';
import { AttachmentStore, BUILD_DATE, articleCases, emptyCase, library } from './fixtures';
import { PdfReader } from './pdf-reader';

describe('choosing sections', () => {
  it('includes only the chosen parts, in the fixed order, and no contents entry for parts left out', async () => {
    const store = new AttachmentStore();
    const result = await buildDossier(
      { library: library(), cases: articleCases(store), readAttachment: store.read },
      { title: 'Chronologies only', buildDate: BUILD_DATE, sections: ['integrity', 'chronology', 'contents'] },
    );
    expect(result.pageMap.filter((e) => e.level === 1).map((e) => e.kind)).toEqual(['contents', 'case', 'case', 'case', 'case', 'integrity']);
    expect(result.pageMap.some((e) => ['summary', 'sources', 'notes', 'exhibit'].includes(e.kind))).toBe(false);
    const pdf = await PdfReader.open(result.bytes);
    const all = (await Promise.all(Array.from({ length: pdf.pageCount }, (_, i) => pdf.text(i + 1)))).join('\n');
    expect(all).toContain('Exhibits were not included in this dossier.');
    // Without a sources list, references to sources are printed but not linked.
    expect(all).toContain('[S1, para. 9]');
    await pdf.close();
  });

  it('lays out a case with no sources, events or notes, and leaves out an empty index of tags', async () => {
    const result = await buildDossier({ library: library(), cases: [emptyCase()], readAttachment: async () => undefined }, { title: 'Empty', buildDate: BUILD_DATE });
    expect(result.pageMap.map((e) => e.kind)).not.toContain('tag-index');
    expect(result.warnings).toEqual([]);
    const pdf = await PdfReader.open(result.bytes);
    const text = await pdf.text(result.pageMap.find((e) => e.kind === 'case')!.startPage);
    expect(text).toContain('No sources are recorded for this case.');
    expect(text).toContain('No events are recorded for this case.');
    await pdf.close();
  });

  it('reports progress through each phase, ending with the save', async () => {
    const store = new AttachmentStore();
    const phases: string[] = [];
    await buildDossier(
      { library: library(), cases: articleCases(store), readAttachment: store.read },
      { title: 'Progress', buildDate: BUILD_DATE, onProgress: (p) => phases.push(`${p.phase}:${p.done}/${p.total}`) },
    );
    expect(phases[0]).toBe('exhibits:0/1');
    expect(phases).toContain('layout:1/1');
    expect(phases.at(-1)).toBe('save:1/1');
  });
});
