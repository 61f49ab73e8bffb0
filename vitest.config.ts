import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.ts', 'eslint/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
