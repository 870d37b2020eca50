/*
 * A case's sources with their attached files, as a folder another reference manager takes in whole:
 *
 *   <dir>/<case-slug>.ris (or .json)   the sources; in RIS each file is an L1 line with its path relative to
 *                                      the file, which Zotero's RIS import attaches
 *   <dir>/files/S<n>/<name>            each source's attached files, byte for byte
 *   <dir>/SHA256SUMS                   every file's SHA-256, as `sha256sum -c SHA256SUMS` checks them
 *
 * The folder is built beside its destination under a temporary name and renamed into place when complete,
 * so a failure leaves no half-written export; an existing destination is never written into.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceRecord } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { CaseLibrary } from '../case-library';
import { displayFileName, readAttachment } from '../services/attachments';
import { exists } from '../storage/durable-write';
import { formatCslJson } from './formats';
import { formatRis } from './ris';

/** A file name safe on Windows, macOS and Linux: the display name without characters any of them refuses. */
function portableName(name: string, taken: Set<string>): string {
  const clean = displayFileName(name).replace(/[<>:"/\\|?*]/g, '_').replace(/[. ]+$/, '') || 'attachment';
  const ext = path.extname(clean).slice(0, 16);
  const stem = clean.slice(0, clean.length - ext.length).slice(0, 100) || 'attachment';
  let candidate = `${stem}${ext}`;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export async function exportBundle(lib: CaseLibrary, caseKey: string, format: 'ris' | 'csl-json', dir: string): Promise<{ dir: string; file: string; sources: number; files: number }> {
  const caseFile = lib.requireCase(caseKey);
  const target = path.resolve(dir);
  if (await exists(target)) throw new ApiError('CONFLICT', `${target} already exists; name a new folder for the export.`);
  const sources: SourceRecord[] = caseFile.sources
    .filter((s) => !s.deletedAt)
    // The paths of files an earlier RIS import named belong to the program that wrote them; this export names its own.
    .map((s) => (s.extra?.['ris:L1'] ? { ...s, extra: Object.fromEntries(Object.entries(s.extra).filter(([k]) => k !== 'ris:L1')) } : s));
  const partial = `${target}.partial-${process.pid}-${Date.now().toString(36)}`;
  const files = new Map<string, string[]>();
  const sums: string[] = [];
  try {
    await mkdir(partial, { recursive: true });
    for (const [i, source] of sources.entries()) {
      const taken = new Set<string>();
      for (const attachment of source.attachments) {
        const bytes = await readAttachment(lib, caseFile.case.id, attachment.sha256);
        if (!bytes) throw new ApiError('NOT_FOUND', `The file “${attachment.fileName}” of “${source.title}” is missing from the case folder; run "casefolio check".`);
        const relative = `files/S${i + 1}/${portableName(attachment.fileName, taken)}`;
        await mkdir(path.join(partial, 'files', `S${i + 1}`), { recursive: true });
        await writeFile(path.join(partial, relative), bytes, { flag: 'wx' });
        files.set(source.id, [...(files.get(source.id) ?? []), relative]);
        sums.push(`${attachment.sha256}  ${relative}`);
      }
    }
    const name = `${caseFile.case.slug}.${format === 'ris' ? 'ris' : 'json'}`;
    await writeFile(path.join(partial, name), format === 'ris' ? formatRis(sources, files) : formatCslJson(sources), { flag: 'wx' });
    if (sums.length) await writeFile(path.join(partial, 'SHA256SUMS'), `${sums.join('\n')}\n`, { flag: 'wx' });
    await rename(partial, target);
    return { dir: target, file: path.join(target, name), sources: sources.length, files: sums.length };
  } catch (error) {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof ApiError) throw error;
    throw new ApiError('IO_ERROR', `Cannot write the export to ${target} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}
