/*
 * Where the window keeps the HTTPS token a sync sends to the git host: the operating system's keychain
 * in the desktop app (Electron safeStorage, src/main/git-credentials.ts), the environment in the browser
 * bridge and the CLI. Never in the library: a library is shared, and its history is readable by anyone
 * who has the repository.
 */
import { z } from 'zod';

export const GIT_TOKEN_ENV = 'CASEFOLIO_GIT_TOKEN';

export interface GitCredentialStatus {
  /** Where a token for this remote comes from here. */
  store: 'keychain' | 'environment' | 'none';
  /** Whether a token for this remote is kept (or set in the environment). */
  hasToken: boolean;
  /** Whether this host can keep a token typed in the window (false: refused, with `message` saying why). */
  canSave: boolean;
  /** One sentence for the window: where the token is, or why none can be kept and what to do instead. */
  message: string;
}

/** A remote without user, password or token in it: the key a token is kept under, and what may be shown. */
export function remoteWithoutCredentials(remote: string): string {
  try {
    const url = new URL(remote);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return remote; // a path to a bare repository on a shared drive has no credentials to strip
  }
}

export const GitTokenInput = z
  .string()
  .trim()
  .min(1, 'Paste the access token your git host gave you.')
  .max(4096, 'That is longer than any access token; paste the token alone.')
  .regex(/^[\x21-\x7e]+$/, 'An access token has no spaces or line breaks; paste the token alone.');
