/**
 * `serve [--host 地址] [--port 端口] [--db 路径 | --database-url postgres://…] [--demo | --remove-demo] [--no-build]`:
 * the API and the dashboard on one port. HOST, PORT, DATABASE_PATH, DATABASE_URL and NIANBAO_DEMO=1 work too. Before listening:
 * the migrations are applied (opening the store), an empty database gets data/samples, `--demo` adds
 * the demo province once (`--remove-demo` takes it out again), and the dashboard (apps/web) is built
 * when apps/web/dist is missing or older than its sources.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commandArgs } from './_args';
import { startServer } from '@nianbao/api';
import { ROOT } from '@nianbao/db';
import { fromUserDir } from './_progress';

const USAGE = '用法: serve [--host 地址] [--port 端口] [--db 数据库文件 | --database-url postgres://…] [--demo | --remove-demo] [--no-build]';
const WEB = join(ROOT, 'apps/web');

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        'database-url': { type: 'string' },
        demo: { type: 'boolean' },
        'remove-demo': { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
      },
    }, USAGE);
  if (!args) return 2;
  const { values } = args;
  if (values.demo && values['remove-demo']) {
    console.error(`参数错误：--demo 与 --remove-demo 不能同时使用\n${USAGE}`);
    return 2;
  }
  if (values.db && values['database-url']) {
    console.error(`参数错误：--db 与 --database-url 不能同时使用\n${USAGE}`);
    return 2;
  }
  if (values.port && !/^\d+$/.test(values.port)) {
    console.error(`参数错误：--port 应为端口号，收到 “${values.port}”`);
    return 2;
  }
  if (!values['no-build']) await ensureWebBuild();
  let app;
  try {
    app = await startServer({
      host: values.host,
      port: values.port ? Number(values.port) : undefined,
      databasePath: values.db ? fromUserDir(values.db) : undefined,
      databaseUrl: values['database-url'],
      demo: values['remove-demo'] ? false : values.demo,
      removeDemo: values['remove-demo'],
    });
  } catch (e) {
    console.error(`启动失败：${(e as Error).message}`);
    return 1;
  }
  // runs until interrupted; closing the app closes the database cleanly
  await new Promise<void>((resolve) => {
    const stop = () => {
      app.close().then(
        () => resolve(),
        () => resolve(),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** Newest modification time under the given paths (files and folders, node_modules and dist left out). */
function newest(paths: string[]): number {
  let max = 0;
  const visit = (p: string) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) return;
    if (!s.isDirectory()) {
      max = Math.max(max, s.mtimeMs);
      return;
    }
    for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'dist' && !e.startsWith('.')) visit(join(p, e));
  };
  paths.forEach(visit);
  return max;
}

/**
 * Builds the dashboard (`vite build` in apps/web) when apps/web/dist is missing or older than its
 * sources. A failed build is reported and the server starts anyway (with the previous build, or a
 * page pointing to the API docs).
 */
export async function ensureWebBuild(): Promise<void> {
  const index = join(WEB, 'dist/index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json', 'public'].map((p) => join(WEB, p));
  const built = statSync(index, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built && built >= newest(sources)) return;
  const vite = join(WEB, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) {
    console.error('看板未构建：找不到 vite（apps/web/node_modules），请先安装依赖（npx -y pnpm@10 install）。接口服务照常启动。');
    return;
  }
  console.error(built ? '看板源码有更新，正在重新构建（vite build）…' : '正在构建看板（vite build），请稍候…');
  const output: Buffer[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b: Buffer) => output.push(b));
    child.stderr.on('data', (b: Buffer) => output.push(b));
    child.on('error', () => resolve(-1));
    child.on('close', (c) => resolve(c ?? -1));
  });
  if (code === 0) {
    console.error('看板构建完成。');
    return;
  }
  process.stderr.write(Buffer.concat(output));
  console.error(
    `看板构建失败（vite build 退出码 ${code}），${existsSync(index) ? '继续使用上一次的构建' : '仅启动接口服务'}。可在 apps/web 下运行 npx vite build 查看详情。`,
  );
}
