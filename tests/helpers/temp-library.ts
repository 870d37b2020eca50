/* A fresh library in a real temp folder for each test, with a fixed clock and predictable ids. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { CaseLibrary, type LibraryDeps } from '../../src/core/case-library';
import { createHandlers } from '../../src/core/handlers';
import { createClient } from '../../src/shared/api/client';
import { dispatch } from '../../src/shared/api/dispatch';

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

export async function tempLibrary(name = 'Test library') {
  const dir = path.join(await tempDir(), 'library');
  const lib = await CaseLibrary.create(dir, name, fixedDeps());
  cleanups.push(() => lib.close());
  const handlers = createHandlers(lib);
  const api = createClient((callName, payload) => dispatch(handlers, callName, payload));
  return { dir, lib, handlers, api };
}
