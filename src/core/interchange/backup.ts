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
 *   ],"sha256":"…"},
 *   ],"fileCount":N}
 *
 * A restore checks everything before the library appears: every path is one a library may contain (no
 * "../", no absolute paths), every file's bytes match the hash recorded, library.json and every case.json
 * are valid, a case folder matches its case's id, and the file count matches (a truncated backup is caught).
 * It is built in a hidden folder beside the target and moved into place only when all of that holds; it
 * never writes into a folder that is not empty.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CaseFile, LibraryFile, RecordId, Sha256 } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { exists, fsyncDirectory, isErrno, TEMP_SUFFIX } from '../storage/durable-write';
import { CASE_FILE, CASES_DIR, FILES_DIR, LIBRARY_FILE } from '../storage/library-store';
import { migrate } from '../storage/migrations';
import { JOURNAL_FILE } from '../evidence/journal';

export const BACKUP_FORMAT = 'casefolio-backup';
export const BACKUP_VERSION = 1;
/** Bytes per base64 chunk (one line of the backup): small enough to hold in memory, large enough to be quick. */
const CHUNK_BYTES = 6 * 1024 * 1024;
const TEXT_FILES = new Set([LIBRARY_FILE, JOURNAL_FILE, CASE_FILE]);

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

export interface RestoreReport {
  dir: string;
  files: number;
  cases: number;
  attachments: number;
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
      if (entry.name === CASE_FILE || entry.name === JOURNAL_FILE || (entry.name === FILES_DIR && entry.isDirectory())) continue;
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
        const bytes = await fs.readFile(absolute);
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

class BackupError extends Error {}

/** Reads the backup line by line, calling `onFile` for each file's bytes as they come. */
async function readBackup(
  file: string,
  onFile: (entry: { path: string; size: number }) => Promise<{ write(bytes: Buffer): Promise<void>; close(): Promise<{ sha256: string; size: number }> }>,
): Promise<{ header: { createdAt?: string; library?: { id?: string; name?: string } }; files: number }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]();
  let lineNo = 0;
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new BackupError('the file ends too soon (it may have been cut off)');
    lineNo++;
    return value;
  };
  const fail = (what: string): never => {
    throw new BackupError(`line ${lineNo}: ${what}`);
  };
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return fail('it is not in the layout Casefolio writes (was the backup edited or reformatted?)');
    }
  };
  const first = await next();
  const opening = ',"files":[';
  if (!first.endsWith(opening)) fail('this is not a Casefolio backup');
  const header = parse(`${first.slice(0, -opening.length)}}`) as { format?: unknown; version?: unknown; createdAt?: string; library?: { id?: string; name?: string } };
  if (header.format !== BACKUP_FORMAT) fail('this is not a Casefolio backup');
  if (header.version !== BACKUP_VERSION) fail(`it is a backup in format version ${String(header.version)}, which this Casefolio cannot read`);
  let count = 0;
  for (;;) {
    const line = await next();
    const end = /^\],"fileCount":(\d+)\}$/.exec(line);
    if (end) {
      if (Number(end[1]) !== count) fail(`the backup says it holds ${end[1]} files but ${count} were read`);
      return { header, files: count };
    }
    const trimmed = line.replace(/,$/, '');
    let entry: { path?: unknown; size?: unknown; encoding?: unknown; text?: unknown; sha256?: unknown };
    let chunked = false;
    if (trimmed.endsWith('"chunks":[')) {
      entry = parse(`${trimmed.slice(0, -',"chunks":['.length)}}`) as typeof entry;
      chunked = true;
    } else entry = parse(trimmed) as typeof entry;
    if (typeof entry.path !== 'string' || typeof entry.size !== 'number') fail('an entry without a path and size');
    const relative = entry.path as string;
    if (!isLibraryPath(relative)) fail(`the path ${JSON.stringify(relative).slice(0, 120)} is not one a library contains; nothing was restored`);
    const sink = await onFile({ path: relative, size: entry.size as number });
    let sha256: unknown;
    if (chunked) {
      if (entry.encoding !== 'base64') fail(`${relative}: unknown encoding`);
      for (;;) {
        const chunkLine = await next();
        const close = /^\],"sha256":"([0-9a-f]{64})"\},?$/.exec(chunkLine);
        if (close) {
          sha256 = close[1];
          break;
        }
        const chunk = parse(chunkLine.replace(/,$/, ''));
        if (typeof chunk !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(chunk)) fail(`${relative}: a chunk that is not base64`);
        await sink.write(Buffer.from(chunk as string, 'base64'));
      }
    } else {
      if (entry.encoding !== 'utf8' || typeof entry.text !== 'string') fail(`${relative}: unknown encoding`);
      await sink.write(Buffer.from(entry.text as string, 'utf8'));
      sha256 = entry.sha256;
    }
    const written = await sink.close();
    if (written.sha256 !== sha256 || written.size !== entry.size) fail(`${relative}: its bytes do not match the hash and size recorded (the backup is damaged)`);
    count++;
  }
}

async function isEmptyFolder(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return true;
    if (isErrno(error, 'ENOTDIR')) return false;
    throw error;
  }
}

function validateJson(relative: string, bytes: Buffer): { kind: 'library' } | { kind: 'case'; file: CaseFile } {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BackupError(`${relative} is not valid JSON`);
  }
  const outcome = migrate(raw);
  if (outcome.kind === 'newer') throw new BackupError(`${relative} was written by a newer Casefolio (schema version ${outcome.version})`);
  if (outcome.kind === 'invalid') throw new BackupError(`${relative}: ${outcome.reason}`);
  if (path.posix.basename(relative) === LIBRARY_FILE) {
    const parsed = LibraryFile.safeParse(outcome.data);
    if (!parsed.success) throw new BackupError(`${relative} is not a valid library file (${parsed.error.issues[0]?.message})`);
    return { kind: 'library' };
  }
  const parsed = CaseFile.safeParse(outcome.data);
  if (!parsed.success) throw new BackupError(`${relative} is not a valid case file (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
  const folder = relative.split('/')[1];
  if (parsed.data.case.id !== folder) throw new BackupError(`${relative} holds case ${parsed.data.case.id}, not ${folder}`);
  return { kind: 'case', file: parsed.data };
}

/** Restores a backup into `targetDir`, which must be empty or not exist. Validates everything first. */
export async function restoreBackup(backupFile: string, targetDir: string): Promise<RestoreReport> {
  const target = path.resolve(targetDir);
  if (!(await isEmptyFolder(target))) throw new ApiError('CONFLICT', `${target} is not an empty folder; restore into a new or empty folder. Nothing was written.`);
  if (!(await exists(backupFile))) throw new ApiError('NOT_FOUND', `There is no backup file at ${path.resolve(backupFile)}.`);
  const parent = path.dirname(target);
  await fs.mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(target)}.restore-${randomBytes(6).toString('hex')}`);
  await fs.mkdir(staging);
  const warnings: string[] = [];
  const seen = new Set<string>();
  const cases: CaseFile[] = [];
  const stored = new Set<string>();
  let hasLibrary = false;
  let open: fs.FileHandle | undefined;
  try {
    const { files } = await readBackup(backupFile, async (entry) => {
      if (seen.has(entry.path)) throw new BackupError(`${entry.path} appears twice`);
      seen.add(entry.path);
      const destination = path.join(staging, ...entry.path.split('/'));
      // isLibraryPath has already refused anything that could leave the folder; this is a second lock.
      if (!destination.startsWith(staging + path.sep)) throw new BackupError(`${entry.path} would leave the library folder`);
      await fs.mkdir(path.dirname(destination), { recursive: true });
      const handle = await fs.open(destination, 'wx', 0o644);
      open = handle;
      const hash = createHash('sha256');
      const keep = TEXT_FILES.has(path.posix.basename(entry.path)) && entry.path.endsWith('.json');
      const kept: Buffer[] = [];
      let size = 0;
      return {
        write: async (bytes) => {
          hash.update(bytes);
          size += bytes.length;
          if (keep) kept.push(bytes);
          await handle.write(bytes);
        },
        close: async () => {
          await handle.sync();
          await handle.close();
          open = undefined;
          const sha256 = hash.digest('hex');
          if (keep) {
            const result = validateJson(entry.path, Buffer.concat(kept));
            if (result.kind === 'library') hasLibrary = true;
            else cases.push(result.file);
          }
          if (entry.path.split('/')[2] === FILES_DIR) {
            stored.add(entry.path);
            if (sha256 !== path.posix.basename(entry.path)) warnings.push(`${entry.path}: restored as it was backed up, but its content does not match its name (SHA-256); "casefolio verify" will report it.`);
          }
          return { sha256, size };
        },
      };
    });
    if (!hasLibrary) throw new BackupError('it has no library.json');
    let attachments = 0;
    for (const file of cases) {
      for (const a of file.sources.flatMap((s) => s.attachments)) {
        attachments++;
        if (!stored.has(`${CASES_DIR}/${file.case.id}/${FILES_DIR}/${a.sha256}`)) warnings.push(`the file “${a.fileName}” in case “${file.case.title}” was not in the backup (it was missing when the backup was made).`);
      }
    }
    await fs.mkdir(path.join(staging, CASES_DIR), { recursive: true });
    for (const dir of [path.join(staging, CASES_DIR), ...cases.map((c) => path.join(staging, CASES_DIR, c.case.id)), ...cases.map((c) => path.join(staging, CASES_DIR, c.case.id, FILES_DIR))]) {
      if (await exists(dir)) await fsyncDirectory(dir);
    }
    await fsyncDirectory(staging);
    if (!(await isEmptyFolder(target))) throw new ApiError('CONFLICT', `${target} stopped being empty during the restore; nothing was written to it.`);
    await fs.rmdir(target).catch((error) => {
      if (!isErrno(error, 'ENOENT')) throw error;
    });
    await fs.rename(staging, target);
    await fsyncDirectory(parent);
    return { dir: target, files, cases: cases.length, attachments, warnings };
  } catch (error) {
    await open?.close().catch(() => undefined);
    await fs.rm(staging, { recursive: true, force: true });
    if (error instanceof BackupError) throw new ApiError('INVALID_INPUT', `The backup cannot be restored: ${error.message}. Nothing was written.`);
    throw error;
  }
}
