/*
 * The library the app has open, and the handlers the IPC binding serves from it. Opening another
 * library closes this one first (releasing its lock), so the window never talks to two at once.
 */
import path from 'node:path';
import { openLibrary, type LibrarySession } from '../core/library-session';
import type { Shell } from '../core/shell';
import type { Handlers } from '../shared/api/dispatch';

export class LibraryHost {
  private session: LibrarySession | undefined;

  constructor(private readonly shell: Shell) {}

  get handlers(): Handlers | undefined {
    return this.session?.handlers;
  }

  get dir(): string | undefined {
    return this.session?.dir;
  }

  /** Opens `dir` (the one already open is kept as it is); if it cannot be opened, the current one stays open. */
  async open(dir: string): Promise<void> {
    if (this.session && path.resolve(dir) === path.resolve(this.session.dir)) return;
    // Warm: case files and the search index load in the background, so the first Ctrl+K does not wait.
    const next = await openLibrary(dir, { shell: this.shell, warm: true });
    await this.close();
    this.session = next;
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.close();
  }
}
