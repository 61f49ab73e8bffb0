import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';

/** The first page is 总览; its JS (entry + the overview chunk + what they import statically) must stay under this. */
const FIRST_PAGE_LIMIT_KB = 500;

interface OutChunk {
  type: 'chunk';
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  facadeModuleId: string | null;
  modules: Record<string, { renderedLength: number }>;
}

/** Prints every chunk's gzipped size and the first page's total; fails the build above the limit. */
function bundleSizes(): Plugin {
  return {
    name: 'nianbao-bundle-sizes',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter(
        (c): c is OutChunk & typeof c => c.type === 'chunk',
      ) as unknown as OutChunk[];
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const gz = new Map(chunks.map((c) => [c.fileName, gzipSync(c.code).length]));
      /** The chunks the roots load: their static imports, and with `lazy` what they load on demand (not the entry's other routes). */
      const closure = (roots: OutChunk[], lazy = false) => {
        const seen = new Set<string>();
        const walk = (c: OutChunk) => {
          if (seen.has(c.fileName)) return;
          seen.add(c.fileName);
          for (const i of [...c.imports, ...(lazy && !c.isEntry ? c.dynamicImports : [])]) {
            const next = byName.get(i);
            if (next) walk(next);
          }
        };
        roots.forEach(walk);
        return seen;
      };
      const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} kB`;
      const lines = [...chunks]
        .sort((a, b) => gz.get(b.fileName)! - gz.get(a.fileName)!)
        .map((c) => `  ${kb(c.code.length)} ${kb(gz.get(c.fileName)!)} gzip  ${c.fileName}`);
      const entry = chunks.filter((c) => c.isEntry);
      const overview = chunks.filter((c) => c.facadeModuleId?.endsWith('pages/OverviewPage.tsx'));
      const first = closure([...entry, ...overview]);
      const whole = closure([...entry, ...overview], true);
      const size = (set: Set<string>) => [...set].reduce((s, f) => s + gz.get(f)!, 0);
      const [firstGz, wholeGz] = [size(first), size(whole)];
      console.log(`\nJS chunks (raw, gzip):\n${lines.join('\n')}`);
      if (process.env.BUNDLE_DETAIL) {
        // which packages weigh what in each chunk (rendered bytes, before gzip)
        for (const c of chunks) {
          const byPkg = new Map<string, number>();
          for (const [id, m] of Object.entries(c.modules)) {
            const pkg =
              /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1] ??
              id.replace(/.*\/work\/main\//, '');
            byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + m.renderedLength);
          }
          const top = [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 6);
          console.log(`  ${c.fileName}: ${top.map(([p, n]) => `${p} ${(n / 1024).toFixed(0)}k`).join(', ')}`);
        }
      }
      const list = (set: Set<string>) => [...set].map((f) => f.replace(/^assets\//, '')).join(', ');
      console.log(
        `\nFirst page (总览) JS: ${(firstGz / 1024).toFixed(1)} kB gzip before its first paint (${first.size} chunks: ${list(first)});` +
          `\n  ${(wholeGz / 1024).toFixed(1)} kB gzip with the charts it loads next (limit ${FIRST_PAGE_LIMIT_KB} kB, on the whole)\n`,
      );
      if (!overview.length)
        this.error('bundle-sizes: no chunk for pages/OverviewPage.tsx (is it still lazy-loaded?)');
      if (wholeGz > FIRST_PAGE_LIMIT_KB * 1024)
        this.error(`first page JS is ${(wholeGz / 1024).toFixed(1)} kB gzip, over ${FIRST_PAGE_LIMIT_KB} kB`);
    },
  };
}

/**
 * pdf.js's character maps and standard fonts, beside the build (dist/pdfjs/): the report page's PDF
 * viewer reads them from there, as files, not as part of any chunk.
 */
function pdfjsAssets(): Plugin {
  return {
    name: 'nianbao-pdfjs-assets',
    apply: 'build',
    writeBundle(options) {
      const pkg = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
      const out = join(options.dir ?? 'dist', 'pdfjs');
      for (const dir of ['cmaps', 'standard_fonts']) cpSync(join(pkg, dir), join(out, dir), { recursive: true });
    },
  };
}

export default defineConfig(() => {
  const plugins: PluginOption[] = [react(), bundleSizes(), pdfjsAssets()];
  return {
    plugins,
    // `vite` in dev: the API server (`pnpm serve`, port 3000) answers /api
    server: {
      host: '127.0.0.1',
      port: 5173,
      proxy: {
        '/api': {
          target: 'http://127.0.0.1:3000',
          changeOrigin: true,
          // the API accepts changes only from its own origin (CSRF): the dev page speaks for it
          configure: (proxy) =>
            proxy.on('proxyReq', (req) => {
              if (req.getHeader('origin')) req.setHeader('origin', 'http://127.0.0.1:3000');
            }),
        },
      },
    },
    build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  };
});
