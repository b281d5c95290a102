import { defineConfig } from 'vitest/config';

// Two projects: unit tests need no server; integration tests get the real Kafka and InfluxDB that
// scripts/services.sh starts (or reuses) before the first test.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'test/unit/**/*.test.ts',
            'test/golden/**/*.test.ts',
            'test/fuzz/**/*.test.ts',
            'test/scenarios/**/*.test.ts',
            'test/*.test.ts',
          ],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/services.setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
