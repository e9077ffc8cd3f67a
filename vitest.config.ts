import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'data/**', 'viewer/dist/**'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
