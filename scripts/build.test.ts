/**
 * The production build runs: `pnpm run build` (build.mjs) writes dist/main.js, and that file alone,
 * under plain Node (no tsx), serves the API on 127.0.0.1 from a fresh database.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'nianbao-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('the production build', () => {
  it('node dist/main.js serve answers /api/health', async () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toContain('built dist/main.js and analysis-worker.js');
    expect(existsSync(join(ROOT, 'dist/main.js'))).toBe(true);

    const port = await freePort();
    const server = spawn(
      process.execPath,
      [join(ROOT, 'dist/main.js'), 'serve', '--host', '127.0.0.1', '--port', String(port), '--db', join(dir, 'nianbao.db'), '--no-build'],
      { cwd: ROOT, env: { ...process.env, NIANBAO_DEMO: '', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    try {
      let health: Response | null = null;
      const deadline = Date.now() + 60_000;
      while (!health && Date.now() < deadline && server.exitCode === null) {
        health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
        if (!health) await new Promise((r) => setTimeout(r, 250));
      }
      expect(health?.status, output).toBe(200);
      // an empty database got the two sample reports, read by the bundled analysis worker
      expect(await health!.json()).toMatchObject({ status: 'ok', reports: 2 });
    } finally {
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
  }, 180_000);
});
