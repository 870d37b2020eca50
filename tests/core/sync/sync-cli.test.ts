/*
 * `casefolio sync` as a user runs it, against the loopback git host: a run that was interrupted is reported
 * by `sync status` (and `sync:status` in the window) until a sync completes it; a host that asks for a token
 * gets it from CASEFOLIO_GIT_TOKEN or from git's credential helper, a missing or wrong token is a clear
 * error with nothing lost, and the token is never written into the library.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLibrary, openLibrary } from '../../../src/core/library-session';
import { runSync } from '../../../src/core/sync/run';
import { casefolio } from '../../helpers/cli';
import { startGitServer, type GitServer } from '../../helpers/git-server';
import { tempDir } from '../../helpers/temp-library';
import { gitServerForSuite, sharedCase, type Machine } from './machines';

const server = gitServerForSuite();
const open: Machine[] = [];
const servers: GitServer[] = [];
afterAll(async () => {
  for (const m of open) await m.close().catch(() => undefined);
  for (const s of servers) await s.close();
});

/** Every file under `dir` (the .git folder included), for checking what was written. */
async function everyFile(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) found.push(path.join(entry.parentPath, entry.name));
  return found;
}

/** Git's commits on the host's branch, newest first, as git itself lists them. */
const hostLog = (host: GitServer, repo: string) => execFileSync('git', ['-C', path.join(host.root, `${repo}.git`), 'log', '--format=%s', 'main'], { encoding: 'utf8' }).trim().split('\n');

describe('casefolio sync status after an interrupted run', () => {
  it('says the last sync was interrupted and that casefolio sync completes it, until one does', async () => {
    const { alice, bob, caseId } = await sharedCase(server(), 'Custody death inquiry');
    open.push(alice, bob);
    await bob.api['notes:create']({ caseId, fields: { title: 'Bob: the inquest date moved.' } });
    await bob.api['sync:run']({});
    await alice.api['notes:create']({ caseId, fields: { title: 'Alice: statement received.' } });
    const crash = new Error('killed during the merge');
    await expect(runSync(alice.session.lib, false, { afterStep: (step) => { if (step === 'merge') throw crash; } })).rejects.toBe(crash);
    await alice.session.close();

    const text = await casefolio(['sync', 'status', '--library', alice.dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/The last sync was interrupted \(it stopped in its “merge” step; started .+\); nothing is lost: run casefolio sync to complete it\./);
    const json = JSON.parse((await casefolio(['sync', 'status', '--json', '--library', alice.dir])).stdout) as { interrupted?: { step: string } };
    expect(json.interrupted?.step).toBe('merge');

    await alice.reopen();
    expect((await alice.api['sync:status']({})).interrupted).toMatchObject({ step: 'merge' });
    await alice.session.close();
    const completed = await casefolio(['sync', '--library', alice.dir]);
    expect(completed.stderr).toBe('');
    expect(completed.stdout).toContain('Received 1 note from Bob');
    expect((await casefolio(['sync', 'status', '--library', alice.dir])).stdout).not.toContain('interrupted');
    await alice.reopen();
    expect((await alice.api['sync:status']({})).interrupted).toBeUndefined();
    expect((await alice.api['cases:get']({ caseId })).notes.map((n) => n.title).sort()).toEqual(['Alice: statement received.', 'Bob: the inquest date moved.']);
  }, 300_000);
});

describe('a git host that asks for a token', () => {
  const TOKEN = 'glpat-loopback-7f3a9c2e51d84b06';

  it('works with the token from CASEFOLIO_GIT_TOKEN or git’s credential helper, refuses a missing or wrong one clearly, and never stores it', async () => {
    const host = await startGitServer({ token: TOKEN });
    servers.push(host);
    const remote = host.repository('private');
    const home = await tempDir();
    // A git of our own: no user or system configuration, no terminal prompt.
    const gitEnv = { HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(home, 'gitconfig'), GIT_TERMINAL_PROMPT: '0', CASEFOLIO_GIT_TOKEN: '' };
    await writeFile(gitEnv.GIT_CONFIG_GLOBAL, '');
    const dir = path.join(await tempDir(), 'library');
    const session = await createLibrary(dir, 'Campaign library', { warm: false });
    await session.api['identity:set']({ name: 'Alice', email: 'alice@example.org' });
    const { id: caseId } = await session.api['cases:create']({ fields: { title: 'Stop and search complaints' } });
    await session.close();

    const missing = await casefolio(['sync', 'init', remote, '--library', dir], gitEnv);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(`${remote} asks for a user name and token: set them (in the app's sync settings, or CASEFOLIO_GIT_TOKEN or git's credential helper for the command line) and sync again. Nothing was changed here.`);
    const wrong = await casefolio(['sync', 'init', remote, '--library', dir], { ...gitEnv, CASEFOLIO_GIT_TOKEN: 'not-the-token' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(`${remote} refused access with the token given: set a valid access token`);
    expect(host.refused).toBeGreaterThan(0);

    const published = await casefolio(['sync', 'init', remote, '--library', dir], { ...gitEnv, CASEFOLIO_GIT_TOKEN: TOKEN });
    expect(published.stderr).toBe('');
    expect(published.stdout).toContain(`Published to ${remote}.`);
    expect(hostLog(host, 'private')).toHaveLength(1);

    // A note written while the token is wrong stays here, and goes out with the next good sync.
    const reopened = await openLibrary(dir, { warm: false });
    await reopened.api['notes:create']({ caseId, fields: { title: 'Written while the token had expired' } });
    await reopened.close();
    const refused = await casefolio(['sync', '--library', dir], { ...gitEnv, CASEFOLIO_GIT_TOKEN: 'expired-token' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('refused access with the token given');
    const check = await openLibrary(dir, { warm: false, readOnly: true });
    expect((await check.api['cases:get']({ caseId })).notes.map((n) => n.title)).toEqual(['Written while the token had expired']);
    await check.close();

    // git's credential helper answers instead of the variable (git's own "store" helper, in a file outside the library).
    const store = path.join(home, 'git-credentials');
    await writeFile(store, `http://casefolio:${TOKEN}@127.0.0.1:${host.port}\n`, { mode: 0o600 });
    execFileSync('git', ['config', '--global', 'credential.helper', `store --file=${store}`], { env: { ...process.env, ...gitEnv } });
    const viaHelper = await casefolio(['sync', '--library', dir], gitEnv);
    expect(viaHelper.stderr).toBe('');
    expect(viaHelper.stdout).toContain('Sent 1 change.');
    expect(hostLog(host, 'private')).toHaveLength(2);

    for (const file of await everyFile(dir)) expect((await readFile(file)).includes(TOKEN), file).toBe(false);
  }, 300_000);
});

describe('remote addresses', () => {
  it('refuses a folder, file://, ssh or git:// address with a sentence saying what to use, changing nothing', async () => {
    const home = await tempDir();
    const bare = path.join(home, 'shared-drive', 'casework.git');
    execFileSync('git', ['init', '--quiet', '--bare', bare]);
    const dir = path.join(await tempDir(), 'library');
    const session = await createLibrary(dir, 'Campaign library', { warm: false });
    await session.api['identity:set']({ name: 'Alice', email: 'alice@example.org' });
    await expect(session.api['sync:init']({ remote: bare })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('A repository in a folder or on a shared drive cannot be synced with directly') });
    await session.close();

    const folder = await casefolio(['sync', 'init', bare, '--library', dir]);
    expect(folder.code).not.toBe(0);
    expect(folder.stderr).toContain('Casefolio speaks git over HTTP(S) only. Put a git host in front of it (Gitea, GitLab, or `git http-backend` behind a web server) and give its https:// address.');
    expect((await casefolio(['sync', 'init', `file://${bare}`, '--library', dir])).stderr).toContain('A repository in a folder or on a shared drive');
    expect((await casefolio(['sync', 'init', 'git@git.example.org:team/casework.git', '--library', dir])).stderr).toContain('SSH and git:// addresses are not supported');
    expect((await casefolio(['sync', 'init', 'https://ana:secret@git.example.org/team/casework.git', '--library', dir])).stderr).toContain('without a user name or password');
    const target = path.join(home, 'clone');
    expect((await casefolio(['sync', 'clone', `file://${bare}`, target])).stderr).toContain('A repository in a folder or on a shared drive');
    // Nothing was set up: no repository in the library, no clone folder, nothing pushed to the bare repository.
    await expect(stat(path.join(dir, '.git'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(execFileSync('git', ['-C', bare, 'for-each-ref'], { encoding: 'utf8' })).toBe('');
  });
});
