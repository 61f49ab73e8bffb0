/**
 * The product as a user gets it: the dashboard built into apps/web/dist, served by the real API
 * server on 127.0.0.1 and a free port, over a temporary database (with or without the seeds).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `startServer` of apps/api, typed here by the little the tests use: importing its type would make the
 * web typecheck walk the whole server and its packages.
 */
type StartServer = (options: {
  host: string;
  port: number;
  databasePath: string;
  webRoot: string;
  samplesDir: string | null;
  demo?: boolean;
  log: (line: string) => void;
}) => Promise<{ server: { address(): AddressInfo | string | null }; close(): Promise<unknown> }>;
const API_MODULE = '@nianbao/api';

export const WEB = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(WEB, '../..');
export const SAMPLES = join(ROOT, 'data/samples');
/** Real reports of other agencies and years (read-only, shared between the worktrees). */
export const CORPUS = process.env.NIANBAO_CORPUS ?? join(ROOT, '../shared/corpus');

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** Builds the dashboard unless dist/ is newer than every source file. */
export function ensureBuilt(): void {
  const index = join(WEB, 'dist/index.html');
  const sources = Math.max(
    newest(join(WEB, 'src')),
    newest(join(WEB, 'index.html')),
    newest(join(WEB, 'vite.config.ts')),
  );
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const r = spawnSync(
    process.execPath,
    [join(WEB, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: WEB,
      encoding: 'utf8',
      // vitest sets NODE_ENV=test, which would make vite bundle React's development build
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Uploads files through the import route, as the 导入 page does (one multipart request). Returns the
 * per-file results.
 */
export async function upload(url: string, paths: string[]): Promise<{ file: string; status: string }[]> {
  const form = new FormData();
  for (const p of paths) form.append('files', new Blob([readFileSync(p)]), p.split('/').pop()!);
  const res = await fetch(`${url}/api/reports`, { method: 'POST', body: form });
  const body = (await res.json()) as {
    results?: { file: string; status: string }[];
    error?: { message: string };
  };
  if (!res.ok || !body.results)
    throw new Error(`upload failed (${res.status}): ${body.error?.message ?? ''}`);
  return body.results;
}

/**
 * The corpus's reports but its README. The text copy of 淮安's PDF sorts first, so the PDF becomes
 * the second version of that report: the corpus also exercises versions.
 */
export const corpusFiles = () =>
  readdirSync(CORPUS)
    .filter((f) => !/^README/i.test(f))
    .sort()
    .map((f) => join(CORPUS, f));

/** A server over a fresh database with the seeds, the corpus (imported through the API), the generated demo province. */
export async function serve(options: {
  seeds: boolean;
  corpus?: boolean;
  demo?: boolean;
}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
  const { startServer } = (await import(/* @vite-ignore */ API_MODULE)) as { startServer: StartServer };
  const app = await startServer({
    host: '127.0.0.1',
    port: 0,
    databasePath: join(dir, 'e2e.db'),
    webRoot: join(WEB, 'dist'),
    samplesDir: options.seeds ? SAMPLES : null,
    demo: options.demo ?? false,
    log: () => {},
  });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  if (options.corpus) {
    const failed = (await upload(url, corpusFiles())).filter((r) => r.status === 'failed');
    if (failed.length)
      throw new Error(`corpus files failed to import: ${failed.map((r) => r.file).join(', ')}`);
  }
  return {
    url,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
