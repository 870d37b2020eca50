/*
 * Runs a request for the latest value only, one at a time. A person types faster than a search answers
 * on a busy machine: sending every keystroke queues stale work ahead of the one that matters, and a
 * fixed debounce adds its whole delay to every keystroke even when the core answers in a millisecond.
 * So: the first keystroke is sent at once; while it is in flight, later ones replace each other, and only
 * the last is sent when the first returns. Answers to anything but the newest request are dropped.
 */
export interface LatestOnly<I> {
  /** Asks for `input`; any earlier request's answer that has not arrived yet is dropped. */
  request(input: I): void;
  /** Drops every pending and future answer (the component went away). */
  cancel(): void;
}

export function latestOnly<I, O>(run: (input: I) => Promise<O>, deliver: (input: I, output: O) => void, fail: (input: I, error: unknown) => void): LatestOnly<I> {
  let inFlight = false;
  let waiting: { input: I } | undefined;
  let generation = 0;
  let cancelled = false;

  const start = (input: I) => {
    inFlight = true;
    const mine = ++generation;
    run(input).then(
      (output) => finish(mine, () => deliver(input, output)),
      (error: unknown) => finish(mine, () => fail(input, error)),
    );
  };
  const finish = (mine: number, report: () => void) => {
    inFlight = false;
    if (cancelled) return;
    if (waiting) {
      const next = waiting.input;
      waiting = undefined;
      start(next);
      return;
    }
    if (mine === generation) report();
  };

  return {
    request(input) {
      if (cancelled) return;
      if (inFlight) waiting = { input };
      else start(input);
    },
    cancel() {
      cancelled = true;
      waiting = undefined;
    },
  };
}
