/*
 * The app's scheduled link check. Off unless the library's settings turn it on (linkWatch); then every source
 * address of every case is checked once per interval, with the same politeness as `casefolio links check`
 * (robots.txt, a delay between requests to one site, a few sites at a time). Offline, a check does nothing.
 *
 * Whether a check is due is worked out from the last check recorded in link-status.json, so quitting the app
 * does not reset the interval. The timer only looks at the clock once a minute: cheap, and a changed setting
 * takes effect within that minute.
 */
import type { CaseLibrary } from '../case-library';
import { lastCheckedAt } from './link-status';

export interface LinkWatchTimers {
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

const TICK_MS = 60_000;
const HOUR_MS = 3_600_000;

export class LinkWatch {
  private handle: unknown;
  private running: Promise<void> | undefined;

  constructor(
    private readonly lib: CaseLibrary,
    // Loaded when a check is first due, as the core's handlers load it: the checker and the page fetcher it
    // shares with capture are no part of opening a library.
    private readonly check: (lib: CaseLibrary) => Promise<unknown> = async (lib) => (await import('./link-service')).runLinkCheck(lib, undefined),
    private readonly timers: LinkWatchTimers = { setInterval: (fn, ms) => setInterval(fn, ms).unref(), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) },
  ) {}

  start(): void {
    this.handle ??= this.timers.setInterval(() => void this.tick(), TICK_MS);
  }

  /** Stops the timer and waits for a check in progress (its results are still recorded). */
  async stop(): Promise<void> {
    if (this.handle !== undefined) this.timers.clearInterval(this.handle);
    this.handle = undefined;
    await this.running;
  }

  /** Runs a check if one is due; a check still running is never doubled. */
  async tick(): Promise<void> {
    if (this.running) return;
    const settings = this.lib.read.library.settings.linkWatch;
    if (!settings?.enabled) return;
    const last = await lastCheckedAt(this.lib);
    if (last && this.lib.now().getTime() - Date.parse(last) < settings.intervalHours * HOUR_MS) return;
    this.running = this.check(this.lib).then(
      () => undefined,
      () => undefined, // a failed check is tried again at the next interval; it has nothing to report to
    );
    await this.running;
    this.running = undefined;
  }
}
