import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // The CLI, the bridge and the launcher run built (out/node/); build them from the sources under test.
    globalSetup: ['tests/helpers/build-node.ts'],
    // Generous: CI runs on a machine several times slower than ours and under load. A timeout here only says
    // "too slow", which is for the benchmarks in bench/ to measure, never for a test to decide.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // expect.poll waits for a condition, not a time: a second (its default) is too short on a slow, loaded CI machine.
    expect: { poll: { timeout: 30_000 } },
    // Storage tests fsync real files; two cores are better spent on two workers than on oversubscription.
    maxWorkers: 2,
  },
});
