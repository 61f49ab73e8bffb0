/**
 * Starting the server (`pnpm run serve`, `nianbao serve`): HOST (127.0.0.1), PORT (3000) and
 * DATABASE_PATH (data/nianbao.db), or DATABASE_URL (`postgres://…`: reports, reads and accounts on
 * PostgreSQL, `pg` loaded only then); an empty database first gets the sample reports of data/samples,
 * and `demo` (NIANBAO_DEMO=1) adds a generated demo province, flagged as such, once.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ROOT } from '@nianbao/db';
import { defaultWorkers, Store, summarise } from '@nianbao/core';
import { buildApp } from './app';

export interface ServerOptions {
  host?: string;
  port?: number;
  databasePath?: string;
  /** `postgres://…`: the database server to use instead of a SQLite file (default DATABASE_URL). */
  databaseUrl?: string;
  webRoot?: string | null;
  /** Ingested when the database is empty; null to skip. */
  samplesDir?: string | null;
  /**
   * Also ingest the demo province (packages/generator) unless it is there; default NIANBAO_DEMO=1.
   * Options make it smaller (tests).
   */
  demo?: boolean | DemoSize;
  /** Remove the demo province first (`serve --remove-demo`). */
  removeDemo?: boolean;
  log?: (line: string) => void;
}

/**
 * Generates the demo province (a few dozen agencies of 江西省 over 2019–2025, packages/generator) and
 * ingests it with its agencies and reports flagged `demo`, kept apart from real ones. Reproducible:
 * run again, it finds the same files unchanged.
 */
export interface DemoSize {
  agencies?: number;
  years?: number;
}

export async function ingestDemo(store: Store, options: DemoSize = {}) {
  const { demoProvince } = await import('@nianbao/generator');
  const province = demoProvince(options);
  const results = await store.ingest(province.files.map((f) => ({ name: f.name, bytes: f.bytes, demo: true })));
  return { province: province.province, years: province.years, results, summary: summarise(results) };
}

export async function startServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  const log = options.log ?? ((line: string) => console.log(line));
  const url = options.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  const pg = url ? await import('@nianbao/db/pg') : null;
  if (url && !pg!.isPostgresUrl(url)) throw new Error(`DATABASE_URL 应以 postgres:// 开头，收到 “${String(url).replace(/\/\/[^@/]*@/, '//…@')}”`);
  const store = pg
    ? new Store({ storage: await pg.openStorage(url), workers: defaultWorkers() })
    : new Store({ path: options.databasePath ?? (process.env.DATABASE_PATH || undefined), workers: defaultWorkers() });
  const accounts = pg ? await pg.openAccounts(url) : undefined;
  if (options.removeDemo && (await store.hasDemo())) {
    log(`已删除示例省份的 ${(await store.removeDemo()).reports} 份报告（示例数据）`);
  }
  const samples = options.samplesDir === undefined ? join(ROOT, 'data/samples') : options.samplesDir;
  if (samples && (await store.isEmpty())) {
    const files = (await readdir(samples).catch(() => [] as string[])).filter((f) => !f.startsWith('.')).sort();
    const results = await store.ingest(
      (async function* () {
        for (const f of files) yield { name: join('data/samples', f), bytes: await readFile(join(samples, f)) };
      })(),
    );
    const s = summarise(results);
    log(`数据库为空，已导入示例报告：新增 ${s.ingested} 份，失败 ${s.failed} 份`);
  }
  const demo = options.demo ?? /^(1|true|yes)$/i.test(process.env.NIANBAO_DEMO ?? '');
  if (demo && !(await store.hasDemo())) {
    log('正在生成并导入示例省份（示例数据，非真实报告）…');
    const { province, years, summary } = await ingestDemo(store, demo === true ? {} : demo);
    log(
      `已导入示例省份${province.name} ${years[0]}–${years.at(-1)} 年的报告：新增 ${summary.ingested + summary.newVersions} 份，失败 ${summary.failed} 份（在看板中标为“示例数据”）`,
    );
  }
  const app = await buildApp({ store, accounts, host, webRoot: options.webRoot, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  app.addHook('onClose', async () => {
    await accounts?.close();
    await store.close();
  });
  try {
    await app.listen({ host, port });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`端口 ${port} 已被占用：请关闭占用它的程序，或换一个端口（PORT=${port + 1} npm start）`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new Error(`无法监听地址 ${host}：本机没有这个地址（HOST）`);
    throw e;
  }
  const bound = app.server.address();
  const actual = bound && typeof bound === 'object' ? bound.port : port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  log(`年度报告审查平台已启动：http://${shown}:${actual}/  （接口文档 http://${shown}:${actual}/api/docs，数据库 ${store.path}）`);
  if (await app.isLocalMode()) log('单用户本机模式：尚未创建账号，本机访问无需登录。创建管理员账号：echo "一个足够长的密码" | npx -y pnpm@10 --silent users add 用户名 --role admin');
  else if (!await app.accounts.hasUsers()) log('尚未创建账号，而服务监听的不是本机地址：除健康检查外均需登录。请先创建账号：echo "一个足够长的密码" | npx -y pnpm@10 --silent users add 用户名 --role admin');
  return app;
}
