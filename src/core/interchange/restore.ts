/*
 * Restoring a backup written by backup.ts into a new or empty folder. Everything is checked before the
 * library appears: every path is one a library may contain (no "../", no absolute paths), every file's bytes
 * match the hash and size recorded, library.json and every case.json are valid (migrated if older), a case
 * folder matches its case's id, and the file count matches, so a truncated backup is caught. The library is
 * built in a hidden folder beside the target and moved into place only when all of that holds; a folder that
 * is not empty is never written to.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CaseFile, LibraryFile } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { exists, fsyncDirectory, isErrno } from '../storage/durable-write';
import { cannotRead, openRegularFile } from '../storage/regular-file';
import { CASES_DIR, FILES_DIR, LIBRARY_FILE } from '../storage/library-store';
import { migrate } from '../storage/migrations';
import { BACKUP_FORMAT, BACKUP_VERSION, isLibraryPath, TEXT_FILES } from './backup';

export interface RestoreReport {
  dir: string;
  files: number;
  cases: number;
  attachments: number;
  warnings: string[];
}

class BackupError extends Error {}

/** Reads the backup line by line, calling `onFile` for each file's bytes as they come. */
async function readBackup(
  backup: fs.FileHandle,
  onFile: (entry: { path: string; size: number }) => Promise<{ write(bytes: Buffer): Promise<void>; close(): Promise<{ sha256: string; size: number }> }>,
): Promise<{ header: { createdAt?: string; library?: { id?: string; name?: string } }; files: number }> {
  const lines = createInterface({ input: backup.createReadStream({ encoding: 'utf8', autoClose: false }), crlfDelay: Infinity })[Symbol.asyncIterator]();
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
  // A named pipe or a device named as the backup is refused here, before it could block or never end.
  const { handle: backup } = await openRegularFile(backupFile, {
    describe: (problem) => (problem.kind === 'missing' ? new ApiError('NOT_FOUND', `There is no backup file at ${path.resolve(backupFile)}.`) : cannotRead(path.resolve(backupFile), problem)),
  });
  try {
    return await restoreFrom(backup, target);
  } finally {
    await backup.close();
  }
}

async function restoreFrom(backup: fs.FileHandle, target: string): Promise<RestoreReport> {
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
    const { files } = await readBackup(backup, async (entry) => {
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
