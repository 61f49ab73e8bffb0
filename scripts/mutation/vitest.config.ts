import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The vitest configuration of a mutation run (scripts/mutation.mjs): the tests of the one package
// being mutated, named by MUTATION_PACKAGE. The PDF tests of packages/extract are left out: pdf.ts
// and pdf-layout.ts are not mutated while issue 12 rewrites them, and those tests cost seconds a
// mutant.
const pkg = process.env.MUTATION_PACKAGE ?? 'audit';

export default defineConfig({
  root: join(import.meta.dirname, '../..'),
  test: {
    include: [`packages/${pkg}/src/**/*.test.ts`],
    exclude: ['**/node_modules/**', ...(pkg === 'extract' ? ['packages/extract/src/pdf*.test.ts'] : [])],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
