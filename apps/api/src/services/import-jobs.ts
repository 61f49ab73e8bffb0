/**
 * Import jobs: a page declares the files it is about to send, uploads them in batches, and follows
 * each file's state and the job's progress by polling the job (by its id, so a reload finds it again).
 * The files are analysed in the store's worker pool (`Store.ingest`); the API's thread only audits
 * and writes them. Jobs are kept in memory: for the hours a page follows them, not across a restart.
 */
import { randomBytes } from 'node:crypto';
import { failed, summarise, type IngestResult, type InputFile, type PeerOutOfScope, type Store } from '@nianbao/core';
import type { ImportFileState, ImportJob, ImportJobList, IngestFields } from '@nianbao/contract';

/** Who started a job: only they (or an administrator) see it; its results go to the audit log in their name. */
export interface JobOwner {
  userId: number | null;
  actor: string;
  ip: string;
  /** The owner's region scope: the import refuses agencies outside it. */
  region: string | null;
}

interface JobFile {
  index: number;
  name: string;
  size: number;
  state: ImportFileState;
  results: IngestResult[];
  /** Held from upload until analysed. */
  bytes: Uint8Array | null;
}

interface Job {
  id: string;
  owner: JobOwner;
  fields: IngestFields;
  createdAt: string;
  finishedAt: string | null;
  /** Every file done, its audit entry being written: `done` once that is settled. */
  finishing: Promise<void> | null;
  files: JobFile[];
  /** Upload requests under way, and when the job last heard from its page. */
  uploads: number;
  lastActivity: number;
  /** The last batch queued: the next upload is answered once it is ingested (memory stays bounded). */
  lastBatch: Promise<void>;
}

export interface ImportJobsOptions {
  /** Called once a job has finished (every file done): the audit log entry (a failure to write it is left out: the import stands). */
  onFinish?: (job: { owner: JobOwner; results: IngestResult[] }) => Promise<void>;
  /** A report of another region that an import under a region scope copies or is copied by (the same). */
  onCopied?: (owner: JobOwner, peer: PeerOutOfScope) => Promise<void>;
  /** Files still waiting when the job's page has not uploaded anything for this long are given up. */
  abandonAfterMs?: number;
  /** Finished jobs are forgotten after this long. */
  keepMs?: number;
  /** At most this many jobs are kept (the oldest finished ones go first). */
  maxJobs?: number;
}

const now = () => new Date().toISOString();

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  /** One batch at a time, across jobs: the store has one writer, the pool does the parallel part. */
  private chain: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private readonly abandonAfterMs: number;
  private readonly keepMs: number;
  private readonly maxJobs: number;

  constructor(
    private readonly store: Store,
    private readonly options: ImportJobsOptions = {},
  ) {
    this.abandonAfterMs = options.abandonAfterMs ?? 10 * 60_000;
    this.keepMs = options.keepMs ?? 24 * 3600_000;
    this.maxJobs = options.maxJobs ?? 200;
    this.timer = setInterval(() => this.sweep(), Math.min(30_000, this.abandonAfterMs));
    this.timer.unref();
  }

  close() {
    clearInterval(this.timer);
  }

  create(owner: JobOwner, fields: IngestFields, files: { name: string; size: number }[]): Job {
    this.sweep();
    const job: Job = {
      id: randomBytes(8).toString('hex'),
      owner,
      fields,
      createdAt: now(),
      finishedAt: null,
      finishing: null,
      files: files.map((f, index) => ({ index, name: f.name, size: f.size, state: 'waiting', results: [], bytes: null })),
      uploads: 0,
      lastActivity: Date.now(),
      lastBatch: Promise.resolve(),
    };
    this.jobs.set(job.id, job);
    return job;
  }

  /** The job if `who` may see it: its owner, or an administrator. */
  get(id: string, who: JobOwner, admin: boolean): Job | undefined {
    this.sweep();
    const job = this.jobs.get(id);
    return job && (admin || job.owner.userId === who.userId) ? job : undefined;
  }

  /** The jobs of `who`, newest first. */
  list(who: JobOwner): ImportJobList {
    this.sweep();
    const mine = [...this.jobs.values()].filter((j) => j.owner.userId === who.userId).reverse();
    return { items: mine.map((j) => this.progress(j)) };
  }

  /** An upload request for the job begins (`end` when it is over). */
  beginUpload(job: Job): () => void {
    job.uploads++;
    job.lastActivity = Date.now();
    return () => {
      job.uploads--;
      job.lastActivity = Date.now();
    };
  }

  /** A declared file's bytes: why they are refused, or null once taken. */
  receive(job: Job, index: number, bytes: Uint8Array): string | null {
    const file = job.files[index];
    if (!file) return `导入任务中没有第 ${index + 1} 个文件`;
    if (file.state !== 'waiting') return null; // sent twice (a retried request): the first copy counts
    file.bytes = bytes;
    file.state = 'queued';
    job.lastActivity = Date.now();
    return null;
  }

  /**
   * Queues the files received (by index) for ingest; resolves once the previous batch of the job is
   * ingested, so that a page uploading faster than the server analyses is held back.
   */
  enqueue(job: Job, indexes: number[]): Promise<void> {
    const batch = indexes.map((i) => job.files[i]!).filter((f) => f.state === 'queued');
    const previous = job.lastBatch;
    const run = this.chain.then(() => this.ingest(job, batch));
    this.chain = run;
    job.lastBatch = run;
    return previous;
  }

  /** Gives up the files not uploaded or not yet started; those being analysed finish. Settled once the job is done, if it is. */
  async cancel(job: Job): Promise<void> {
    for (const f of job.files) {
      if (f.state === 'waiting' || f.state === 'queued') this.settle(f, failed(f.name, 'cancelled', `${f.name}：已取消导入，未处理`));
    }
    await this.finishIfDone(job);
  }

  private async ingest(job: Job, batch: JobFile[]): Promise<void> {
    const { owner, fields } = job;
    const fileOf = new Map<InputFile, JobFile>();
    const inOrder: JobFile[] = [];
    const overrides = { agency: fields.agency, year: fields.year, published: fields.published };
    const onPeerOutOfScope = (p: PeerOutOfScope) => void this.options.onCopied?.(owner, p).catch(() => undefined);
    async function* inputs(): AsyncGenerator<InputFile> {
      for (const f of batch) {
        // a file cancelled while it waited in the queue is skipped
        if (f.state !== 'queued' || !f.bytes) continue;
        f.state = 'processing';
        inOrder.push(f);
        const input: InputFile = { name: f.name, bytes: f.bytes, overrides, scope: owner.region, onPeerOutOfScope };
        fileOf.set(input, f);
        yield input;
      }
    }
    let position = 0;
    try {
      await this.store.ingest(inputs(), (result, input) => {
        const file = fileOf.get(input);
        if (!file) return;
        file.results.push(result);
        // results come in input order: the files before this one are complete (a zip may have many)
        while (inOrder[position] !== file && position < inOrder.length) this.done(inOrder[position++]!);
        if (!/\.zip$/i.test(file.name)) this.done(inOrder[position++]!);
      });
    } catch (e) {
      for (const f of batch) {
        if (f.state !== 'done' && !f.results.length) f.results.push(failed(f.name, 'internal', `${f.name}：处理时出错（${(e as Error).message}）`));
      }
    }
    for (const f of batch) if (f.state === 'processing') this.done(f);
    await this.finishIfDone(job);
  }

  private done(f: JobFile) {
    f.state = 'done';
    f.bytes = null;
  }

  private settle(f: JobFile, result: IngestResult) {
    f.results.push(result);
    this.done(f);
  }

  /**
   * Marks the job done once every file is, after its audit entry is written: whoever sees it done
   * finds it in the audit log too (on PostgreSQL the write is a round trip to the server, still under
   * way when a job marked done first was read).
   */
  private finishIfDone(job: Job): Promise<void> {
    if (job.finishedAt) return Promise.resolve();
    if (job.finishing) return job.finishing;
    if (job.files.some((f) => f.state !== 'done')) return Promise.resolve();
    const entry = this.options.onFinish?.({ owner: job.owner, results: job.files.flatMap((f) => f.results) }) ?? Promise.resolve();
    job.finishing = entry
      // the audit log could not be written: the import itself stands
      .catch(() => undefined)
      .then(() => {
        job.finishedAt = now();
      });
    return job.finishing;
  }

  /** Gives up files a closed page will never send, and forgets old finished jobs. */
  sweep(at = Date.now()) {
    for (const job of this.jobs.values()) {
      if (job.finishedAt || job.uploads || at - job.lastActivity < this.abandonAfterMs) continue;
      let gaveUp = false;
      for (const f of job.files) {
        if (f.state !== 'waiting') continue;
        this.settle(f, failed(f.name, 'not-uploaded', `${f.name}：文件没有上传到服务器（上传时页面被关闭或刷新），请重新选择该文件导入`));
        gaveUp = true;
      }
      if (gaveUp) void this.finishIfDone(job);
    }
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt);
    for (const j of finished) if (at - Date.parse(j.finishedAt!) > this.keepMs) this.jobs.delete(j.id);
    for (const j of finished) if (this.jobs.size > this.maxJobs) this.jobs.delete(j.id);
  }

  private progress(job: Job): Omit<ImportJob, 'files'> {
    const results = job.files.flatMap((f) => f.results);
    const received = job.files.filter((f) => f.state !== 'waiting').length;
    const done = job.files.filter((f) => f.state === 'done').length;
    return {
      id: job.id,
      state: job.finishedAt ? 'done' : received < job.files.length ? 'uploading' : 'running',
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
      total: job.files.length,
      received,
      done,
      summary: summarise(results),
    };
  }

  /** The job as the API answers it. */
  view(job: Job): ImportJob {
    return {
      ...this.progress(job),
      files: job.files.map(({ index, name, size, state, results }) => ({ index, name, size, state, results })),
    };
  }
}

export type { Job as ImportJobRecord };
