/*
 * The library the app has open, and the handlers the IPC binding serves from it. Opening another
 * library closes this one first (releasing its lock), so the window never talks to two at once.
 * A library another program has locked opens read-only, and the window can take it over (lock-status.ts).
 */
import path from 'node:path';
import { CaseLibrary } from '../core/case-library';
import { createHandlers, libraryInfo } from '../core/handlers';
import { openForWindow, takeOverLibrary } from '../core/lock-status';
import type { LibraryInfo } from '../shared/api/types';
import { ApiError } from '../shared/errors';
import { SearchService } from '../core/search/search-service';
import type { Shell } from '../core/shell';
import type { Handlers } from '../shared/api/dispatch';

export class LibraryHost {
  private lib: CaseLibrary | undefined;
  private current: Handlers | undefined;

  constructor(private readonly shell: Shell) {}

  get handlers(): Handlers | undefined {
    return this.current;
  }

  get dir(): string | undefined {
    return this.lib?.dir;
  }

  /** Opens `dir` (the one already open is kept as it is); if it cannot be opened, the current one stays open. */
  async open(dir: string): Promise<void> {
    if (this.lib && path.resolve(dir) === path.resolve(this.lib.dir)) return;
    await this.use(await openForWindow(dir));
  }

  /** The window's "Take over": breaks the other program's lock and reopens this library for writing. */
  async takeOver(): Promise<LibraryInfo> {
    const dir = this.lib?.dir;
    if (!dir) throw new ApiError('LIBRARY_NOT_FOUND', 'No library is open.');
    // Opened before the read-only (or superseded) one closes, so a failure leaves the window as it was.
    const next = await takeOverLibrary(dir);
    await this.use(next);
    return libraryInfo(next);
  }

  private async use(next: CaseLibrary): Promise<void> {
    await this.close();
    this.lib = next;
    this.current = createHandlers(next, { ...this.shell, takeOverLibrary: () => this.takeOver() });
    // Load (or build) the search index now, in the background, so the first Ctrl+K does not wait for it.
    SearchService.for(next);
  }

  async close(): Promise<void> {
    const lib = this.lib;
    this.lib = undefined;
    this.current = undefined;
    await lib?.close();
  }
}
