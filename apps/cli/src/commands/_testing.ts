/**
 * For the CLI's tests: what a command printed, kept per test (cleared, and the spies and stubbed
 * environment restored, after each). Call it in a describe block.
 */
import { join } from 'node:path';
import { afterEach, vi } from 'vitest';
import { ROOT } from '@nianbao/db';

export function cliOutput() {
  const out: string[] = [];
  const err: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    out.length = 0;
    err.length = 0;
  });
  return {
    out,
    err,
    /** console.log and console.error into `out` and `err`, one entry a call. */
    console() {
      vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
      vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
    },
    /**
     * What is written to stdout and stderr (the progress lines, `--json`, the tables) into `out` and
     * `err` as written, console.error into `err`; relative paths from data/samples, as `pnpm cli` run there.
     */
    streams() {
      vi.stubEnv('INIT_CWD', join(ROOT, 'data/samples'));
      vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
      vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
      vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
    },
  };
}
