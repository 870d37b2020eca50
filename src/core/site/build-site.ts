/*
 * `casefolio site <case> -o DIR`: a case as a read-only web site of plain files, to share on a USB stick or an
 * intranet and open in any browser without Casefolio: index.html (the case), chronology.html, sources.html,
 * notes.html, style.css, and files/ with a copy of each attached file under its original name (made safe,
 * unique). The folder is written whole or not at all (storage/new-folder.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CaseLibrary } from '../case-library';
import { uniqueFileName } from '../archive/safe-names';
import { attachmentPath } from '../services/attachments';
import { writeNewFolder, writeSynced } from '../storage/new-folder';
import { chronologyPage, notesPage, overviewPage, sourcesPage, STYLE_CSS, type SiteContext } from './pages';

export interface SiteReport {
  dir: string;
  pages: number;
  files: number;
}

export async function writeSite(lib: CaseLibrary, caseKey: string, options: { output: string; date?: string }): Promise<SiteReport> {
  const file = lib.requireCase(caseKey);
  const dir = path.resolve(options.output);
  const sources = file.sources.filter((s) => !s.deletedAt);
  const numbers = new Map(sources.map((s, i) => [s.id, `S${i + 1}`]));
  return writeNewFolder(dir, 'site', async (temp) => {
    const files = new Map<string, string>();
    const taken = new Set<string>();
    await fs.mkdir(path.join(temp, 'files'));
    for (const source of sources) {
      for (const attachment of source.attachments) {
        const stored = attachmentPath(lib, file.case.id, attachment.sha256);
        if (!(await fs.stat(stored).catch(() => undefined))) continue;
        const name = uniqueFileName(attachment.fileName, taken);
        await fs.copyFile(stored, path.join(temp, 'files', name));
        files.set(attachment.id, `files/${name}`);
      }
    }
    const ctx: SiteContext = { file, numbers, files, generated: options.date ?? lib.now().toISOString().slice(0, 10) };
    const pages: [string, string][] = [
      ['index.html', overviewPage(ctx)],
      ['chronology.html', chronologyPage(ctx)],
      ['sources.html', sourcesPage(ctx)],
      ['notes.html', notesPage(ctx)],
      ['style.css', STYLE_CSS],
    ];
    for (const [name, text] of pages) await writeSynced(path.join(temp, name), text);
    return { dir, pages: pages.length - 1, files: files.size };
  });
}
