/**
 * A pool of worker threads running `analyze` (extract → parse), so that the store's single
 * writer keeps ingesting while the next files are analysed, and a big upload does not block the
 * API's event loop. Workers load the TypeScript sources through tsx's loader, which they register
 * themselves (worker threads do not inherit it, under tsx or vitest).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ZipExpansion } from '@nianbao/extract';
import type { ReportError } from '@nianbao/model';
import type { Overrides } from '@nianbao/parser';
import type { Analysis } from './auditor';

/** A file to analyse, or (`expand`) a zip archive to open: inflating is CPU work the API's thread must not do. */
export interface AnalysisTask {
  id: number;
  kind: 'analyze' | 'expand';
  bytes: Uint8Array;
  file: string;
  overrides: Overrides;
}

/** A zip archive's files with the SHA-256 of each. */
export interface HashedExpansion extends ZipExpansion {
  entries: (ZipExpansion['entries'][number] & { sha256: string })[];
}

type Reply = { id: number; result: Analysis | ReportError | ZipExpansion } | { id: number; error: string };

interface Pending {
  task: AnalysisTask;
  resolve: (r: Analysis | ReportError | ZipExpansion) => void;
  reject: (e: Error) => void;
}

/** Workers to use by default: ANALYSIS_WORKERS, else one per available core. */
export function defaultWorkers(): number {
  const n = Number(process.env.ANALYSIS_WORKERS);
  return Number.isInteger(n) && n >= 0 && process.env.ANALYSIS_WORKERS !== '' ? n : availableParallelism();
}

/** The worker's entry: registers tsx's loader (not inherited by worker threads), then loads the TypeScript worker. */
function workerSource(): string {
  const tsx = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsx, 'dist/esm/api/index.mjs')).href;
  const worker = new URL('./analysis-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
}

export class AnalysisPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  analyze(bytes: Uint8Array, file: string, overrides: Overrides): Promise<Analysis | ReportError> {
    return this.run('analyze', bytes, file, overrides) as Promise<Analysis | ReportError>;
  }

  /** `expandZip` in a worker: the archive's files (or why not), inflated and hashed off the caller's thread. */
  expand(bytes: Uint8Array, file: string): Promise<HashedExpansion> {
    return this.run('expand', bytes, file, {}) as Promise<HashedExpansion>;
  }

  private run(kind: AnalysisTask['kind'], bytes: Uint8Array, file: string, overrides: Overrides) {
    if (this.closed) return Promise.reject(new Error('analysis pool closed'));
    return new Promise<Analysis | ReportError | ZipExpansion>((resolve, reject) => {
      this.queue.push({ task: { id: this.nextId++, kind, bytes, file, overrides }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('analysis pool closed'));
    const all = [...this.idle.splice(0), ...this.busy.keys()];
    for (const [, p] of this.busy) p.reject(new Error('analysis pool closed'));
    this.busy.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(workerSource(), { eval: true });
    worker.unref(); // referenced only while it has a task: an idle pool does not keep the process alive
    worker.on('message', (reply: Reply) => {
      const p = this.busy.get(worker);
      if (!p || p.task.id !== reply.id) return;
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.result);
      this.dispatch();
    });
    // a worker that dies (out of memory, a crash in a native module) fails its task and is replaced
    worker.on('error', (e) => this.lost(worker, e));
    worker.on('exit', (code) => this.lost(worker, new Error(`analysis worker exited (${code})`)));
    return worker;
  }

  private lost(worker: Worker, e: Error) {
    const p = this.busy.get(worker);
    const idle = this.idle.indexOf(worker);
    if (!p && idle < 0) return;
    this.busy.delete(worker);
    if (idle >= 0) this.idle.splice(idle, 1);
    p?.reject(e);
    if (!this.closed) {
      this.idle.push(this.spawn());
      this.dispatch();
    }
  }

  private dispatch() {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const p = this.queue.shift()!;
      this.busy.set(worker, p);
      worker.ref();
      worker.postMessage(p.task);
    }
  }
}
