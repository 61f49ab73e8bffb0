import { vi } from 'vitest';

// Run before each test file of a mutation run (scripts/mutation/vitest.config.ts): the modules of
// the repository are evaluated afresh for each file, so a cache a module builds lazily (label
// verdicts, folded labels, the region index, the default rubric) never outlives the test file that
// built it. Without it, a mutant in code behind such a cache ran only for the first test file of a
// worker and "survived" every later one, and a cache built while a mutant was active poisoned the
// runs of the mutants after it. Packages under node_modules stay loaded (they are not mutated).
vi.resetModules();
