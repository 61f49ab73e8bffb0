import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './gen';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'nianbao-gen-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('cli gen', () => {
  it('writes a province to a folder with its truth manifest', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const out = join(tmp(), 'province');
    const code = await run(['--out', out, '--agencies', '4', '--years', '2', '--seed', '3', '--rate', 'late-date=1', '--rate', 'missing-date=0', '--cells']);
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(3);
    expect(manifest.years).toEqual([2024, 2025]);
    expect(manifest.agencies).toHaveLength(4);
    expect(manifest.reports).toHaveLength(8);
    for (const r of manifest.reports) {
      expect(existsSync(join(out, r.fileName)), r.fileName).toBe(true);
      expect(r.truth.rules).toContain('time.late');
      expect(r.truth.defects.map((d: { kind: string }) => d.kind)).toContain('late-date');
      expect(Object.keys(r.truth.cells).length).toBeGreaterThan(100);
    }
    expect(readdirSync(out).sort()).toEqual(['manifest.json', ...manifest.reports.map((r: { fileName: string }) => r.fileName)].sort());
  });

  it('writes the same province again for the same seed, and a clean one with --clean', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const [a, b, c] = [tmp(), tmp(), tmp()];
    await run(['--out', a, '--agencies', '3', '--years', '1', '--seed', '8']);
    await run(['--out', b, '--agencies', '3', '--years', '1', '--seed', '8']);
    await run(['--out', c, '--agencies', '3', '--years', '1', '--seed', '8', '--clean', '--formats', 'html']);
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    const clean = JSON.parse(readFileSync(join(c, 'manifest.json'), 'utf8'));
    expect(clean.reports.every((r: { format: string; truth: { rules: string[] } }) => r.format === 'html' && r.truth.rules.length === 0)).toBe(true);
  });

  it('refuses bad arguments', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run([])).toBe(2);
    expect(await run(['--out', tmp(), '--formats', 'pdf'])).toBe(2);
    expect(await run(['--out', tmp(), '--rate', 'no-such-defect=0.5'])).toBe(2);
    expect(await run(['--out', tmp(), '--rate', 'late-date=2'])).toBe(2);
  });
});
