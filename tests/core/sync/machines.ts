/* Machines sharing one library through a real git server on loopback: each a library in its own temp folder. */
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createLibrary, openLibrary, type LibrarySession } from '../../../src/core/library-session';
import { cloneLibrary } from '../../../src/core/sync/clone';
import { startGitServer, type GitServer } from '../../helpers/git-server';
import { tempDir } from '../../helpers/temp-library';

export function gitServerForSuite(): () => GitServer {
  let server: GitServer | undefined;
  beforeAll(async () => {
    server = await startGitServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => server!;
}

export interface Machine {
  name: string;
  dir: string;
  session: LibrarySession;
  api: LibrarySession['api'];
  reopen(): Promise<void>;
  close(): Promise<void>;
}

let clock = Date.UTC(2026, 2, 1);
/** A clock shared by every machine, one second per reading, so times order the journals the same everywhere. */
const now = () => new Date((clock += 1000));

async function machine(name: string, dir: string, session: LibrarySession): Promise<Machine> {
  const m: Machine = {
    name,
    dir,
    session,
    api: session.api,
    async reopen() {
      await m.session.close();
      m.session = await openLibrary(dir, { warm: false, now });
      m.api = m.session.api;
    },
    close: () => m.session.close(),
  };
  await session.api['identity:set']({ name, email: `${name.toLowerCase()}@example.org` });
  return m;
}

/** The first machine: a new library, published to a new repository on the server. */
export async function publisher(server: GitServer, name = 'Alice', repo = `lib-${Math.random().toString(36).slice(2)}`): Promise<{ machine: Machine; remote: string }> {
  const dir = path.join(await tempDir(), 'library');
  const session = await createLibrary(dir, 'Shared library', { warm: false, now });
  const m = await machine(name, dir, session);
  const remote = server.repository(repo);
  await m.api['sync:init']({ remote });
  return { machine: m, remote };
}

/** Another machine: the shared library cloned into a new folder. */
export async function joiner(remote: string, name: string): Promise<Machine> {
  const dir = path.join(await tempDir(), 'library');
  await cloneLibrary(dir, remote);
  return machine(name, dir, await openLibrary(dir, { warm: false, now }));
}

/** Alice publishes a library with one case and syncs it; Bob clones it. */
export async function sharedCase(server: GitServer, title: string): Promise<{ alice: Machine; bob: Machine; caseId: string; remote: string }> {
  const { machine: alice, remote } = await publisher(server);
  const { id: caseId } = await alice.api['cases:create']({ fields: { title } });
  await alice.api['sync:run']({});
  const bob = await joiner(remote, 'Bob');
  return { alice, bob, caseId, remote };
}
