/*
 * How the CLI finds and opens a library: --library DIR, else CASEFOLIO_LIBRARY, else the desktop app's
 * folder. Commands that only read open it read-only (no lock, nothing moved); commands that write take
 * the lock and release it however they end.
 */
import path from 'node:path';
import { CaseLibrary } from '../core/case-library';
import { createHandlers } from '../core/handlers';
import { defaultLibraryDir } from '../core/paths';
import { createClient, type Api } from '../shared/api/client';
import { dispatch } from '../shared/api/dispatch';

export interface GlobalOptions {
  library?: string;
}

export function resolveLibraryDir(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(options.library ?? env.CASEFOLIO_LIBRARY ?? defaultLibraryDir());
}

export async function withLibrary<T>(options: GlobalOptions, mode: 'read' | 'write', work: (api: Api, lib: CaseLibrary) => Promise<T>): Promise<T> {
  // One command, then exit: case files are read as the command needs them, not all in the background.
  const lib = await CaseLibrary.open(resolveLibraryDir(options), { readOnly: mode === 'read', warm: false });
  try {
    const handlers = createHandlers(lib);
    const api = createClient((name, payload, context) => dispatch(handlers, name, payload, context));
    return await work(api, lib);
  } finally {
    await lib.close();
  }
}
