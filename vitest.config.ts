import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // The CLI, the bridge and the launcher run built (out/node/); build them from the sources under test.
    globalSetup: ['tests/helpers/build-node.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for a condition, not a time: a second (its default) is too short on a slow, loaded CI machine.
    expect: { poll: { timeout: 30_000 } },
    // Storage tests fsync real files; two cores are better spent on two workers than on oversubscription.
    maxWorkers: 2,
  },
});
