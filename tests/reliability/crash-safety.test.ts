import { describe, expect, it } from 'vitest';
import { crashHarness } from './crash-safety';

// 1,000 kills in all, as two chains on two libraries so both cores work. CRASH_KILLS lowers it for a quick local run.
const KILLS = Number(process.env.CRASH_KILLS ?? 1000);

describe('crash safety', () => {
  it(`keeps every case file whole and every acknowledged save through ${KILLS} SIGKILLs mid-save`, async () => {
    const chains = await Promise.all([
      crashHarness({ kills: Math.ceil(KILLS / 2), caseCount: 4, seed: 7 }),
      crashHarness({ kills: Math.floor(KILLS / 2), caseCount: 3, seed: 11 }),
    ]);
    expect(chains.flatMap((c) => c.failures)).toEqual([]);
    expect(chains.reduce((n, c) => n + c.kills, 0)).toBe(KILLS);
    // The kills must land during real work: saves were acknowledged, and some kills caught a save in flight.
    // (Loose bounds: on a loaded machine a writer may be killed before its first save. The harness widens the kill
    // window to the machine's save time, so a slow disk still sees about two saves a kill.)
    for (const chain of chains) expect(chain.acknowledged).toBeGreaterThan(chain.kills / 4);
    if (KILLS >= 200) expect(chains.reduce((n, c) => n + c.inFlightLanded, 0)).toBeGreaterThan(0);
  }, 900_000);
});
