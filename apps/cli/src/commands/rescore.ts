/**
 * `rescore [--db 路径]`: re-audits every stored report from its stored model and text (no
 * re-parsing) with the current rules and rubric, e.g. after the rubric file was edited.
 */
import { commandArgs } from './_args';
import { Accounts, cliActor, Store } from '@nianbao/core';
import { fromUserDir, Progress } from './_progress';

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({ args: argv, options: { db: { type: 'string' } } }, '用法: rescore [--db 数据库文件]');
  if (!args) return 2;
  const { values } = args;
  const store = new Store({ path: values.db ? fromUserDir(values.db) : undefined });
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
    new Accounts(store.db).record({ actor: cliActor(), action: 'report.rescore', detail: { reports, changed, rubricVersion: { from: before, to: after } } });
    console.log(
      `已重新审查 ${reports} 份报告，其中 ${changed} 份得分或问题数有变化（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）。` +
        (after ? `评分细则版本：${before && before !== after ? `${before} → ` : ''}${after}` : ''),
    );
    return 0;
  } finally {
    store.close();
  }
}
