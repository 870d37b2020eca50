import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { credentialsFromTokens, environmentCredentials } from '../../src/core/shell';
import { keychainCredentials, type TokenSafe } from '../../src/main/git-credentials';
import { tempDir } from '../helpers/temp-library';

vi.mock('electron', () => ({}));

const REMOTE = 'https://git.example.org/team/library.git';

/** safeStorage as Electron gives it, with a reversible cipher standing in for the keychain's. */
function fakeSafe(backend: ReturnType<TokenSafe['getSelectedStorageBackend']> = 'gnome_libsecret', available = true): TokenSafe {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (plain) => Buffer.concat([Buffer.from('v11'), flip(Buffer.from(plain, 'utf8'))]),
    decryptStringAsync: async (encrypted) => ({ result: flip(encrypted.subarray(3)).toString('utf8'), shouldReEncrypt: false }),
  };
}

async function vault(safe = fakeSafe(), platform: NodeJS.Platform = 'linux', env: NodeJS.ProcessEnv = {}) {
  const file = path.join(await tempDir(), 'user-data', 'git-credentials.json');
  return { file, store: keychainCredentials({ safe, file: () => file, platform, env }) };
}

describe('git tokens kept by the keychain', () => {
  it('keeps a token encrypted, hands it back for the sync, and forgets it when asked', async () => {
    const { file, store } = await vault();
    expect(await store.status(REMOTE)).toMatchObject({ store: 'none', hasToken: false, canSave: true });
    expect(await store.save(REMOTE, '  ghp_secretToken123  ')).toMatchObject({ store: 'keychain', hasToken: true });
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('ghp_secretToken123');
    // What is on disk is what safeStorage encrypted, under the remote's name.
    expect((await fakeSafe().decryptStringAsync(Buffer.from(JSON.parse(onDisk).tokens[REMOTE], 'base64'))).result).toBe('ghp_secretToken123');
    expect(await store.token(REMOTE)).toBe('ghp_secretToken123');
    expect(await store.token('https://other.example.org/x.git')).toBeUndefined();
    expect(await store.forget(REMOTE)).toMatchObject({ hasToken: false });
    expect(await store.token(REMOTE)).toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8')).tokens).toEqual({});
  });

  it('refuses to keep a token on Linux without a keychain (basic_text), saying what to do instead', async () => {
    const { file, store } = await vault(fakeSafe('basic_text'));
    const status = await store.status(REMOTE);
    expect(status).toMatchObject({ canSave: false, hasToken: false });
    expect(status.message).toMatch(/no keychain.*plain text.*CASEFOLIO_GIT_TOKEN/);
    await expect(store.save(REMOTE, 'ghp_secretToken123')).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/not kept/) });
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses where encryption is unavailable; basic_text means nothing on other systems', async () => {
    const off = await vault(fakeSafe('gnome_libsecret', false));
    await expect(off.store.save(REMOTE, 'tok')).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/keychain is not available/) });
    const mac = await vault(fakeSafe('basic_text'), 'darwin');
    await expect(mac.store.save(REMOTE, 'tok')).resolves.toMatchObject({ store: 'keychain' });
  });

  it('falls back to CASEFOLIO_GIT_TOKEN and says so when nothing is kept', async () => {
    const { store } = await vault(fakeSafe('basic_text'), 'linux', { CASEFOLIO_GIT_TOKEN: 'from-env' });
    expect(await store.status(REMOTE)).toMatchObject({ store: 'environment', hasToken: true, canSave: false });
    expect(await store.token(REMOTE)).toBe('from-env');
  });

  it('refuses a token with spaces or line breaks, and reports a damaged file in words', async () => {
    const { file, store } = await vault();
    await expect(store.save(REMOTE, 'two words')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no spaces or line breaks/) });
    await store.save(REMOTE, 'good');
    await writeFile(file, '{"version": 1, "tok');
    await expect(store.token(REMOTE)).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/damaged.*Delete it/) });
  });

  it('hands the kept token to the sync engine as HTTP Basic credentials, whatever user name the remote address carries', async () => {
    const { store } = await vault();
    await store.save(REMOTE, 'ghp_secretToken123');
    const credentials = credentialsFromTokens(store);
    expect(await credentials('https://someone@git.example.org/team/library.git')).toEqual({ username: 'casefolio', password: 'ghp_secretToken123' });
    expect(await credentials('https://git.example.org/other.git')).toBeUndefined();
  });
});

describe('git tokens where there is no keychain (the CLI, the browser bridge)', () => {
  it('come from CASEFOLIO_GIT_TOKEN, and keeping one is refused in words', async () => {
    const none = environmentCredentials({});
    expect(await none.status(REMOTE)).toMatchObject({ store: 'none', hasToken: false, canSave: false, message: expect.stringMatching(/CASEFOLIO_GIT_TOKEN=<your token>/) });
    const set = environmentCredentials({ CASEFOLIO_GIT_TOKEN: ' env-token ' });
    expect(await set.status(REMOTE)).toMatchObject({ store: 'environment', hasToken: true });
    expect(await credentialsFromTokens(set)(REMOTE)).toEqual({ username: 'casefolio', password: 'env-token' });
    await expect(set.save(REMOTE, 'x')).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/reads CASEFOLIO_GIT_TOKEN/) });
  });
});
