/*
 * A whole library as one JSON file, and back: `casefolio backup` and `casefolio restore`.
 *
 * The backup holds every file that makes the library, byte for byte, each with its size and SHA-256:
 * library.json and the library's journal, and for each case its case.json, its audit journal and its stored
 * files (base64). Derived or local things are left out: the text cache, rolling backups, the lock, temp files
 * and files set aside as damaged. A restore into an empty folder gives back identical bytes.
 *
 * Layout: valid JSON, written one entry (or one 6 MiB chunk of a file) per line, so neither writing nor
 * restoring ever holds a whole video in memory:
 *   {"format":"casefolio-backup","version":1,"createdAt":…,"library":{…},"files":[
 *   {"path":"library.json","size":…,"encoding":"utf8","text":"…","sha256":"…"},
 *   {"path":"cases/<id>/files/<sha256>","size":…,"encoding":"base64","chunks":[
 *   "…",
 *   "…"
 *   ],"sha256":"…"}
 *   ],"fileCount":N}
 *
 * restore.ts reads it back, checking everything before the library appears.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { LibraryFile, RecordId, Sha256 } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { JOURNAL_FILE } from '../evidence/journal';
import { exists, fsyncDirectory, isErrno, TEMP_SUFFIX } from '../storage/durable-write';
import { CHANGE_LOG, readAsSaved } from '../storage/change-log';
import { CASE_FILE, CASES_DIR, FILES_DIR, LIBRARY_FILE } from '../storage/library-store';

export const BACKUP_FORMAT = 'casefolio-backup';
export const BACKUP_VERSION = 1;
/** Bytes per base64 chunk (one line of the backup): small enough to hold in memory, large enough to be quick. */
const CHUNK_BYTES = 6 * 1024 * 1024;
export const TEXT_FILES = new Set([LIBRARY_FILE, JOURNAL_FILE, CASE_FILE]);

export interface BackupReport {
  file: string;
  files: number;
  bytes: number;
  cases: number;
  /** Files in the library folder that are not part of a backup (derived, local or unknown), relative paths. */
  left: string[];
  /** Things worth knowing about what was backed up (a stored file whose content no longer matches its name). */
  warnings: string[];
}

/** The relative paths a library may contain, and so the only ones a backup may name. */
export function isLibraryPath(relative: string): boolean {
  const parts = relative.split('/');
  if (parts.length === 1) return parts[0] === LIBRARY_FILE || parts[0] === JOURNAL_FILE;
  if (parts[0] !== CASES_DIR || !RecordId.safeParse(parts[1]).success) return false;
  if (parts.length === 3) return parts[2] === CASE_FILE || parts[2] === JOURNAL_FILE;
  return parts.length === 4 && parts[2] === FILES_DIR && Sha256.safeParse(parts[3]).success;
}

/** Every file a backup holds, in a stable order: library first, then each case's record, journal and files. */
async function libraryFiles(dir: string): Promise<{ files: string[]; left: string[] }> {
  const files: string[] = [];
  const left: string[] = [];
  const list = async (relative: string) => (await fs.readdir(path.join(dir, relative), { withFileTypes: true }).catch(() => [])).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of await list('.')) {
    if (entry.name === CASES_DIR && entry.isDirectory()) continue;
    (entry.isFile() && isLibraryPath(entry.name) ? files : left).push(entry.name + (entry.isDirectory() ? '/' : ''));
  }
  for (const folder of await list(CASES_DIR)) {
    const caseDir = `${CASES_DIR}/${folder.name}`;
    if (!folder.isDirectory() || !RecordId.safeParse(folder.name).success) {
      left.push(caseDir + (folder.isDirectory() ? '/' : ''));
      continue;
    }
    // case.json before the files it refers to: a file is stored before any record names it, so reading
    // the record first means every file it names is already there.
    for (const name of [CASE_FILE, JOURNAL_FILE]) if (await exists(path.join(dir, caseDir, name))) files.push(`${caseDir}/${name}`);
    for (const entry of await list(caseDir)) {
      // The change log is not left out: its saves are in the backed-up case.json (readAsSaved).
      if (entry.name === CASE_FILE || entry.name === JOURNAL_FILE || entry.name === CHANGE_LOG || (entry.name === FILES_DIR && entry.isDirectory())) continue;
      left.push(`${caseDir}/${entry.name}${entry.isDirectory() ? '/' : ''}`);
    }
    for (const entry of await list(`${caseDir}/${FILES_DIR}`)) {
      const relative = `${caseDir}/${FILES_DIR}/${entry.name}`;
      (entry.isFile() && isLibraryPath(relative) ? files : left).push(relative);
    }
  }
  return { files, left };
}

function isUtf8RoundTrip(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

/** Writes a backup of the library at `dir` to `outFile` (which must not exist yet); durable, never half-written. */
export async function writeBackup(dir: string, outFile: string, now: () => Date = () => new Date()): Promise<BackupReport> {
  const libraryDir = path.resolve(dir);
  let library: LibraryFile;
  try {
    library = LibraryFile.parse(JSON.parse(await fs.readFile(path.join(libraryDir, LIBRARY_FILE), 'utf8')));
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new ApiError('LIBRARY_NOT_FOUND', `No Casefolio library at ${libraryDir}.`);
    throw new ApiError('INVALID_INPUT', `The library’s library.json cannot be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); run "casefolio check --repair" first.`);
  }
  const target = path.resolve(outFile);
  if (await exists(target)) throw new ApiError('CONFLICT', `${target} already exists; choose another name for the backup.`);
  if (target.startsWith(libraryDir + path.sep)) throw new ApiError('INVALID_INPUT', 'Write the backup outside the library folder.');
  const { files, left } = await libraryFiles(libraryDir);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const report: BackupReport = { file: target, files: 0, bytes: 0, cases: 0, left, warnings: [] };
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    const header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now().toISOString(), library: { id: library.id, name: library.name } };
    await handle.write(`${JSON.stringify(header).slice(0, -1)},"files":[\n`);
    for (const [i, relative] of files.entries()) {
      const absolute = path.join(libraryDir, ...relative.split('/'));
      const hash = createHash('sha256');
      const last = i === files.length - 1 ? '' : ',';
      const stat = await fs.stat(absolute);
      if (TEXT_FILES.has(path.basename(relative))) {
        // A case's files as its saves left them, change log applied, even while a window has the library open.
        const bytes = relative.startsWith(`${CASES_DIR}/`) ? await readAsSaved(path.dirname(absolute), path.basename(absolute)) : await fs.readFile(absolute);
        const text = isUtf8RoundTrip(bytes);
        hash.update(bytes);
        if (text !== undefined) {
          await handle.write(`${JSON.stringify({ path: relative, size: bytes.length, encoding: 'utf8', text, sha256: hash.digest('hex') })}${last}\n`);
        } else {
          const chunks = bytes.length ? [`${JSON.stringify(bytes.toString('base64'))}\n`] : [];
          await handle.write(`${JSON.stringify({ path: relative, size: bytes.length, encoding: 'base64' }).slice(0, -1)},"chunks":[\n${chunks.join('')}],"sha256":"${hash.digest('hex')}"}${last}\n`);
        }
        report.bytes += bytes.length;
        if (path.basename(relative) === CASE_FILE) report.cases++;
      } else {
        await handle.write(`${JSON.stringify({ path: relative, size: stat.size, encoding: 'base64' }).slice(0, -1)},"chunks":[\n`);
        let size = 0;
        let first = true;
        // Each chunk is encoded on its own (a reader decodes chunk by chunk), so a short chunk is fine.
        for await (const chunk of createReadStream(absolute, { highWaterMark: CHUNK_BYTES })) {
          const buffer = chunk as Buffer;
          hash.update(buffer);
          size += buffer.length;
          await handle.write(`${first ? '' : ',\n'}${JSON.stringify(buffer.toString('base64'))}`);
          first = false;
        }
        const sha256 = hash.digest('hex');
        await handle.write(`${first ? '' : '\n'}],"sha256":"${sha256}"}${last}\n`);
        if (sha256 !== path.basename(relative)) report.warnings.push(`${relative}: its content no longer matches its name (SHA-256); it is backed up as it is. Run "casefolio verify".`);
        if (size !== stat.size) throw new ApiError('CONFLICT', `${relative} changed while it was being backed up; try again.`);
        report.bytes += size;
      }
      report.files++;
    }
    await handle.write(`],"fileCount":${files.length}}\n`);
    await handle.sync();
    await handle.close();
    await fs.rename(temp, target);
    await fsyncDirectory(path.dirname(target));
    return report;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
}
