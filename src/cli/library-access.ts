/*
 * How the CLI finds and opens a library: --library DIR, else CASEFOLIO_LIBRARY, else the desktop app's
 * folder. Commands that only read open it read-only (no lock, nothing moved); commands that write take
 * the lock and release it however they end.
 */
import path from 'node:path';
import { openLibrary, withLibrarySession, type CaseLibrary, type LibrarySession } from '../core/library-session';
import { defaultLibraryDir } from '../core/paths';
import type { Api } from '../shared/api/client';

export interface GlobalOptions {
  library?: string;
}

export function resolveLibraryDir(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(options.library ?? env.CASEFOLIO_LIBRARY ?? defaultLibraryDir());
}

export async function withLibrary<T>(options: GlobalOptions, mode: 'read' | 'write', work: (api: Api, lib: CaseLibrary, session: LibrarySession) => Promise<T>): Promise<T> {
  // One command, then exit: case files are read as the command needs them, not all in the background.
  const open = openLibrary(resolveLibraryDir(options), { readOnly: mode === 'read', warm: false });
  return withLibrarySession(open, (session) => work(session.api, session.lib, session));
}
