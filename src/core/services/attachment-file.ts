/*
 * Opening a file named by a path (the command line's `attach`) so that nothing hangs and nothing huge is read.
 *
 *  - Only a regular file is read. A named pipe (FIFO) would block the open until some other program writes to
 *    it, and a device such as /dev/zero or /dev/urandom never ends: the file is opened non-blocking and checked
 *    with fstat on the opened handle, so it is refused at once, and what was checked is what is read.
 *  - A symbolic link is refused, with the path it points to: the journal records the file a user attached, and
 *    a link can be re-pointed later, so the user attaches the target itself. O_NOFOLLOW makes the open itself
 *    refuse a link, so a link swapped in after the check cannot slip through.
 *  - The size is checked on the opened handle, before any byte is read.
 */
import { constants, promises as fs } from 'node:fs';
import { ApiError } from '../../shared/errors';
import { isErrno } from '../storage/durable-write';

export interface OpenedFile {
  handle: fs.FileHandle;
  size: number;
}

const mib = (bytes: number) => `${Math.ceil(bytes / 2 ** 20).toLocaleString('en-GB')} MiB`;

export function attachmentTooLarge(bytes: number, maxBytes: number, what = 'The file'): ApiError {
  return new ApiError('TOO_LARGE', `${what} is ${mib(bytes)}; attachments can be at most ${mib(maxBytes)}. Nothing was stored.`);
}

/** Opens a file to attach, or throws a sentence saying why it cannot be attached. The caller closes the handle. */
export async function openAttachmentFile(filePath: string, maxBytes: number): Promise<OpenedFile> {
  // Windows has neither flag; it has no FIFOs to hang on either, and Node opens its links as their targets.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(filePath, flags);
  } catch (error) {
    if (isErrno(error, 'ELOOP')) throw await symlinkRefusal(filePath);
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) throw new ApiError('NOT_FOUND', `There is no file at ${filePath}.`);
    if (isErrno(error, 'EACCES', 'EPERM')) throw new ApiError('IO_ERROR', `${filePath} cannot be read: permission denied. Nothing was stored.`);
    throw new ApiError('IO_ERROR', `${filePath} cannot be opened (${(error as NodeJS.ErrnoException).code ?? String(error)}). Nothing was stored.`);
  }
  try {
    const stat = await handle.stat();
    const refusal = notARegularFile(stat);
    if (refusal) throw new ApiError('UNSUPPORTED', `${filePath} is ${refusal}. Nothing was stored.`);
    if (stat.size > maxBytes) throw attachmentTooLarge(stat.size, maxBytes, filePath);
    return { handle, size: stat.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function notARegularFile(stat: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'a folder, not a file: attach the files inside it one by one';
  if (stat.isFIFO()) return 'a named pipe (FIFO), not a file: what comes through it has no fixed content to fingerprint; save it to a file and attach that';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device (such as a disk, /dev/zero or /dev/urandom), not a file: only regular files can be attached';
  if (stat.isSocket()) return 'a socket, not a file: only regular files can be attached';
  return 'not a regular file: only regular files can be attached';
}

async function symlinkRefusal(filePath: string): Promise<ApiError> {
  const target = await fs.realpath(filePath).catch(() => undefined);
  const where = target ? `It points to ${target}: attach that file itself` : 'It points to nothing that can be read';
  return new ApiError(
    'UNSUPPORTED',
    `${filePath} is a symbolic link. Casefolio attaches only the file itself, so that the audit journal records the file that was really added. ${where}. Nothing was stored.`,
  );
}
