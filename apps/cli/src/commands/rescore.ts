/**
 * `rescore [--db 路径]`: re-audits every stored report from its stored model and text (no
 * re-parsing) with the current rules and rubric, e.g. after the rubric file was edited.
 * `--database-url postgres://…` (or DATABASE_URL) rescores a PostgreSQL store (issue 18).
 */
import { commandArgs } from './_args';
import { cliActor, Store } from '@nianbao/core';
import { notPostgres, postgresUrl, recordAudit } from './_engine';
import { fromUserDir, Progress } from './_progress';

const USAGE = '用法: rescore [--db 数据库文件 | --database-url postgres://用户:密码@主机:端口/数据库]';

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({ args: argv, options: { db: { type: 'string' }, 'database-url': { type: 'string' } } }, USAGE);
  if (!args) return 2;
  const { values } = args;
  const pgUrl = postgresUrl(values['database-url']);
  if (notPostgres(values['database-url']) || (pgUrl && values.db)) {
    console.error(`参数错误：--database-url 应为 postgres:// 开头的 PostgreSQL 地址，且不能与 --db 同时指定\n${USAGE}`);
    return 2;
  }
  const storage = pgUrl ? await (await import('@nianbao/db/pg')).openStorage(pgUrl) : undefined;
  const store = new Store(storage ? { storage } : { path: values.db ? fromUserDir(values.db) : undefined });
  try {
    const before = await store.setting('rubricVersion');
    const progress = new Progress(0, '重新评分 ');
    const started = Date.now();
    const { reports, changed } = await store.rescore((done, total) => {
      progress.setTotal(total);
      progress.update(done);
    });
    progress.done();
    const after = await store.setting('rubricVersion');
    const entry = { actor: cliActor(), action: 'report.rescore', detail: { reports, changed, rubricVersion: { from: before, to: after } } };
    await recordAudit(pgUrl, store, entry);
    console.log(
      `已重新审查 ${reports} 份报告，其中 ${changed} 份得分或问题数有变化（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）。` +
        (after ? `评分细则版本：${before && before !== after ? `${before} → ` : ''}${after}` : ''),
    );
    return 0;
  } finally {
    store.close();
    await storage?.close();
  }
}
