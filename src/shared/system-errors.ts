/*
 * What the operating system's error codes mean to a person. One table, used by every edge through
 * dispatch's toErrorValue (the CLI, the bridge and the desktop app all turn failures into values there),
 * so a user reads "The disk is full…" and never "ENOSPC: no space left on device, open …/.casefolio.lock".
 * It lives in shared/ because dispatch does; it only reads the error's `code`, no Node API.
 * A write that fails this way leaves every file as it was (durable-write.ts, lock.ts), which is why each
 * sentence can say nothing was changed.
 */
import { isApiError } from './errors';

const SENTENCES: Record<string, string> = {
  ENOSPC: 'The disk is full, so this was not saved and nothing was changed. Free some space, then try again.',
  EDQUOT: 'Your disk quota is used up, so this was not saved and nothing was changed. Free some space, then try again.',
  EROFS: 'The library’s folder is on a read-only disk or share, so nothing was saved and nothing was changed. Open the library read-only, or move it somewhere writable.',
  EACCES: 'Casefolio is not allowed to write in the library’s folder, so nothing was changed. Check the folder’s permissions, or open the library read-only.',
  EPERM: 'The system did not permit this change to the library’s files, so nothing was changed. Check the folder’s permissions, or open the library read-only.',
  EBUSY: 'A file in the library is in use by another program (a backup, antivirus or sync tool, perhaps), so nothing was changed. Try again in a moment.',
  EIO: 'The disk reported a read or write error, so nothing was changed. Check the disk (it may be failing or disconnected), then try again.',
};

/** A sentence for an error carrying a system error code (ENOSPC…), or undefined if it carries none. */
export function systemErrorSentence(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined;
  // The code stays, in brackets, for whoever supports the user; the sentence comes first.
  return `${SENTENCES[code] ?? 'The library’s files could not be read or written, so nothing was changed. Check the disk has space and the folder is writable, then try again.'} (${code})`;
}

/** What an edge prints for an error that escaped a call: its own sentence, the system error in words, or its message. */
export function errorSentence(error: unknown): string {
  if (isApiError(error)) return error.message;
  return systemErrorSentence(error) ?? (error instanceof Error ? error.message : String(error));
}
