import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'data/**', 'viewer/dist/**'],
    testTimeout: 60_000,
    // Set-up hooks start servers and load TF.js: on a loaded 2-core machine that took over 10 s.
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
