/*
 * The order changes to a library are made in (CaseLibrary's queue), and the work that follows a change
 * once it has been acknowledged.
 *
 * A save is acknowledged when its change-log line is fsynced. What comes after it is not needed for the
 * save to be durable, so its caller need not wait for it: the audit journal's line (the change log
 * already carries it, and a fold or the next open restores it if the program dies first) and folding a
 * log that has grown large (a whole-file rewrite; a kill in it is replayed). That work runs just after the
 * acknowledgement, but still before the next change, checkpoint or close starts, so files are never
 * written by two steps at once and nothing is written twice (a fold restores carried journal lines only
 * once their own append has had its turn). Readers of what it writes (the journal) wait for `settled()`.
 */
export class ChangeQueue {
  private queue: Promise<unknown> = Promise.resolve();
  private followUps: Promise<void> = Promise.resolve();

  /** Runs `work` after every earlier item and the work that followed their changes. */
  run<R>(work: () => Promise<R>): Promise<R> {
    const run = this.queue.then(async () => {
      await this.followUps;
      return work();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Starts `work` once the change now being made has been acknowledged: after the caller's continuation
   * has run (setImmediate), before the next item of the queue. Its failure is its own to report.
   */
  afterAck(work: () => Promise<void>): void {
    this.followUps = this.followUps
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(work)
      .catch(() => undefined);
  }

  /** Resolves once the work following every change acknowledged so far has finished. */
  settled(): Promise<void> {
    return this.followUps;
  }
}
