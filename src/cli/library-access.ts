/*
 * How the CLI finds and opens a library: --library DIR, else CASEFOLIO_LIBRARY, else the desktop app's
 * folder. Commands that only read open it read-only (no lock, nothing moved); commands that write take
 * the lock and release it however they end (--read-only opens even those without it, and they are refused).
 * Whatever the command, every file the library could not use is reported on stderr.
 */
import path from 'node:path';
import type { CaseLibrary, LibrarySession } from '../core/library-session';
import { defaultLibraryDir } from '../core/paths';
import type { Api } from '../shared/api/client';

export interface GlobalOptions {
  library?: string;
  /** --read-only: never take the lock; every change is refused with READ_ONLY. */
  readOnly?: boolean;
}

export function resolveLibraryDir(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(options.library ?? env.CASEFOLIO_LIBRARY ?? defaultLibraryDir());
}

export async function withLibrary<T>(options: GlobalOptions, mode: 'read' | 'write', work: (api: Api, lib: CaseLibrary, session: LibrarySession) => Promise<T>): Promise<T> {
  // Loaded here, not up front: `--help` and commands that open no library start without the core.
  const { openLibrary, withLibrarySession } = await import('../core/library-session');
  // One command, then exit: case files are read as the command needs them, not all in the background.
  const open = openLibrary(resolveLibraryDir(options), { readOnly: mode === 'read' || options.readOnly === true, warm: false });
  return withLibrarySession(open, async (session) => {
    // A file set aside or left out is never silent: said on stderr, whatever the command (stdout stays the command's own).
    const warn = warnAboutProblems(session.lib);
    try {
      return await work(session.api, session.lib, session);
    } finally {
      warn(); // files found unusable while the command ran
    }
  });
}

/** Writes each of the library's problems not yet reported to stderr; returns a function that reports any new ones. */
function warnAboutProblems(lib: CaseLibrary, write: (line: string) => void = (line) => process.stderr.write(line)): () => void {
  let reported = 0;
  const report = () => {
    for (const p of lib.read.problems.slice(reported)) write(`casefolio: warning: ${p.file}: ${p.reason}${p.movedTo ? `; it was set aside as ${p.movedTo}` : ''}\n`);
    reported = lib.read.problems.length;
  };
  report();
  return report;
}

/** Case files the library could not use (set aside, unreadable, too large): `cases` exits 1 when there are any. */
export function unusableCaseFiles(lib: CaseLibrary): string[] {
  return lib.read.problems.map((p) => p.file).filter((f) => /^cases[\\/][^\\/]+[\\/]case\.json$/.test(f));
}
