/*
 * The library the app has open, and the handlers the IPC binding serves from it. Opening another
 * library closes this one first (releasing its lock), so the window never talks to two at once.
 * A library another program has locked opens read-only, and the window can take it over (lock-status.ts).
 */
import path from 'node:path';
import { openLibrary, type LibrarySession, type LibrarySessionOptions } from '../core/library-session';
import type { LibraryInfo } from '../shared/api/types';
import { ApiError } from '../shared/errors';
import { LinkWatch } from '../core/links/link-watch';
import type { Shell } from '../core/shell';
import type { Handlers } from '../shared/api/dispatch';

export class LibraryHost {
  private session: LibrarySession | undefined;
  /** The scheduled link check (off unless the library's settings turn it on). */
  private watch: LinkWatch | undefined;

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
    await this.use(dir, { whenLocked: 'open-read-only' });
  }

  /** The window's "Take over": breaks the other program's lock and reopens this library for writing. */
  async takeOver(): Promise<LibraryInfo> {
    const dir = this.session?.dir;
    if (!dir) throw new ApiError('LIBRARY_NOT_FOUND', 'No library is open.');
    await this.use(dir, { breakLock: true });
    return this.session!.api['library:info']({});
  }

  /** Opened before the current one closes, so a failure leaves the window as it was. */
  private async use(dir: string, options: LibrarySessionOptions): Promise<void> {
    // Warm: case files and the search index load in the background, so the first Ctrl+K does not wait.
    const next = await openLibrary(dir, { ...options, shell: { ...this.shell, takeOverLibrary: () => this.takeOver() }, warm: true });
    await this.close();
    this.session = next;
    this.watch = new LinkWatch(next.lib);
    this.watch.start();
  }

  async close(): Promise<void> {
    const session = this.session;
    const watch = this.watch;
    this.session = undefined;
    this.watch = undefined;
    await watch?.stop();
    await session?.close();
  }
}
