/*
 * Opening a file named by a path (the command line's `attach`) so that nothing hangs and nothing huge is read
 * (the opening itself: storage/regular-file.ts).
 *
 *  - Only a regular file is read. A named pipe (FIFO) would block the open until some other program writes to
 *    it, and a device such as /dev/zero or /dev/urandom never ends: the file is opened non-blocking and checked
 *    with fstat on the opened handle, so it is refused at once, and what was checked is what is read.
 *  - A symbolic link is refused, with the path it points to: the journal records the file a user attached, and
 *    a link can be re-pointed later, so the user attaches the target itself. O_NOFOLLOW makes the open itself
 *    refuse a link, so a link swapped in after the check cannot slip through.
 *  - The size is checked on the opened handle, before any byte is read.
 */
import { promises as fs } from 'node:fs';
import { ApiError } from '../../shared/errors';
import { openRegularFile, type OpenedFile, type OpenProblem } from '../storage/regular-file';

export type { OpenedFile } from '../storage/regular-file';

const mib = (bytes: number) => `${Math.ceil(bytes / 2 ** 20).toLocaleString('en-GB')} MiB`;

export function attachmentTooLarge(bytes: number, maxBytes: number, what = 'The file'): ApiError {
  return new ApiError('TOO_LARGE', `${what} is ${mib(bytes)}; attachments can be at most ${mib(maxBytes)}. Nothing was stored.`);
}

/** Opens a file to attach, or throws a sentence saying why it cannot be attached. The caller closes the handle. */
export async function openAttachmentFile(filePath: string, maxBytes: number): Promise<OpenedFile> {
  const opened = await openRegularFile(filePath, { noFollow: true, describe: (problem) => attachRefusal(filePath, problem) });
  if (opened.size > maxBytes) {
    await opened.handle.close();
    throw attachmentTooLarge(opened.size, maxBytes, filePath);
  }
  return opened;
}

const NOT_A_FILE: Record<Extract<OpenProblem, { kind: 'not-a-file' }>['what'], string> = {
  folder: 'a folder, not a file: attach the files inside it one by one',
  pipe: 'a named pipe (FIFO), not a file: what comes through it has no fixed content to fingerprint; save it to a file and attach that',
  device: 'a device (such as a disk, /dev/zero or /dev/urandom), not a file: only regular files can be attached',
  socket: 'a socket, not a file: only regular files can be attached',
  other: 'not a regular file: only regular files can be attached',
};

async function attachRefusal(filePath: string, problem: OpenProblem): Promise<ApiError> {
  switch (problem.kind) {
    case 'link':
      return symlinkRefusal(filePath);
    case 'missing':
      return new ApiError('NOT_FOUND', `There is no file at ${filePath}.`);
    case 'denied':
      return new ApiError('IO_ERROR', `${filePath} cannot be read: permission denied. Nothing was stored.`);
    case 'failed':
      return new ApiError('IO_ERROR', `${filePath} cannot be opened (${problem.code}). Nothing was stored.`);
    case 'not-a-file':
      return new ApiError('UNSUPPORTED', `${filePath} is ${NOT_A_FILE[problem.what]}. Nothing was stored.`);
  }
}

async function symlinkRefusal(filePath: string): Promise<ApiError> {
  const target = await fs.realpath(filePath).catch(() => undefined);
  const where = target ? `It points to ${target}: attach that file itself` : 'It points to nothing that can be read';
  return new ApiError(
    'UNSUPPORTED',
    `${filePath} is a symbolic link. Casefolio attaches only the file itself, so that the audit journal records the file that was really added. ${where}. Nothing was stored.`,
  );
}
