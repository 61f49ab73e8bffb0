/**
 * `audit [--json] [--agency NAME] [--year YYYY] [--published YYYY-MM-DD] [--rubric FILE] FILE...`
 * Audits report files without storing them: the canonical model as JSON, or a short summary per file.
 */
import { readFile } from 'node:fs/promises';
import { commandArgs } from './_args';
import { startPdfReader } from '@nianbao/extract/pdf-reader';
import { CATEGORY_LABEL, SEVERITY_LABEL, type AuditOutput, type Category, type ParsedReport } from '@nianbao/model';

const CATEGORY_NAMES = CATEGORY_LABEL;
const SEVERITY_NAMES = SEVERITY_LABEL;

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        agency: { type: 'string' },
        year: { type: 'string' },
        published: { type: 'string' },
        rubric: { type: 'string' },
      },
    });
  if (!args) return 2;
  const { values, positionals: files } = args;
  if (!files.length) {
    console.error('用法: audit [--json] [--agency 机关名称] [--year 年份] [--published YYYY-MM-DD] [--rubric 评分规则文件] 文件...');
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
  const overrides = {
    agency: values.agency,
    year: values.year ? Number(values.year) : undefined,
    published: values.published,
  };
  // the PDF reader's thread loads pdf.js while this one loads the parser and the rules
  if (files.some((f) => /\.pdf$/i.test(f))) await startPdfReader();
  const { analyze } = await import('@nianbao/audit');
  const rubric = values.rubric ? await loadRubricOption(values.rubric) : undefined;
  if (rubric === null) return 2;

  const results: AuditOutput[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      results.push({ file, error: { code: 'unreadable', message: `${file}：无法读取文件（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）` } });
      continue;
    }
    const r = await analyze(bytes, file, overrides, (rubric ? { rubric } : {}) as Parameters<typeof analyze>[3]);
    results.push('error' in r ? r : r.report);
  }
  if (values.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else for (const r of results) process.stdout.write(summary(r) + '\n');
  return results.some((r) => 'error' in r) ? 1 : 0;
}

async function loadRubricOption(path: string) {
  const { loadRubric } = await import('@nianbao/audit');
  try {
    return loadRubric(path);
  } catch (e) {
    console.error(`评分规则文件 ${path} 无效：${(e as Error).message}`);
    return null;
  }
}

function summary(r: AuditOutput): string {
  if ('error' in r) return `✗ ${r.file}\n  无法审查：${r.error.message}\n`;
  const lines = [`■ ${r.file}`, `  机关：${r.agency.name ?? '（未识别）'}${r.agency.region ? `（${r.agency.region.name}）` : ''}  年度：${r.year ?? '（未识别）'}  格式：${r.template === 'unknown' ? '未识别' : r.template + ' 版'}  发布日期：${r.publishedOn ?? '（无）'}`];
  if (r.score) {
    lines.push(`  得分：${r.score.total}  等次：${r.score.grade}`);
    lines.push(
      '  分项：' +
        (Object.keys(CATEGORY_NAMES) as Category[])
          .map((c) => `${CATEGORY_NAMES[c]} ${r.score!.byCategory[c] ?? '-'}`)
          .join('  '),
    );
  }
  lines.push(...findingsByCategory(r));
  return lines.join('\n') + '\n';
}

function findingsByCategory(r: ParsedReport): string[] {
  if (!r.findings.length) return ['  未发现问题'];
  const out: string[] = [];
  for (const c of Object.keys(CATEGORY_NAMES) as Category[]) {
    const fs = r.findings.filter((f) => f.category === c);
    if (!fs.length) continue;
    out.push(`  【${CATEGORY_NAMES[c]}】${fs.length} 项`);
    for (const f of fs) out.push(`    [${SEVERITY_NAMES[f.severity]}] ${f.message}`);
  }
  return out;
}
