import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The dashboard's browser tests alone: `npx vitest run -c apps/web/vitest.e2e.config.ts`. They build
 * the dashboard first when its sources are newer than apps/web/dist. One file at a time: each starts
 * a server and a Chromium, which is plenty for a small machine.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['e2e/**/*.test.ts'],
    // a flow of logins (scrypt) and page loads takes 35 s on a saturated 2-core runner: room for twice that
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
