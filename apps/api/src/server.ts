/**
 * Starting the server (`pnpm run serve`, `nianbao serve`): HOST (127.0.0.1), PORT (3000) and
 * DATABASE_PATH (data/nianbao.db); an empty database first gets the sample reports of data/samples.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ROOT, Store, summarise } from '@nianbao/db';
import { buildApp } from './app';

export interface ServerOptions {
  host?: string;
  port?: number;
  databasePath?: string;
  webRoot?: string | null;
  /** Ingested when the database is empty; null to skip. */
  samplesDir?: string | null;
  log?: (line: string) => void;
}

export async function startServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  const log = options.log ?? ((line: string) => console.log(line));
  const store = new Store({ path: options.databasePath ?? (process.env.DATABASE_PATH || undefined) });
  const samples = options.samplesDir === undefined ? join(ROOT, 'data/samples') : options.samplesDir;
  if (samples && store.isEmpty()) {
    const files = (await readdir(samples).catch(() => [] as string[])).filter((f) => !f.startsWith('.')).sort();
    const results = await store.ingest(
      (async function* () {
        for (const f of files) yield { name: join('data/samples', f), bytes: await readFile(join(samples, f)) };
      })(),
    );
    const s = summarise(results);
    log(`数据库为空，已导入示例报告：新增 ${s.ingested} 份，失败 ${s.failed} 份`);
  }
  const app = await buildApp({ store, webRoot: options.webRoot, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  app.addHook('onClose', async () => store.close());
  await app.listen({ host, port });
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  log(`年度报告审查平台已启动：http://${shown}:${port}/  （接口文档 http://${shown}:${port}/api/docs，数据库 ${store.path}）`);
  return app;
}
