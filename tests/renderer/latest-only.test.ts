/* Search as you type: a keystroke is sent at once, but never queued behind a search still on its way. */
import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../src/renderer/src/features/search/latest-only';

/** A stand-in for the bridge whose answers arrive when the test says. */
function slowServer() {
  const asked: { input: string; answer: (output: string) => void }[] = [];
  const run = (input: string) => new Promise<string>((resolve) => asked.push({ input, answer: resolve }));
  return { asked, run };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('latestOnly', () => {
  it('sends the first request at once and, while it is on its way, only the newest of those that follow', async () => {
    const server = slowServer();
    const shown: string[] = [];
    const searches = latestOnly(server.run, (input, output) => shown.push(`${input}→${output}`), () => undefined);
    searches.request('p');
    searches.request('po');
    searches.request('pol');
    searches.request('poli');
    expect(server.asked.map((a) => a.input)).toEqual(['p']);
    server.asked[0].answer('results for p');
    await settle();
    // "p" is stale by now: its answer is dropped, and only "poli" is sent; "po" and "pol" never are.
    expect(shown).toEqual([]);
    expect(server.asked.map((a) => a.input)).toEqual(['p', 'poli']);
    server.asked[1].answer('results for poli');
    await settle();
    expect(shown).toEqual(['poli→results for poli']);
    // Idle again: the next keystroke goes at once.
    searches.request('polic');
    expect(server.asked.map((a) => a.input)).toEqual(['p', 'poli', 'polic']);
  });

  it('reports a failure for the newest request, and nothing at all once cancelled', async () => {
    const failures: string[] = [];
    const shown: string[] = [];
    const failing = latestOnly(
      (input: string) => Promise.reject(new Error(`no ${input}`)),
      (input) => shown.push(input),
      (input, error) => failures.push(`${input}: ${(error as Error).message}`),
    );
    failing.request('x');
    await settle();
    expect(failures).toEqual(['x: no x']);

    const server = slowServer();
    const cancelled = latestOnly(server.run, (input) => shown.push(input), () => undefined);
    cancelled.request('a');
    cancelled.request('ab');
    cancelled.cancel();
    server.asked[0].answer('late');
    await settle();
    cancelled.request('abc');
    expect(shown).toEqual([]);
    expect(server.asked.map((a) => a.input)).toEqual(['a']);
  });
});
