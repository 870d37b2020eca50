/*
 * Opening a file a person named by its path (the command line's attach, import, restore) so that nothing hangs
 * and nothing endless is read. A named pipe (FIFO) would block the open until another program writes to it, and
 * a device such as /dev/zero never ends: the path is opened non-blocking and checked with fstat on the opened
 * handle, so anything but a regular file is refused at once, and what was checked is what is read.
 */
import { constants, promises as fs } from 'node:fs';
import { ApiError } from '../../shared/errors';
import { isErrno } from './durable-write';

export interface OpenedFile {
  handle: fs.FileHandle;
  size: number;
}

/** Why a path could not be opened as a regular file. */
export type OpenProblem =
  | { kind: 'missing' | 'denied' | 'link' }
  | { kind: 'failed'; code: string }
  | { kind: 'not-a-file'; what: 'folder' | 'pipe' | 'device' | 'socket' | 'other' };

export interface OpenOptions {
  /** Refuse a symbolic link (O_NOFOLLOW: a link swapped in after a check cannot slip through either). */
  noFollow?: boolean;
  /** The error to throw for a problem; by default "Cannot read <path>: …". */
  describe?: (problem: OpenProblem) => ApiError | Promise<ApiError>;
}

const NOT_A_FILE = {
  folder: 'it is a folder, not a file',
  pipe: 'it is a named pipe (FIFO), not a file; save what comes through it to a file and use that',
  device: 'it is a device (such as a disk, /dev/zero or /dev/urandom), not a file',
  socket: 'it is a socket, not a file',
  other: 'it is not a regular file',
};

/** "Cannot read <path>: it is a named pipe (FIFO), not a file; …". */
export function cannotRead(filePath: string, problem: OpenProblem): ApiError {
  switch (problem.kind) {
    case 'missing':
      return new ApiError('NOT_FOUND', `Cannot read ${filePath}: there is no such file or folder.`);
    case 'denied':
      return new ApiError('IO_ERROR', `Cannot read ${filePath}: permission denied.`);
    case 'link':
      return new ApiError('UNSUPPORTED', `Cannot read ${filePath}: it is a symbolic link; name the file it points to.`);
    case 'failed':
      return new ApiError('IO_ERROR', `Cannot read ${filePath}: the system refused (${problem.code}).`);
    case 'not-a-file':
      return new ApiError('UNSUPPORTED', `Cannot read ${filePath}: ${NOT_A_FILE[problem.what]}.`);
  }
}

/** Opens a regular file for reading, or throws the error `describe` makes of why not. The caller closes the handle. */
export async function openRegularFile(filePath: string, options: OpenOptions = {}): Promise<OpenedFile> {
  const describe = options.describe ?? ((problem: OpenProblem) => cannotRead(filePath, problem));
  // Windows has neither flag; it has no FIFOs to hang on either, and Node opens its links as their targets.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(filePath, flags);
  } catch (error) {
    if (options.noFollow && isErrno(error, 'ELOOP')) throw await describe({ kind: 'link' });
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) throw await describe({ kind: 'missing' });
    if (isErrno(error, 'EACCES', 'EPERM')) throw await describe({ kind: 'denied' });
    throw await describe({ kind: 'failed', code: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      const what = stat.isDirectory() ? 'folder' : stat.isFIFO() ? 'pipe' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'device' : stat.isSocket() ? 'socket' : 'other';
      throw await describe({ kind: 'not-a-file', what });
    }
    return { handle, size: stat.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * A regular file's text, refused before a byte is read when it is over `maxBytes` (`tooLarge` says so) or not a
 * regular file. The file is read from the handle that was checked.
 */
export async function readRegularTextFile(filePath: string, maxBytes: number, tooLarge: (size: number) => ApiError): Promise<string> {
  const { handle, size } = await openRegularFile(filePath);
  try {
    if (size > maxBytes) throw tooLarge(size);
    return await handle.readFile({ encoding: 'utf8' });
  } finally {
    await handle.close();
  }
}
