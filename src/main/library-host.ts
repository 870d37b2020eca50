/*
 * The library the app has open, and the handlers the IPC binding serves from it. Opening another
 * library closes this one first (releasing its lock), so the window never talks to two at once.
 */
import path from 'node:path';
import { CaseLibrary } from '../core/case-library';
import { createHandlers } from '../core/handlers';
import { LinkWatch } from '../core/links/link-watch';
import { SearchService } from '../core/search/search-service';
import type { Shell } from '../core/shell';
import type { Handlers } from '../shared/api/dispatch';

export class LibraryHost {
  private lib: CaseLibrary | undefined;
  private current: Handlers | undefined;
  /** The scheduled link check (off unless the library's settings turn it on). */
  private watch: LinkWatch | undefined;

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
    const next = await CaseLibrary.open(dir);
    await this.close();
    this.lib = next;
    this.current = createHandlers(next, this.shell);
    this.watch = new LinkWatch(next);
    this.watch.start();
    // Load (or build) the search index now, in the background, so the first Ctrl+K does not wait for it.
    SearchService.for(next);
  }

  async close(): Promise<void> {
    const lib = this.lib;
    const watch = this.watch;
    this.lib = undefined;
    this.current = undefined;
    this.watch = undefined;
    await watch?.stop();
    await lib?.close();
  }
}
