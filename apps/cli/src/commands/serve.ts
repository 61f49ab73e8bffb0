/**
 * `serve [--host 地址] [--port 端口] [--db 路径]`: the API and the dashboard (apps/web/dist when
 * built). HOST, PORT and DATABASE_PATH work too; an empty database first gets data/samples.
 */
import { parseArgs } from 'node:util';
import { startServer } from '@nianbao/api';

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { host: { type: 'string' }, port: { type: 'string' }, db: { type: 'string' } } }));
  } catch (e) {
    console.error(`参数错误：${(e as Error).message}\n用法: serve [--host 地址] [--port 端口] [--db 数据库文件]`);
    return 2;
  }
  if (values.port && !/^\d+$/.test(values.port)) {
    console.error(`参数错误：--port 应为端口号，收到 “${values.port}”`);
    return 2;
  }
  const app = await startServer({ host: values.host, port: values.port ? Number(values.port) : undefined, databasePath: values.db });
  // runs until interrupted; closing the app closes the database cleanly
  await new Promise<void>((resolve) => {
    const stop = () => {
      app.close().then(() => resolve(), () => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
