/*
 * Errors that cross a boundary (window ↔ core, CLI ↔ user) carry a code a program can branch on and a
 * sentence a person can act on. They travel as plain values ({ code, message, details }) and are turned
 * back into an ApiError on the calling side.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'LIBRARY_LOCKED',
  'LIBRARY_NOT_FOUND',
  'READ_ONLY',
  'IO_ERROR',
  'NETWORK_ERROR',
  'TOO_LARGE',
  'UNSUPPORTED',
  'NOTHING_TO_UNDO',
  'INTERNAL',
  /** The call came from somewhere it may not come from (another window, a request without the token). */
  'FORBIDDEN',
  /** The shared repository of a synced library could not be reached; nothing changed locally. */
  'SYNC_UNREACHABLE',
  /** The library is not shared through git yet (casefolio sync init). */
  'SYNC_NOT_CONFIGURED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorValue {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  toValue(): ErrorValue {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }

  static fromValue(value: ErrorValue): ApiError {
    return new ApiError(value.code, value.message, value.details);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };
