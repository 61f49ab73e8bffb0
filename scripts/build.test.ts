/**
 * The production build runs: `pnpm run build` (build.mjs) writes dist/main.js, and that file alone,
 * under plain Node (no tsx), serves the API on 127.0.0.1 from a fresh database, audits a PDF, and
 * loads a command's packages only when that command runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

/** The modules `file` (in dist/) imports statically, and theirs, as paths relative to dist/. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  for (const [, spec] of readFileSync(join(ROOT, 'dist', file), 'utf8').matchAll(/^(?:import|export) [^;]*?"(\.\/[^"]+)";$/gms)) {
    const path = spec!.slice(2);
    if (seen.has(path)) continue;
    seen.add(path);
    if (!path.startsWith('../')) staticImports(path, seen);
  }
  return seen;
}

describe('the production build', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toContain('built dist/main.js and analysis-worker.js');
    expect(existsSync(join(ROOT, 'dist/main.js'))).toBe(true);
  }, 120_000);

  it('loads no third-party package before a command is chosen (each command a chunk of its own)', () => {
    const loaded = [...staticImports('main.js')];
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((p) => p.includes('node_modules'))).toEqual([]);
    const help = spawnSync(process.execPath, [join(ROOT, 'dist/main.js')], { cwd: ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stderr.match(/^ {2}\S+/gm)?.map((s) => s.trim())).toEqual(
      ['audit', 'ingest', 'rescore', 'export', 'notice', 'agency', 'serve', 'users', 'backup', 'migrate-to', 'gen'],
    );
  });

  it('node dist/main.js audit reads a PDF', () => {
    const pdf = 'packages/extract/fixtures/004_52ba3b16510502cd.pdf';
    const audit = spawnSync(process.execPath, [join(ROOT, 'dist/main.js'), 'audit', pdf], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(audit.status, audit.stderr).toBe(0);
    expect(audit.stdout.split('\n').slice(0, 4)).toEqual([
      `■ ${pdf}`,
      '  机关：新余市文广新旅局（江西省新余市）  年度：2019  格式：2019 版  发布日期：2020-01-15',
      '  得分：100  等次：优秀',
      '  分项：内容完整性 40  数据准确性 30  格式规范性 20  发布及时性 10',
    ]);
  });

  it('node dist/main.js serve answers /api/health', async () => {
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
