/*
 * What a person reads when a command fails: one sentence in the CLI's own words. The contract reports
 * invalid input with the path inside its call ("patch.accessedDate: …"); here that path becomes the
 * option that was typed ("--accessed-date: …"). Operating-system error codes (ENOENT …) become what they
 * mean, since a code is something to look up, not something to act on.
 */
import { contract } from '../shared/api/contract';
import { z } from 'zod';
import { ApiError } from '../shared/errors';
import { errorSentence } from '../shared/system-errors';
import { flagForField } from './fields/record-fields';

const ERRNO_MEANINGS: Record<string, string> = {
  ENOENT: 'there is no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'it already exists',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EBUSY: 'it is in use by another program',
  EMFILE: 'too many files are open; close some programs and try again',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'the disk reported a read or write error',
};

export function describeErrno(code: string | undefined): string {
  return (code && ERRNO_MEANINGS[code]) ?? 'the system refused';
}

/** "Cannot read notes.txt: there is no such file or folder." */
export function fileError(file: string, action: 'read' | 'write', error: NodeJS.ErrnoException): ApiError {
  const code = error.code === 'ENOENT' ? 'NOT_FOUND' : error.code === 'EEXIST' ? 'CONFLICT' : 'IO_ERROR';
  return new ApiError(code, `Cannot ${action} ${file}: ${describeErrno(error.code)}.`);
}

/** Every key any call takes at its top level (caseId, query, name …): paths a person never typed. */
const CALL_KEYS = new Set(Object.values(contract).flatMap((spec) => (spec.input instanceof z.ZodObject ? Object.keys(spec.input.shape) : [])));

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** "patch.authors.1: …" → "--author (the 2nd): …"; "query: …" → "…". */
function withOptionNames(message: string): string {
  const match = /^([A-Za-z][\w]*(?:\.[\w]+)*): (.*)$/s.exec(message);
  if (!match) return message;
  const [, path, rest] = match;
  const segments = path.split('.');
  const fieldAt = segments[0] === 'fields' || segments[0] === 'patch' ? 1 : 0;
  const flag = segments[fieldAt] !== undefined ? flagForField(segments[fieldAt]) : undefined;
  if (flag) {
    const index = segments[fieldAt + 1];
    return `${flag}${index !== undefined && /^\d+$/.test(index) ? ` (the ${ordinal(Number(index) + 1)})` : ''}: ${rest}`;
  }
  return CALL_KEYS.has(segments[0]) ? rest : message;
}

/** Node's own "ENOENT: no such file or directory, open '/x'" and our "(ENOSPC)" read as sentences. */
function withoutErrnoCodes(message: string): string {
  return message
    .replace(/^(E[A-Z]{2,}): [^,]*, \w+ '([^']*)'.*$/s, (_, code: string, file: string) => `Cannot use ${file}: ${describeErrno(code)}.`)
    .replace(/^(E[A-Z]{2,}): .*$/s, (_, code: string) => `A file could not be used: ${describeErrno(code)}.`)
    .replace(/\((E[A-Z]{2,})\)/g, (_, code: string) => `(${describeErrno(code)})`);
}

export function userMessage(error: unknown): string {
  // A system error from the library's own files (ENOSPC…) reads as the sentence every edge uses.
  const message = errorSentence(error);
  return withoutErrnoCodes(withOptionNames(message.split('\n')[0]));
}
