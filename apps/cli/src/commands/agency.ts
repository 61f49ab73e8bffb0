/**
 * `agency alias <机关编号> <名称>` and `agency merge <保留的机关编号> <并入的机关编号>` [--db 路径]:
 * one agency under several names (新余市文广新旅局 = 新余市文化广电新闻出版旅游局).
 */
import { commandArgs } from './_args';
import { Accounts, cliActor, Store } from '@nianbao/core';
import { fromUserDir } from './_progress';

const USAGE = '用法: agency alias <机关编号> <名称> | agency merge <保留的机关编号> <并入的机关编号> [--db 数据库文件]';

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({ args: argv, allowPositionals: true, options: { db: { type: 'string' } } }, USAGE);
  if (!args) return 2;
  const [action, a, b] = args.positionals;
  if ((action !== 'alias' && action !== 'merge') || !a || !b || !/^\d+$/.test(a) || (action === 'merge' && !/^\d+$/.test(b))) {
    console.error(USAGE);
    return 2;
  }
  const store = new Store({ path: args.values.db ? fromUserDir(args.values.db) : undefined });
  try {
    const r = action === 'alias' ? await store.addAlias(Number(a), b) : await store.mergeAgencies(Number(a), Number(b));
    if (!r.ok) {
      console.error(r.message);
      return 1;
    }
    const agency = (await store.queries.agency(Number(a)))!;
    const accounts = new Accounts(store.db);
    await accounts.record({
      actor: cliActor(),
      action: action === 'alias' ? 'agency.alias' : 'agency.merge',
      target: `agency:${agency.id}`,
      regionCode: (await accounts.agencyRegion(agency.id)) ?? null,
      detail: action === 'alias' ? { alias: b } : { from: Number(b) },
    });
    console.log(
      action === 'alias'
        ? `已为“${agency.name}”（编号 ${agency.id}）添加名称“${b}”。现有名称：${agency.aliases.join('、')}`
        : `已将机关 ${b} 并入“${agency.name}”（编号 ${agency.id}），移入报告 ${'moved' in r ? r.moved : 0} 份。现有名称：${agency.aliases.join('、')}`,
    );
    return 0;
  } finally {
    store.close();
  }
}
