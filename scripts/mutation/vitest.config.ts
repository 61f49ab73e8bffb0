import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The vitest configuration of a mutation run (scripts/mutation.mjs): the tests of the one package
// being mutated, named by MUTATION_PACKAGE, less those below. The PDF tests of packages/extract are
// left out: pdf.ts and pdf-layout.ts are not mutated while issue 12 rewrites them, and those tests
// cost seconds a mutant.
const pkg = process.env.MUTATION_PACKAGE ?? 'audit';
const EXCLUDE: Record<string, string[]> = {
  extract: ['packages/extract/src/pdf*.test.ts'],
  // property tests over thousands of damaged documents: they assert no crash rather than outcomes,
  // and take tens of seconds, which every mutant they reach would cost
  parser: ['packages/parser/src/fuzz.test.ts'],
};

export default defineConfig({
  root: join(import.meta.dirname, '../..'),
  test: {
    include: [`packages/${pkg}/src/**/*.test.ts`],
    exclude: ['**/node_modules/**', ...(EXCLUDE[pkg] ?? [])],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
