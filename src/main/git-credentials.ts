/*
 * The desktop app's git tokens, kept by the operating system's keychain through Electron's safeStorage:
 * the file in the user-data folder holds only what safeStorage encrypted, one entry per remote, so the
 * token is never in the library (which is shared) nor in plain text on this disk. Where safeStorage has no
 * keychain to use (Linux without a secret service falls back to 'basic_text', a key anyone can read) or
 * cannot encrypt at all, keeping a token is refused with a sentence saying what to do instead.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import type { GitCredentialStore } from '../core/shell';
import { ApiError } from '../shared/errors';
import { GIT_TOKEN_ENV, GitTokenInput, type GitCredentialStatus } from '../shared/git-credentials';

export type TokenSafe = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

const TokenFile = z.object({ version: z.literal(1), tokens: z.record(z.string(), z.string()) });
type TokenFile = z.infer<typeof TokenFile>;

const NO_KEYCHAIN_LINUX =
  'This computer has no keychain Casefolio can use (no GNOME Keyring or KWallet is running), so a token typed here would be kept in plain text: it is not kept.';
const NO_ENCRYPTION = 'The operating system’s keychain is not available to Casefolio, so a token typed here would be kept in plain text: it is not kept.';
const INSTEAD = ` Start Casefolio with ${GIT_TOKEN_ENV}=<your token> in its environment instead, or use a remote that needs no token.`;

/** Why a token cannot be kept here, or undefined when the keychain can keep it. */
async function refusal(safe: TokenSafe, platform: NodeJS.Platform): Promise<string | undefined> {
  if (platform === 'linux' && safe.getSelectedStorageBackend() === 'basic_text') return NO_KEYCHAIN_LINUX + INSTEAD;
  if (!(await safe.isAsyncEncryptionAvailable())) return NO_ENCRYPTION + INSTEAD;
  return undefined;
}

/** `file` is a function because the user-data folder is known only once Electron has started. */
export function keychainCredentials({ safe, file: fileOf, platform = process.platform, env = process.env }: { safe: TokenSafe; file: () => string; platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv }): GitCredentialStore {
  const fromEnvironment = () => env[GIT_TOKEN_ENV]?.trim() || undefined;

  async function load(): Promise<TokenFile> {
    const file = fileOf();
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return { version: 1, tokens: {} };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = TokenFile.safeParse(json);
    if (!parsed.success) throw new ApiError('IO_ERROR', `The file of kept tokens (${file}) is damaged. Delete it and enter your token again.`);
    return parsed.data;
  }

  // Written whole to a temp file and renamed, so a crash leaves the old file or the new one, never half of one.
  async function store(tokens: TokenFile): Promise<void> {
    const file = fileOf();
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(tokens, null, 2), { mode: 0o600 });
    await rename(temp, file);
  }

  async function status(remote: string): Promise<GitCredentialStatus> {
    const refused = await refusal(safe, platform);
    const kept = !refused && remote in (await load()).tokens;
    if (kept) return { store: 'keychain', hasToken: true, canSave: true, message: 'Your token for this remote is kept by the operating system’s keychain.' };
    if (fromEnvironment()) return { store: 'environment', hasToken: true, canSave: !refused, message: `The token comes from ${GIT_TOKEN_ENV} in Casefolio’s environment.` };
    if (refused) return { store: 'none', hasToken: false, canSave: false, message: refused };
    return { store: 'none', hasToken: false, canSave: true, message: 'No token is kept for this remote. A remote that needs one asks for it when you sync.' };
  }

  return {
    status,
    async save(remote, token) {
      const refused = await refusal(safe, platform);
      if (refused) throw new ApiError('UNSUPPORTED', refused);
      const parsed = GitTokenInput.safeParse(token);
      if (!parsed.success) throw new ApiError('INVALID_INPUT', parsed.error.issues[0].message);
      const tokens = await load();
      tokens.tokens[remote] = (await safe.encryptStringAsync(parsed.data)).toString('base64');
      await store(tokens);
      return status(remote);
    },
    async forget(remote) {
      const tokens = await load();
      if (remote in tokens.tokens) {
        delete tokens.tokens[remote];
        await store(tokens);
      }
      return status(remote);
    },
    async token(remote) {
      if (await refusal(safe, platform)) return fromEnvironment();
      const kept = (await load()).tokens[remote];
      if (!kept) return fromEnvironment();
      try {
        return (await safe.decryptStringAsync(Buffer.from(kept, 'base64'))).result;
      } catch {
        throw new ApiError('IO_ERROR', 'The kept token could not be unlocked by the keychain (was it reset?). Enter your token again in Sync › Access token.');
      }
    },
  };
}
