/**
 * A pool of worker threads running `analyze` (extract → parse) and opening zip archives, so that the
 * store's single writer keeps ingesting while the next files are analysed, and a big upload does not
 * block the API's event loop. The pool is tinypool's (queueing, replacing a worker that dies, idle
 * workers not keeping the process alive); each worker runs analysis-worker.
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { ReportError } from '@nianbao/model';
import type { Overrides } from '@nianbao/parser';
import type { Analysis } from './auditor';
import type { Document } from '@nianbao/extract';
import type { analyze, expand, extract, HashedExpansion } from './analysis-worker';

export type { HashedExpansion };

/** Workers to use by default: ANALYSIS_WORKERS, else one per available core. */
export function defaultWorkers(): number {
  const n = Number(process.env.ANALYSIS_WORKERS);
  return Number.isInteger(n) && n >= 0 && process.env.ANALYSIS_WORKERS !== '' ? n : availableParallelism();
}

/**
 * The worker's module: the compiled analysis-worker.js beside a compiled pool, else (sources run by
 * tsx or vitest) a small entry that registers tsx's loader first, which worker threads do not inherit.
 */
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('./analysis-worker-tsx.mjs', import.meta.url).href
  : new URL('./analysis-worker.js', import.meta.url).href;

export class AnalysisPool {
  private readonly pool: Tinypool;

  constructor(readonly size: number) {
    this.pool = new Tinypool({ filename: WORKER, minThreads: size, maxThreads: size, idleTimeout: 0 });
  }

  analyze(bytes: Uint8Array, file: string, overrides: Overrides, sha256?: string): Promise<Analysis | ReportError> {
    const task: Parameters<typeof analyze>[0] = { bytes, file, overrides, sha256 };
    return this.pool.run(task, { name: 'analyze' });
  }

  /** `expandZip` in a worker: the archive's files (or why not), inflated and hashed off the caller's thread. */
  expand(bytes: Uint8Array, file: string): Promise<HashedExpansion> {
    const task: Parameters<typeof expand>[0] = { bytes, file };
    return this.pool.run(task, { name: 'expand' });
  }

  /** `extract` in a worker: a stored file read again (OCR included) off the caller's thread. */
  extract(bytes: Uint8Array, file: string): Promise<Document> {
    const task: Parameters<typeof extract>[0] = { bytes, file };
    return this.pool.run(task, { name: 'extract' });
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
