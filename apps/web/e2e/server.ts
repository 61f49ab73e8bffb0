/**
 * The product as a user gets it: the dashboard built into apps/web/dist, served by the real API
 * server on 127.0.0.1 and a free port, over a temporary database (with or without the seeds).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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
  log: (line: string) => void;
}) => Promise<{ server: { address(): AddressInfo | string | null }; close(): Promise<unknown> }>;
const API_MODULE = '@nianbao/api';

export const WEB = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(WEB, '../..');
export const SAMPLES = join(ROOT, 'data/samples');

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/** Builds the dashboard unless dist/ is newer than every source file. */
export function ensureBuilt(): void {
  const index = join(WEB, 'dist/index.html');
  const sources = Math.max(newest(join(WEB, 'src')), newest(join(WEB, 'index.html')), newest(join(WEB, 'vite.config.ts')));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const r = spawnSync(process.execPath, [join(WEB, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: WEB,
    encoding: 'utf8',
    // vitest sets NODE_ENV=test, which would make vite bundle React's development build
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function serve(options: { seeds: boolean }): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
  const { startServer } = (await import(/* @vite-ignore */ API_MODULE)) as { startServer: StartServer };
  const app = await startServer({
    host: '127.0.0.1',
    port: 0,
    databasePath: join(dir, 'e2e.db'),
    webRoot: join(WEB, 'dist'),
    samplesDir: options.seeds ? SAMPLES : null,
    log: () => {},
  });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
