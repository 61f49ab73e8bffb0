#!/usr/bin/env tsx
/**
 * The command line: `audit` (one-off reports to JSON or a summary), and the store's commands.
 * Each command lives in commands/<name>.ts and exports `run(argv): Promise<number>` (the exit code).
 */
import { refusal } from './commands/_engine';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }> = {
  audit: { summary: '审查报告文件并输出结果（--json 输出规范模型）', load: () => import('./commands/audit') },
  ingest: { summary: '导入报告文件、目录或 zip 压缩包到数据库（--database-url 或 DATABASE_URL 可指向 PostgreSQL）', load: () => import('./commands/ingest') },
  rescore: { summary: '按当前审查规则与评分细则重新评分全部报告', load: () => import('./commands/rescore') },
  export: { summary: '导出排名（xlsx 或 csv）', load: () => import('./commands/export') },
  notice: { summary: '生成整改通知书（DOCX），单份或按年度、地区、等次批量', load: () => import('./commands/notice') },
  agency: { summary: '机关别名与合并（alias / merge）', load: () => import('./commands/agency') },
  serve: { summary: '启动接口服务与看板', load: () => import('./commands/serve') },
  users: { summary: '账号管理（add / list / passwd / set / remove），密码从标准输入读取', load: () => import('./commands/users') },
  backup: { summary: '在线备份 SQLite 数据库到文件（服务运行时亦可安全执行；PostgreSQL 请用 pg_dump）', load: () => import('./commands/backup') },
  'migrate-to': { summary: '把 SQLite 数据库迁移到 PostgreSQL（可续传，结束时逐表核对行数与校验和）', load: () => import('./commands/migrate-to') },
  gen: { summary: '生成模拟省份的年度报告及真值清单（基准测试与验收用）', load: () => import('./commands/gen') },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = name ? COMMANDS[name] : undefined;
  if (!cmd) {
    console.error(`用法: nianbao <命令> [参数]\n\n命令:\n${Object.entries(COMMANDS).map(([k, v]) => `  ${k.padEnd(10)} ${v.summary}`).join('\n')}`);
    return name ? 2 : 0;
  }
  const refused = refusal(name!);
  if (refused) {
    console.error(refused);
    return 2;
  }
  return (await cmd.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
