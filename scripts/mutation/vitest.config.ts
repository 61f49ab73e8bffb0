import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The vitest configuration of a mutation run (scripts/mutation.mjs): the tests of the one package
// being mutated, named by MUTATION_PACKAGE, less those below. The PDF tests of packages/extract are
// left out: pdf.ts and pdf-layout.ts are not mutated while issue 12 rewrites them, and those tests
// cost seconds a mutant.
const pkg = process.env.MUTATION_PACKAGE ?? 'audit';
// Acceptance tests on whole documents (the seeds, the corpus, every format of them) are left out: a
// mutant reached by them costs seconds each on this machine, and the runs must finish in an hour.
// The scores are thus those of the unit tests, a lower bound of what the whole suite catches.
const EXCLUDE: Record<string, string[]> = {
  audit: ['packages/audit/src/corpus.test.ts', 'packages/audit/src/seeds.test.ts'],
  // position.test.ts reads a whole scanned PDF (pdf.js, then OCR of two pages): 20–50 s a mutant, and
  // its worker threads crash the test runner at exit (onnxruntime's Napi::Error), which Stryker
  // then restarts; the blank-PDF case of ocr/pipeline.mutation.test.ts reaches the same code
  extract: ['packages/extract/src/pdf*.test.ts', 'packages/extract/src/ocr/position.test.ts'],
  // property tests over thousands of damaged documents: they assert no crash rather than outcomes,
  // and take tens of seconds, which every mutant they reach would cost
  parser: ['packages/parser/src/fuzz.test.ts', 'packages/parser/src/formats.test.ts'],
};

// The whole-page OCR test (the JPEG page of ocr.test.ts, 20–40 s), the only one to reach the
// recogniser: run after the package's fast tests, so that with Stryker's bail a mutant a fast test
// kills never waits for it. Vitest's own order puts the slowest file first.
const LAST = [/\/ocr\/ocr\.test\.ts$/];

class SlowLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = (f: TestSpecification) => LAST.some((re) => re.test(f.moduleId));
    return [...sorted.filter((f) => !slow(f)), ...sorted.filter(slow)];
  }
}

export default defineConfig({
  root: join(import.meta.dirname, '../..'),
  test: {
    include: [`packages/${pkg}/src/**/*.test.ts`],
    exclude: ['**/node_modules/**', ...(EXCLUDE[pkg] ?? [])],
    // instrumented code on a loaded machine: the heaviest tests (LSH banding, property tests) need minutes
    testTimeout: 300_000,
    pool: 'forks',
    // Stryker runs each mutant in a worker thread; without isolation the modules a test file imports
    // (the rules, the parser, zod schemas: seconds to evaluate on this machine) stay loaded between
    // runs. Mutants are switched at run time, so the loaded code serves every mutant. A lazily built
    // cache (the region index, the default rubric) is built by the first run of each worker: a mutant
    // inside its builder mostly goes untested afterwards (it survives), and in the rare case that it
    // is the active mutant of that first run, the cache it builds stays for that worker's later runs.
    isolate: false,
    setupFiles: [join(import.meta.dirname, 'fresh-modules.ts')],
    sequence: { sequencer: SlowLast },
    poolOptions: { threads: { isolate: false }, forks: { isolate: false } },
  },
});
