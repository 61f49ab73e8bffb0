/**
 * `ingest [--agency 名称] [--year 年份] [--published YYYY-MM-DD] [--db 路径] [--json] 路径...`
 * Stores report files, folders (recursively) and zip archives: extract → parse → audit → store,
 * one transaction per report. A progress bar on stderr, then a summary table.
 * `--database-url postgres://…` (or DATABASE_URL) writes into PostgreSQL instead (issue 18).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { commandArgs } from './_args';
import { cliActor, defaultWorkers, failed, Store, summarise, type IngestResult, type InputFile } from '@nianbao/core';
import { notPostgres, postgresUrl, recordAudit } from './_engine';
import { fromUserDir, Progress, table } from './_progress';

const USAGE =
  '用法: ingest [--agency 机关名称] [--year 年份] [--published YYYY-MM-DD] [--db 数据库文件 | --database-url postgres://用户:密码@主机:端口/数据库] [--json] 文件或目录...';

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({
      args: argv,
      allowPositionals: true,
      options: {
        agency: { type: 'string' },
        year: { type: 'string' },
        published: { type: 'string' },
        db: { type: 'string' },
        'database-url': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }, USAGE);
  if (!args) return 2;
  const { values, positionals } = args;
  if (!positionals.length) {
    console.error(USAGE);
    return 2;
  }
  if (values.year && !/^\d{4}$/.test(values.year)) {
    console.error(`参数错误：--year 应为四位年份，收到 “${values.year}”`);
    return 2;
  }
  if (values.published && !/^\d{4}-\d{2}-\d{2}$/.test(values.published)) {
    console.error(`参数错误：--published 应为 YYYY-MM-DD 格式的日期，收到 “${values.published}”`);
    return 2;
  }
  if (notPostgres(values['database-url'])) {
    console.error(`参数错误：--database-url 应为 postgres:// 开头的 PostgreSQL 地址\n${USAGE}`);
    return 2;
  }
  const pgUrl = postgresUrl(values['database-url']);
  if (pgUrl && values.db) {
    console.error(`参数错误：--db（SQLite 数据库文件）与 PostgreSQL 地址不能同时指定\n${USAGE}`);
    return 2;
  }
  const overrides = { agency: values.agency, year: values.year ? Number(values.year) : undefined, published: values.published };

  const { files, missing } = await listFiles(positionals);
  const results: IngestResult[] = missing.map((file) => failed(file, 'unreadable', `${file}：文件或目录不存在`));

  // @nianbao/db/pg (and so `pg`) is loaded only for PostgreSQL
  const storage = pgUrl ? await (await import('@nianbao/db/pg')).openStorage(pgUrl) : undefined;
  const store = new Store(storage ? { storage, workers: defaultWorkers() } : { path: values.db ? fromUserDir(values.db) : undefined, workers: defaultWorkers() });
  const progress = new Progress(files.length, '导入 ');
  let done = 0;
  try {
    async function* inputs(): AsyncGenerator<InputFile> {
      for (const { name, path } of files) {
        let bytes: Buffer;
        try {
          bytes = await readFile(path);
        } catch (e) {
          results.push(failed(name, 'unreadable', `${name}：无法读取文件（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`));
          progress.update(++done, name);
          continue;
        }
        progress.update(done, name); // the file being read now (a PDF takes a while)
        yield { name, bytes, overrides };
      }
    }
    let current = '';
    await store.ingest(inputs(), (result, input) => {
      results.push(result);
      if (input.name !== current) {
        current = input.name;
        progress.update(++done, input.name);
      }
    });
    progress.done();
    const logged = results.slice(0, 500).map((r) => ({ file: r.file, status: r.status, reportId: r.reportId, error: r.error?.code ?? null }));
    const entry = { actor: cliActor(), action: 'report.import', detail: { summary: summarise(results), files: logged } };
    await recordAudit(pgUrl, store, entry);
  } finally {
    store.close();
    await storage?.close();
  }

  if (values.json) {
    process.stdout.write(JSON.stringify({ results, summary: summarise(results) }, null, 2) + '\n');
  } else {
    process.stdout.write(report(results, store.path) + '\n');
  }
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

/**
 * Files of the given paths, folders walked recursively (hidden entries skipped), in a stable order:
 * `name` as the user wrote it (what results show), `path` resolved from the user's directory.
 */
async function listFiles(paths: string[]): Promise<{ files: { name: string; path: string }[]; missing: string[] }> {
  const files: { name: string; path: string }[] = [];
  const missing: string[] = [];
  async function walk(name: string, path: string) {
    const entries = await readdir(path, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) await walk(join(name, e.name), join(path, e.name));
      else if (e.isFile()) files.push({ name: join(name, e.name), path: join(path, e.name) });
    }
  }
  for (const p of paths) {
    const path = fromUserDir(p);
    const s = await stat(path).catch(() => null);
    if (!s) missing.push(p);
    else if (s.isDirectory()) await walk(p, path);
    else files.push({ name: p, path });
  }
  return { files, missing };
}

function report(results: IngestResult[], path: string): string {
  const s = summarise(results);
  const lines = [
    table([
      ['结果', '份数'],
      ['新增', s.ingested],
      ['未变化', s.unchanged],
      ['新版本', s.newVersions],
      ['失败', s.failed],
      ['合计', results.length],
    ]),
  ];
  const added = results.filter((r) => r.status === 'ingested');
  if (added.length && added.length <= 50) {
    lines.push('', '新增的报告：');
    lines.push(
      table([
        ['文件', '机关', '年度', '得分', '等次'],
        ...added.map((r) => [r.file, r.agency?.name ?? '', r.year ?? '', r.score ?? '-', r.grade ?? '-']),
      ]),
    );
  }
  const versions = results.filter((r) => r.status === 'new-version');
  if (versions.length) {
    lines.push('', '新版本（同一机关同一年度的更正稿，以最新版本计分）：');
    lines.push(
      table([
        ['文件', '机关', '年度', '版本', '得分'],
        ...versions.map((r) => [r.file, r.agency?.name ?? '', r.year ?? '', `第${r.version}版`, r.score ?? '-']),
      ]),
    );
  }
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length) {
    lines.push('', '失败的文件：');
    lines.push(table([['文件', '原因'], ...failed.map((r) => [r.file, stripFile(r.error?.message ?? '', r.file)])]));
  }
  lines.push('', `数据库：${path}`);
  return lines.join('\n');
}

/** Messages start with the file name; the table already shows it. */
const stripFile = (message: string, file: string) => (message.startsWith(file + '：') ? message.slice(file.length + 1) : message);
