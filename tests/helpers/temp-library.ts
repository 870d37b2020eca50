/* A fresh library in a real temp folder for each test, with a fixed clock and predictable ids. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { LibraryDeps } from '../../src/core/case-library';
import { createLibrary, openLibrary, type LibrarySessionOptions } from '../../src/core/library-session';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export async function tempDir(prefix = 'casefolio-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A clock that moves one second per reading from 2026-01-01, and ids numbered in order. */
export function fixedDeps(): Required<LibraryDeps> {
  let tick = 0;
  const counters = new Map<string, number>();
  return {
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)),
    newId: (prefix) => {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}_${String(n).padStart(4, '0')}`;
    },
  };
}

/** A new library in a temp folder, opened as every edge opens one (journal and handlers attached), closed after the test. */
export async function tempLibrary(name = 'Test library', options: LibrarySessionOptions = {}) {
  const dir = path.join(await tempDir(), 'library');
  const session = await createLibrary(dir, name, { ...fixedDeps(), warm: false, ...options });
  cleanups.push(() => session.close());
  return { dir, lib: session.lib, handlers: session.handlers, api: session.api, session };
}

/** Opens an existing library for a test, as every edge does; closed after the test (closing twice is harmless). */
export async function openTempLibrary(dir: string, options: LibrarySessionOptions = {}) {
  const session = await openLibrary(dir, { ...fixedDeps(), warm: false, ...options });
  cleanups.push(() => session.close());
  return session;
}
