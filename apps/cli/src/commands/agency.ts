/**
 * `agency alias <机关编号> <名称>` and `agency merge <保留的机关编号> <并入的机关编号>`
 * [--db 路径 | --database-url postgres://…]: one agency under several names (新余市文广新旅局 =
 * 新余市文化广电新闻出版旅游局), in the SQLite file or in PostgreSQL (or DATABASE_URL), with its entry
 * in that database's audit log.
 */
import { commandArgs } from './_args';
import { cliActor } from '@nianbao/core';
import { databaseChoice, openStore, recordAudit } from './_engine';
import { fromUserDir } from './_progress';

const USAGE =
  '用法: agency alias <机关编号> <名称> | agency merge <保留的机关编号> <并入的机关编号> [--db 数据库文件 | --database-url postgres://用户:密码@主机:端口/数据库]';

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({ args: argv, allowPositionals: true, options: { db: { type: 'string' }, 'database-url': { type: 'string' } } }, USAGE);
  if (!args) return 2;
  const [action, a, b] = args.positionals;
  if ((action !== 'alias' && action !== 'merge') || !a || !b || !/^\d+$/.test(a) || (action === 'merge' && !/^\d+$/.test(b))) {
    console.error(USAGE);
    return 2;
  }
  const engine = databaseChoice(args.values);
  if ('error' in engine) {
    console.error(`${engine.error}\n${USAGE}`);
    return 2;
  }
  const { store, close } = await openStore(engine.url, args.values.db ? fromUserDir(args.values.db) : undefined);
  try {
    const r = action === 'alias' ? await store.addAlias(Number(a), b) : await store.mergeAgencies(Number(a), Number(b));
    if (!r.ok) {
      console.error(r.message);
      return 1;
    }
    const agency = (await store.queries.agency(Number(a)))!;
    await recordAudit(engine.url, store, async (accounts) => ({
      actor: cliActor(),
      action: action === 'alias' ? 'agency.alias' : 'agency.merge',
      target: `agency:${agency.id}`,
      regionCode: (await accounts.agencyRegion(agency.id)) ?? null,
      detail: action === 'alias' ? { alias: b } : { from: Number(b) },
    }));
    console.log(
      action === 'alias'
        ? `已为“${agency.name}”（编号 ${agency.id}）添加名称“${b}”。现有名称：${agency.aliases.join('、')}`
        : `已将机关 ${b} 并入“${agency.name}”（编号 ${agency.id}），移入报告 ${'moved' in r ? r.moved : 0} 份。现有名称：${agency.aliases.join('、')}`,
    );
    return 0;
  } finally {
    await close();
  }
}
