/**
 * `export [--format xlsx|csv] [--year 年份] [--region 代码] [--kind government|department]
 *   [--grade 等次] [--q 关键字] [--out 文件] [--db 路径 | --database-url postgres://…]`: the rankings
 * as the file an office submits (the same columns as the API's export), from the SQLite file or from
 * PostgreSQL (`--database-url`, or DATABASE_URL) through the same read queries.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { commandArgs } from './_args';
import { exportFileName, rankingsCsv, rankingsXlsx } from '@nianbao/core';
import { type RankingsFilter } from '@nianbao/db';
import { AGENCY_KINDS, GRADES, KIND_LABEL, REGION_PREFIX } from '@nianbao/model';
import { databaseChoice, openStore } from './_engine';
import { fromUserDir } from './_progress';

const USAGE =
  '用法: export [--format xlsx|csv] [--year 年份] [--region 地区代码] [--kind government|department] [--grade 优秀|良好|合格|不合格] [--q 关键字] [--out 文件] [--db 数据库文件 | --database-url postgres://用户:密码@主机:端口/数据库]';

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({
      args: argv,
      options: {
        format: { type: 'string', default: 'xlsx' },
        year: { type: 'string' },
        region: { type: 'string' },
        kind: { type: 'string' },
        grade: { type: 'string' },
        q: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        'database-url': { type: 'string' },
      },
    }, USAGE);
  if (!args) return 2;
  const { values } = args;
  const problems: string[] = [];
  if (values.format !== 'csv' && values.format !== 'xlsx') problems.push(`--format 应为 xlsx 或 csv，收到 “${values.format}”`);
  if (values.year && !/^\d{4}$/.test(values.year)) problems.push(`--year 应为四位年份，收到 “${values.year}”`);
  if (values.region && !REGION_PREFIX.test(values.region)) problems.push(`--region 应为 2、4 或 6 位地区代码，收到 “${values.region}”`);
  if (values.kind && !(AGENCY_KINDS as readonly string[]).includes(values.kind)) problems.push(`--kind 应为 ${AGENCY_KINDS.map((k) => `${k}（${KIND_LABEL[k]}）`).join('或')}`);
  if (values.grade && !(GRADES as readonly string[]).includes(values.grade)) problems.push(`--grade 应为 ${GRADES.join('、')} 之一`);
  const engine = databaseChoice(values);
  if ('error' in engine) problems.push(engine.error.replace(/^参数错误：/, ''));
  if (problems.length) {
    console.error(`参数错误：${problems.join('；')}\n${USAGE}`);
    return 2;
  }
  const format = values.format as 'csv' | 'xlsx';
  const filter: RankingsFilter = {
    year: values.year ? Number(values.year) : undefined,
    region: values.region,
    kind: values.kind as RankingsFilter['kind'],
    grade: values.grade as RankingsFilter['grade'],
    q: values.q,
  };
  const { store, close } = await openStore('url' in engine ? engine.url : undefined, values.db ? fromUserDir(values.db) : undefined);
  try {
    const ranking = await store.queries.rankings(filter, 1, null);
    if (ranking.year === null) {
      console.error('数据库中还没有报告，请先导入（ingest）');
      return 1;
    }
    const regionName = await store.queries.regionName(filter.region);
    const withYear = { ...filter, year: ranking.year };
    if (!ranking.items.length) {
      console.error(`没有符合条件的报告（${exportFileName(withYear, format, regionName).replace(/^年度报告排名_|\.\w+$/g, '')}），未生成文件`);
      return 1;
    }
    const out = fromUserDir(values.out ?? exportFileName(withYear, format, regionName));
    const body = format === 'csv' ? rankingsCsv(ranking.items) : await rankingsXlsx(ranking.items, { year: ranking.year, filter, regionName });
    try {
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, body);
    } catch (e) {
      console.error(`无法写入 ${out}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
      return 1;
    }
    console.log(`已导出 ${ranking.items.length} 个机关的 ${ranking.year} 年度排名：${out}`);
    return 0;
  } finally {
    await close();
  }
}
