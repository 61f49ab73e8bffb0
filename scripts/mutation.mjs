#!/usr/bin/env node
/**
 * Mutation testing of packages/parser, packages/audit and packages/extract (issue 20).
 *
 *   pnpm mutation                    every package, one after another, incremental
 *   pnpm mutation --only audit       one package (repeat --only for several)
 *   pnpm mutation --json             prints { packages: { parser: { score, killed, survived, … }, … } }
 *   pnpm mutation --sample 8         the mutants of one source line in 8 (a stable choice; its own
 *                                    incremental file): what this shared 2-CPU machine can run
 *   pnpm mutation --concurrency 1    test-runner processes (default 2)
 *   pnpm mutation --full             ignore the incremental file and re-test every mutant
 *
 * Each package is one Stryker run whose mutants are tested by that package's own unit tests only
 * (scripts/mutation/vitest.config.ts), with per-test coverage so a mutant runs only the tests that
 * reach it, and the incremental file (scripts/mutation/<pkg>[.sample<n>].incremental.json,
 * committed) so only mutants in code or tests changed since the last run are tested again. Static
 * mutants (code run when a module loads) are ignored: each needs every test of the package. Mutants
 * listed in scripts/mutation/equivalent.mjs (no input tells them apart) are counted as ignored too.
 *
 * Stryker runs in a copy of the work tree, .stryker-tmp/<package>/repo (its own sandbox would lose
 * pnpm's per-package node_modules, and the tests find shared/ beside the repository): the files
 * git knows or would add, each package's node_modules links, the root node_modules linked, and
 * shared/ linked beside it. So the work tree can be edited while a run goes on; the incremental
 * file and the report are copied back when it ends.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EQUIVALENT, markEquivalent } from './mutation/equivalent.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'scripts/mutation');

/**
 * What is mutated in each package: the .ts files under src/, less tests, test helpers, type
 * declarations and what `skip` names.
 */
export const PACKAGES = {
  audit: {
    // rule-tester, testing and reference-reports are test helpers; bin/ is the rules-doc generator, which no test runs
    skip: [/\.test\.ts$/, /\/testing\.ts$/, /\/rule-tester\.ts$/, /\/reference-reports\.ts$/, /\/bin\//],
  },
  parser: {
    skip: [/\.test\.ts$/, /\/testing\.ts$/],
  },
  extract: {
    // The PDF reader is being rewritten (issue 12) and its tests take seconds a mutant: it is
    // measured once that lands, not now. Its tests are left out of these runs (see
    // scripts/mutation/vitest.config.ts), so they cannot kill mutants elsewhere either.
    skip: [/\.test\.ts$/, /\/testing\//, /\.d\.ts$/, /\/pdf\.ts$/, /\/pdf-layout\.ts$/],
  },
};

/** The files mutated in a package, as git lists them. */
function filesOf(pkg) {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', `packages/${pkg}/src`], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !PACKAGES[pkg].skip.some((re) => re.test(f)));
}

/** FNV-1a, to pick sample lines that stay the same from run to run. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Stryker's `mutate`: every file, or with `sample` n > 1 the mutants of one line in n (chosen by a
 * hash of file and line, so a sample is the same from run to run and the incremental file holds).
 */
export function mutateOf(pkg, sample) {
  const files = filesOf(pkg);
  if (sample <= 1) return files;
  return files.flatMap((f) => {
    const lines = readFileSync(join(ROOT, f), 'utf8').split('\n');
    return lines.flatMap((_, i) => (hash(`${f}:${i + 1}`) % sample === 0 ? [`${f}:${i + 1}-${i + 1}`] : []));
  });
}

function parseArgs(argv) {
  const args = { json: false, full: false, only: [], child: null, sample: 1, concurrency: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--full') args.full = true;
    else if (a === '--only') args.only.push(...String(argv[++i] ?? '').split(','));
    else if (a.startsWith('--only=')) args.only.push(...a.slice(7).split(','));
    else if (a === '--child') args.child = argv[++i];
    else if (a === '--concurrency') args.concurrency = Number(argv[++i]);
    else if (a === '--sample') args.sample = Number(argv[++i]);
    else if (a.startsWith('--sample=')) args.sample = Number(a.slice(9));
    else if (a === '--') continue;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.sample) || args.sample < 1) throw new Error('--sample takes a whole number: 1 mutant line in n');
  for (const p of args.only) if (!(p in PACKAGES)) throw new Error(`unknown package ${p}; one of ${Object.keys(PACKAGES).join(', ')}`);
  return args;
}

/** Counts of a mutation-testing-report (mutation-testing-elements schema), as Stryker reports them. */
export function summarise(report) {
  const count = { killed: 0, survived: 0, timeout: 0, noCoverage: 0, ignored: 0, errors: 0 };
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === 'Killed') count.killed++;
      else if (m.status === 'Survived') count.survived++;
      else if (m.status === 'Timeout') count.timeout++;
      else if (m.status === 'NoCoverage') count.noCoverage++;
      else if (m.status === 'Ignored') count.ignored++;
      else count.errors++; // CompileError, RuntimeError: not counted in the score
    }
  }
  const detected = count.killed + count.timeout;
  const valid = detected + count.survived + count.noCoverage;
  return { score: valid ? Math.round((detected / valid) * 10000) / 100 : null, ...count };
}

/** A copy of the work tree to mutate in (see the header). */
function mirror(pkg) {
  const base = join(ROOT, '.stryker-tmp', pkg);
  const repo = join(base, 'repo');
  rmSync(base, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && existsSync(join(ROOT, f)));
  for (const f of files) {
    mkdirSync(dirname(join(repo, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(repo, f));
  }
  for (const group of ['packages', 'apps']) {
    for (const p of readdirSync(join(ROOT, group))) {
      const nm = join(ROOT, group, p, 'node_modules');
      if (existsSync(nm)) cpSync(nm, join(repo, group, p, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'));
  const shared = resolve(ROOT, '../shared');
  if (existsSync(shared)) symlinkSync(shared, join(base, 'shared'));
  return repo;
}

async function runChild(pkg, { full, sample, concurrency }) {
  const { Stryker } = await import('@stryker-mutator/core');
  process.env.MUTATION_PACKAGE = pkg; // read by scripts/mutation/vitest.config.ts in the test runners
  mkdirSync(OUT, { recursive: true });
  const mutate = mutateOf(pkg, sample);
  const repo = mirror(pkg);
  process.chdir(repo);
  const stryker = new Stryker({
    mutate,
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'scripts/mutation/vitest.config.ts', related: false },
    coverageAnalysis: 'perTest',
    inPlace: true,
    concurrency,
    // A static mutant (in code run when a module loads: rule metadata, the rubric, lookup tables)
    // needs every test of the package for each run; on this machine that is hours. They are
    // reported as Ignored and left out of the score (their number is printed with it).
    ignoreStatic: true,
    incremental: true,
    force: full,
    incrementalFile: `scripts/mutation/${pkg}${sample > 1 ? `.sample${sample}` : ''}.incremental.json`,
    reporters: ['clear-text', 'json', 'progress-append-only'],
    jsonReporter: { fileName: `reports/mutation/${pkg}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
    timeoutMS: 20_000,
    timeoutFactor: 2,
    disableTypeChecks: false, // vitest strips types without checking them
    checkers: [],
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
    thresholds: { high: 90, low: 75, break: null },
  });
  await stryker.runMutationTest();
  mkdirSync(join(ROOT, 'reports/mutation'), { recursive: true });
  for (const f of [`scripts/mutation/${pkg}${sample > 1 ? `.sample${sample}` : ''}.incremental.json`, `reports/mutation/${pkg}.json`]) copyFileSync(join(repo, f), join(ROOT, f));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) return runChild(args.child, args);
  const pkgs = args.only.length ? args.only : Object.keys(PACKAGES);
  const packages = {};
  for (const pkg of pkgs) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', pkg, '--sample', String(args.sample), '--concurrency', String(args.concurrency), ...(args.full ? ['--full'] : [])], {
      cwd: ROOT,
      // Stryker's own output goes to stderr so that --json prints nothing but the figures
      stdio: ['ignore', args.json ? 2 : 'inherit', 'inherit'],
    });
    if (child.status !== 0) {
      process.stderr.write(`mutation: the run for ${pkg} failed (exit ${child.status})\n`);
      process.exitCode = 1;
      continue;
    }
    const report = JSON.parse(readFileSync(join(ROOT, `reports/mutation/${pkg}.json`), 'utf8'));
    if (args.sample > 1) {
      // Stryker's report also carries the incremental file's verdicts for lines no longer in the
      // sample (after an edit moves lines): count only the mutants of the lines sampled now
      const lines = new Set(mutateOf(pkg, args.sample).map((r) => r.replace(/-\d+$/, '')));
      for (const [f, file] of Object.entries(report.files)) file.mutants = file.mutants.filter((m) => lines.has(`${f}:${m.location.start.line}`));
    }
    // mutants marked equivalent in scripts/mutation/equivalent.mjs: ignored, as a `Stryker disable` comment would
    const eq = markEquivalent(report, EQUIVALENT.filter((e) => e.file.startsWith(`packages/${pkg}/`)));
    for (const e of eq.killed) process.stderr.write(`mutation: marked equivalent but killed, remove the mark: ${e.file} ${e.line} ${e.mutator} ${e.replacement}\n`);
    for (const e of eq.unused) process.stderr.write(`mutation: marked equivalent but no such mutant (line changed or not sampled): ${e.file} ${e.line} ${e.mutator} ${e.replacement}\n`);
    packages[pkg] = { ...summarise(report), equivalent: eq.marked, sample: args.sample };
  }
  if (args.json) process.stdout.write(JSON.stringify({ packages }, null, 2) + '\n');
  else for (const [pkg, s] of Object.entries(packages)) process.stdout.write(`${pkg}: ${s.score} % (${s.killed} killed, ${s.timeout} timeout, ${s.survived} survived, ${s.noCoverage} no coverage)\n`);
}

// run when executed, not when imported
if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) await main();
