import { defineConfig } from 'vitest/config';
// by path, not as @nianbao/db/pg/test-server: vitest bundles a config's relative imports, while a
// package it would leave to Node, which cannot load TypeScript
import { pgAvailable } from './packages/db/src/pg/test-server';

/**
 * Two projects: every test once on SQLite (`sqlite`), and the API's tests again on PostgreSQL
 * (`api-postgres`: NIANBAO_TEST_ENGINE=postgres makes apps/api/src/testing.ts open each test's
 * database on one throwaway server, started by its global setup). Without a server the second
 * project is left out on a developer's machine; under CI `pgAvailable()` throws, so the run fails
 * instead of passing on SQLite alone.
 */
const shared = { testTimeout: 30_000, pool: 'forks' } as const;

/**
 * API tests left out of the PostgreSQL run: those about both engines already, or about neither (run
 * once, in the SQLite project). The two servers' load on PostgreSQL is two-servers-load.test.ts.
 */
const apiOnce = [
  'apps/api/src/serve-engines.test.ts',
  'apps/api/src/accounts-engines.test.ts',
  'apps/api/src/migrate-engines.test.ts',
  'apps/api/src/services/login-limit.test.ts',
];

export default defineConfig({
  test: {
    ...shared,
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.ts', 'eslint/*.test.ts'],
        },
      },
      ...(pgAvailable()
        ? [
            {
              test: {
                ...shared,
                name: 'api-postgres',
                include: ['apps/api/src/**/*.test.ts'],
                exclude: apiOnce,
                env: { NIANBAO_TEST_ENGINE: 'postgres' },
                globalSetup: ['apps/api/src/pg-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
