// The production build: the command line (and with it the API server) and the analysis worker as
// two JavaScript bundles in dist/, so that `npm start` runs compiled code (tsx is for development
// and tests). The workspace's TypeScript is bundled; third-party packages are not: each import is
// pointed at the file Node itself would load from node_modules, so they run exactly as under tsx.
// `import.meta.dirname` / `.url` in a workspace file keep meaning that file's own folder (the rubric,
// the migrations, the PDF worker are found where they are in the checkout).
// Code splitting: each command (a dynamic import in apps/cli/src/main.ts) is a chunk of its own, and
// a third-party package is imported by the chunks that use it. In one file, esbuild hoists every
// external import to the top, so `--help` loaded Fastify, drizzle, pdf.js's host and the rest (1.1–1.5 s).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const posix = (p) => p.split(sep).join('/');
const workspace = (path) => {
  const rel = posix(relative(ROOT, path));
  return /^(apps|packages)\/[^/]+\/src\//.test(rel) && !rel.includes('/node_modules/');
};

/** Bare imports outside the workspace: external, as a path from OUT to the module Node would load. */
const thirdParty = (OUT) => ({
  name: 'third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('node:') || args.path.startsWith('@nianbao/') || args.pluginData?.inner) return undefined;
      const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { inner: true } });
      if (r.errors.length) return { errors: r.errors };
      if (workspace(r.path)) return undefined;
      if (!r.path.includes(`${sep}node_modules${sep}`)) return { path: args.path, external: true }; // a Node built-in
      return { path: './' + posix(relative(OUT, r.path)), external: true };
    });
  },
});

/** `import.meta.dirname` and `import.meta.url` of a workspace file, kept pointing at that file. */
const ownPaths = (OUT) => ({
  name: 'own-paths',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!workspace(args.path)) return undefined;
      let text = await readFile(args.path, 'utf8');
      // the pool picks its worker by where it runs: the bundle's own analysis-worker.js
      if (!/\/core\/src\/pool\.ts$/.test(posix(args.path)) && /import\.meta\.(dirname|url|filename)/.test(text)) {
        const dir = JSON.stringify(posix(relative(OUT, dirname(args.path))));
        const file = JSON.stringify(posix(relative(OUT, args.path)));
        text =
          `import { join as __nbJoin } from 'node:path';\nimport { pathToFileURL as __nbUrl } from 'node:url';\n` +
          text
            .replaceAll('import.meta.dirname', `__nbJoin(import.meta.dirname, ${dir})`)
            .replaceAll('import.meta.filename', `__nbJoin(import.meta.dirname, ${file})`)
            .replaceAll('import.meta.url', `__nbUrl(__nbJoin(import.meta.dirname, ${file})).href`);
      }
      return { contents: text, loader: 'ts' };
    });
  },
});

/**
 * Bundles `entryPoints` ({ name: source }) into `outdir` as the product is built; the benchmark
 * builds its first-PDF probe with it, so that it measures the code `npm start` runs.
 */
export async function bundle(entryPoints, outdir = DIST) {
  // the chunks' names carry a hash of their content: those of an earlier build are dropped
  if (existsSync(outdir)) for (const f of readdirSync(outdir)) if (/-[A-Z0-9]{8}\.js(\.map)?$/.test(f)) rmSync(join(outdir, f));
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['node'],
    sourcemap: true,
    logLevel: 'warning',
    plugins: [thirdParty(outdir), ownPaths(outdir)],
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundle({ main: join(ROOT, 'apps/cli/src/main.ts'), 'analysis-worker': join(ROOT, 'packages/core/src/analysis-worker.ts') });
  console.log(`built ${posix(relative(ROOT, DIST))}/main.js and analysis-worker.js`);
}
