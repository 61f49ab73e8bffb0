/**
 * Reading a roster (应报送名单) file: XLSX (the first sheet) or CSV (UTF-8, with or without BOM, or
 * GBK as Excel saves it on Chinese Windows), with Chinese headers in the first row.
 */
import ExcelJS from 'exceljs';
import type { RosterRow } from './office/roster';

export class RosterFileError extends Error {}

const HEADERS: Record<keyof Omit<RosterRow, 'row' | 'invalid'>, string[]> = {
  name: ['机关名称', '单位名称', '名称'],
  regionCode: ['地区代码', '行政区划代码', '区划代码'],
  kindLabel: ['类型', '机关类型', '单位类型'],
  parentName: ['上级机关', '上级单位', '主管机关'],
  fromYear: ['自何年起应报', '起报年度', '应报起始年度'],
  withdrawnFrom: ['撤并年份', '撤销年份', '撤并年度'],
  url: ['年报栏目网址', '网址', '栏目网址'],
};

const clean = (s: string) => s.replace(/[\s\u3000*＊]/g, '');

export async function readRosterFile(fileName: string, bytes: Buffer): Promise<RosterRow[]> {
  const lower = fileName.toLowerCase();
  let grid: string[][];
  if (lower.endsWith('.xlsx') || (bytes[0] === 0x50 && bytes[1] === 0x4b)) grid = await xlsxGrid(fileName, bytes);
  else if (lower.endsWith('.csv') || lower.endsWith('.txt')) grid = csvGrid(decode(bytes));
  else throw new RosterFileError(`文件“${fileName}”不是 XLSX 或 CSV 格式，请上传 Excel（.xlsx）或 CSV 文件`);
  const headerIndex = grid.findIndex((r) => r.some((c) => c.trim()));
  if (headerIndex < 0) throw new RosterFileError(`文件“${fileName}”是空的`);
  const header = grid[headerIndex]!.map(clean);
  const column = {} as Record<keyof typeof HEADERS, number>;
  for (const [key, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
    column[key] = header.findIndex((h) => names.includes(h));
  }
  if (column.name < 0) {
    throw new RosterFileError(`文件“${fileName}”第${headerIndex + 1}行（表头）缺少“机关名称”列；表头应为：机关名称、地区代码、类型、上级机关、自何年起应报、撤并年份、年报栏目网址`);
  }
  const rows: RosterRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i]!;
    if (!cells.some((c) => c.trim())) continue;
    // a column the file does not have leaves what is stored as it is (undefined); an empty cell clears it (null)
    const get = (k: keyof typeof HEADERS) => (column[k] >= 0 ? (cells[column[k]] ?? '').trim() : undefined);
    const text = (k: keyof typeof HEADERS) => {
      const v = get(k);
      return v === undefined ? undefined : v || null;
    };
    let invalid: string | undefined;
    const yearOf = (k: 'fromYear' | 'withdrawnFrom') => {
      const raw = get(k);
      const v = raw?.replace(/年(度)?$/, '');
      if (v === undefined) return undefined;
      if (v === '') return null;
      if (/^\d{4}$/.test(v)) return Number(v);
      invalid ??= `${HEADERS[k][0]}“${raw}”应为四位年份`;
      return null;
    };
    rows.push({
      row: i + 1,
      name: get('name') ?? '',
      regionCode: text('regionCode'),
      kindLabel: text('kindLabel'),
      parentName: text('parentName'),
      fromYear: yearOf('fromYear'),
      withdrawnFrom: yearOf('withdrawnFrom'),
      url: text('url'),
      invalid,
    });
  }
  if (!rows.length) throw new RosterFileError(`文件“${fileName}”只有表头，没有机关`);
  return rows;
}

async function xlsxGrid(fileName: string, bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new RosterFileError(`文件“${fileName}”无法作为 Excel（.xlsx）文件读取，请检查文件是否损坏`);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new RosterFileError(`文件“${fileName}”中没有工作表`);
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1).map(cellText);
    grid[n - 1] = values;
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[]; hyperlink?: string };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return String(o.result);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** RFC 4180 CSV: quoted fields with doubled quotes and line breaks. */
export function csvGrid(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
