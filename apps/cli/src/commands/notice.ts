/**
 * `notice REPORT_ID [--out 文件] [--due YYYY-MM-DD]` or `notice --year 年份 [--region 代码]
 * [--grade 等次] [--out 文件]`: the 整改通知书 of one report, or of every unit of a year (under a
 * region, of a grade) in one DOCX. Issuing opens the rectification case (整改台账), as in the dashboard.
 * `--db 路径` names the SQLite file; `--database-url postgres://…` (or DATABASE_URL) a PostgreSQL store.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { noticeFileName, noticesDocx, Office, type NoticeData } from '@nianbao/core';
import { GRADES, REGION_PREFIX, type GradeName } from '@nianbao/model';
import { commandArgs } from './_args';
import { databaseChoice, openStore } from './_engine';
import { fromUserDir } from './_progress';

const USAGE =
  '用法: notice 报告编号 [--out 文件] [--due YYYY-MM-DD]\n      notice --year 年份 [--region 地区代码] [--grade 优秀|良好|合格|不合格] [--out 文件] [--due YYYY-MM-DD] [--db 数据库文件 | --database-url postgres://用户:密码@主机:端口/数据库]';

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs(
    {
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        due: { type: 'string' },
        year: { type: 'string' },
        region: { type: 'string' },
        grade: { type: 'string' },
        db: { type: 'string' },
        'database-url': { type: 'string' },
      },
    },
    USAGE,
  );
  if (!args) return 2;
  const { values, positionals } = args;
  const problems: string[] = [];
  const id = positionals[0];
  if (id !== undefined && !/^\d+$/.test(id)) problems.push(`报告编号应为数字，收到 “${id}”`);
  if (id === undefined && !values.year) problems.push('请给出报告编号，或以 --year 指定年度批量生成');
  if (values.year && !/^\d{4}$/.test(values.year)) problems.push(`--year 应为四位年份，收到 “${values.year}”`);
  if (values.due && !/^\d{4}-\d{2}-\d{2}$/.test(values.due)) problems.push(`--due 应为 YYYY-MM-DD，收到 “${values.due}”`);
  if (values.region && !REGION_PREFIX.test(values.region)) problems.push(`--region 应为 2、4 或 6 位地区代码，收到 “${values.region}”`);
  if (values.grade && !(GRADES as readonly string[]).includes(values.grade)) problems.push(`--grade 应为 ${GRADES.join('、')} 之一`);
  const engine = databaseChoice(values);
  if ('error' in engine) problems.push(engine.error.replace(/^参数错误：/, ''));
  if (problems.length) {
    console.error(`参数错误：${problems.join('；')}\n${USAGE}`);
    return 2;
  }
  const { store, close } = await openStore('url' in engine ? engine.url : undefined, values.db ? fromUserDir(values.db) : undefined);
  try {
    const office = new Office(store);
    let notices: NoticeData[];
    if (id !== undefined) {
      const n = await office.notice(Number(id), { dueOn: values.due, open: true });
      if (!n) {
        console.error(`未找到编号为 ${id} 的报告`);
        return 1;
      }
      notices = [n];
    } else {
      const ids = await office.reportsFor({ year: Number(values.year), region: values.region, grade: values.grade as GradeName | undefined });
      if (!ids.length) {
        console.error(`${values.year}年度没有符合条件的报告，未生成文件`);
        return 1;
      }
      notices = [];
      for (const r of ids) notices.push((await office.notice(r, { dueOn: values.due, open: true }))!);
    }
    const name = notices.length === 1 ? noticeFileName(notices[0]!) : `整改通知书_${values.year}年度${values.grade ? `_${values.grade}` : ''}.docx`;
    const out = fromUserDir(values.out ?? name);
    try {
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, await noticesDocx(notices));
    } catch (e) {
      console.error(`无法写入 ${out}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
      return 1;
    }
    const items = notices.reduce((s, n) => s + n.items.length, 0);
    console.log(`已生成 ${notices.length} 份整改通知书（共 ${items} 个问题），整改期限 ${notices[0]!.dueOn}：${out}`);
    return 0;
  } finally {
    await close();
  }
}
