/**
 * Rankings as the files an office submits: CSV (UTF-8 with BOM, so Excel reads the Chinese) and
 * XLSX, with Chinese headers and a 排名 column. One column list serves both formats.
 */
import ExcelJS from 'exceljs';
import type { RankingItem, RankingsFilter } from '@nianbao/db';

const KIND_NAMES = { government: '人民政府', department: '部门' } as const;

interface Column {
  header: string;
  width: number;
  value: (r: RankingItem) => string | number | null;
}

export const COLUMNS: Column[] = [
  { header: '排名', width: 6, value: (r) => r.rank },
  { header: '机关名称', width: 32, value: (r) => r.agency.name },
  { header: '所属地区', width: 22, value: (r) => r.agency.region?.name ?? '' },
  { header: '地区代码', width: 10, value: (r) => r.agency.region?.code ?? '' },
  { header: '机关类型', width: 10, value: (r) => KIND_NAMES[r.agency.kind] },
  { header: '年度', width: 6, value: (r) => r.year },
  { header: '得分', width: 8, value: (r) => r.score },
  { header: '等次', width: 8, value: (r) => r.grade ?? '' },
  { header: '内容完整性', width: 10, value: (r) => r.byCategory?.completeness ?? null },
  { header: '数据准确性', width: 10, value: (r) => r.byCategory?.accuracy ?? null },
  { header: '格式规范性', width: 10, value: (r) => r.byCategory?.conformity ?? null },
  { header: '发布及时性', width: 10, value: (r) => r.byCategory?.timeliness ?? null },
  { header: '错误数', width: 8, value: (r) => r.errors },
  { header: '警告数', width: 8, value: (r) => r.warnings },
  { header: '较上年变化', width: 10, value: (r) => r.change },
  { header: '发布日期', width: 12, value: (r) => r.publishedOn ?? '' },
  { header: '备注', width: 10, value: (r) => (r.demo ? '示例数据' : '') },
];

/**
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or CR before one)
 * gets a leading `'`, as OWASP recommends; numbers are written as numbers.
 */
export const neutralised = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : typeof v === 'number' ? String(v) : neutralised(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function rankingsCsv(items: RankingItem[]): string {
  const lines = [COLUMNS.map((c) => c.header).join(',')];
  for (const r of items) lines.push(COLUMNS.map((c) => csvCell(c.value(r))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function rankingsXlsx(
  items: RankingItem[],
  info: { year: number | null; filter: RankingsFilter; regionName: string | null },
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '政府信息公开工作年度报告审查平台';
  const sheet = book.addWorksheet(info.year ? `${info.year}年度排名` : '排名', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of items) sheet.addRow(COLUMNS.map((c) => c.value(r)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const about = book.addWorksheet('说明');
  about.columns = [{ width: 14 }, { width: 40 }];
  about.addRows([
    ['年度', info.year ?? '全部'],
    ['地区', info.regionName ?? info.filter.region ?? '全部'],
    ['机关类型', info.filter.kind ? KIND_NAMES[info.filter.kind] : '全部'],
    ['等次', info.filter.grade ?? '全部'],
    ['名称包含', info.filter.q ?? ''],
    ['报告数', items.length],
    ['导出时间', new Date().toISOString().slice(0, 19).replace('T', ' ')],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** 「年度报告排名_2019年_江西省新余市_部门_良好.xlsx」: the filters in the name. */
export function exportFileName(filter: RankingsFilter, format: 'csv' | 'xlsx', regionName: string | null): string {
  const parts = ['年度报告排名'];
  if (filter.year) parts.push(`${filter.year}年`);
  if (filter.region) parts.push(regionName ?? filter.region);
  if (filter.kind) parts.push(KIND_NAMES[filter.kind]);
  if (filter.grade) parts.push(filter.grade);
  if (filter.q) parts.push(`含“${filter.q}”`);
  return `${parts.join('_').replace(/[\\/:*?"<>|]/g, '')}.${format}`;
}

/** The same in ASCII, for clients that ignore `filename*`: rankings_2019_360500_department.csv */
export function asciiExportName(filter: RankingsFilter, format: 'csv' | 'xlsx'): string {
  const grades = { 优秀: 'excellent', 良好: 'good', 合格: 'pass', 不合格: 'fail' } as const;
  const parts = ['rankings', filter.year, filter.region, filter.kind, filter.grade && grades[filter.grade]].filter(Boolean);
  return `${parts.join('_')}.${format}`;
}
