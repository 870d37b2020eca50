import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Storage tests fsync real files; two cores are better spent on two workers than on oversubscription.
    maxWorkers: 2,
  },
});
