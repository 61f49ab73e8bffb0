/**
 * The files of the office's loop: the 未报送 / status list and the 整改台账 as XLSX (with ExcelJS,
 * as the rankings export), and the 通报 draft as DOCX and XLSX (one sheet per list).
 */
import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { ITEM_STATUS_LABEL, UNIT_STATUS_LABEL } from '@nianbao/model';
import type { RectificationCase } from './office/office';
import type { UnitStatusItem } from './office/status';
import type { BulletinResponse } from '@nianbao/contract';
import { GRADES, KIND_LABEL } from '@nianbao/model';
import { chineseDate, formatPoints } from './notice-docx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Column<T> {
  header: string;
  width: number;
  value: (r: T) => string | number | null;
}

function sheetOf<T>(book: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: T[]) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map((c) => c.value(r)));
  sheet.getColumn(1).alignment = { vertical: 'top' };
  sheet.eachRow((row) => row.eachCell((cell) => (cell.alignment = { vertical: 'top', wrapText: true })));
  if (rows.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

const book = () => {
  const b = new ExcelJS.Workbook();
  b.creator = '政府信息公开工作年度报告审查平台';
  return b;
};

const UNIT_COLUMNS: Column<UnitStatusItem>[] = [
  { header: '机关名称', width: 32, value: (r) => r.agency.name },
  { header: '所属地区', width: 22, value: (r) => r.agency.region?.name ?? '' },
  { header: '机关类型', width: 10, value: (r) => KIND_LABEL[r.agency.kind] },
  { header: '年度', width: 8, value: (r) => r.year },
  { header: '发布状态', width: 12, value: (r) => UNIT_STATUS_LABEL[r.status] },
  { header: '规定期限', width: 12, value: (r) => r.deadline },
  { header: '发布日期', width: 12, value: (r) => r.publishedOn ?? '' },
  { header: '报送日期', width: 12, value: (r) => r.filedOn ?? '' },
  { header: '逾期天数', width: 10, value: (r) => (r.status === 'late' ? r.daysLate : null) },
  { header: '得分', width: 8, value: (r) => r.score },
  { header: '等次', width: 8, value: (r) => r.grade ?? '' },
];

/** The units' status of a year (the 未报送 list when filtered to 未发布). */
export async function statusXlsx(items: UnitStatusItem[], info: { year: number; asOf: string; title: string }): Promise<Buffer> {
  const b = book();
  sheetOf(b, `${info.year}年度${info.title}`.slice(0, 31), UNIT_COLUMNS, items);
  return Buffer.from(await b.xlsx.writeBuffer());
}

interface LedgerRow {
  c: RectificationCase;
  i: RectificationCase['items'][number];
}
const LEDGER_COLUMNS: Column<LedgerRow>[] = [
  { header: '单位', width: 30, value: (r) => r.c.agency.name },
  { header: '年度', width: 8, value: (r) => r.c.year },
  { header: '序号', width: 6, value: (r) => r.i.ordinal },
  { header: '问题', width: 60, value: (r) => r.i.message },
  { header: '位置', width: 30, value: (r) => r.i.location },
  { header: '扣分', width: 8, value: (r) => r.i.points },
  { header: '整改要求', width: 30, value: (r) => r.i.requirement },
  { header: '整改期限', width: 12, value: (r) => r.c.dueOn },
  {
    header: '整改情况',
    width: 16,
    value: (r) => (r.i.status === 'fixed' && r.i.fixedOn ? `已整改（${r.i.fixedOn}）` : ITEM_STATUS_LABEL[r.i.status]),
  },
];

/** The 整改台账: one row per item, unit | 问题 | 扣分 | 整改期限 | 整改情况 (and where, and what to do). */
export async function ledgerXlsx(cases: RectificationCase[]): Promise<Buffer> {
  const b = book();
  sheetOf(
    b,
    '整改台账',
    LEDGER_COLUMNS,
    cases.flatMap((c) => c.items.map((i) => ({ c, i }))),
  );
  return Buffer.from(await b.xlsx.writeBuffer());
}

type Unit = BulletinResponse['excellent'][number];
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const pct = (n: number, d: number) => (d ? `${Math.round((n / d) * 1000) / 10}%` : '—');

const rate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** 「与2018年度相比，按时发布率由…变为…」 and how the year before's notices were followed up. */
function previousText(f: BulletinResponse['figures']): string {
  const p = f.previous;
  if (!p) return '';
  let out = `与${p.year}年度相比，按时发布率由${rate(p.onTimeRate)}变为${rate(f.onTimeRate)}`;
  if (p.averageScore !== null && f.averageScore !== null) out += `，平均得分由${formatPoints(p.averageScore)}分变为${formatPoints(f.averageScore)}分`;
  out += '。';
  if (p.cases)
    out +=
      `${p.year}年度下发整改通知${p.cases}份，所列${p.items}项问题已整改${p.itemsFixed}项（${pct(p.itemsFixed, p.items)}）` +
      `${p.casesOverdue ? `，${p.casesOverdue}个单位逾期未改` : ''}。`;
  return out;
}

/** The sentences of the 通报 (shared by the DOCX and the XLSX's 说明 sheet). */
export function bulletinText(b: BulletinResponse): { title: string; paragraphs: { heading?: string; text: string }[] } {
  const where = b.regionName ?? '全部地区';
  const f = b.figures;
  const names = (list: Unit[], extra?: (u: Unit) => string) => list.map((u) => u.agency.name + (extra ? extra(u) : '')).join('、');
  const paragraphs: { heading?: string; text: string }[] = [];
  paragraphs.push({
    text:
      `根据《中华人民共和国政府信息公开条例》有关规定，${b.officeName}对${where}${b.year}年度政府信息公开工作年度报告的发布和内容情况进行了检查，` +
      `现将有关情况通报如下（统计截至${chineseDate(b.asOf)}）。`,
  });
  paragraphs.push({
    heading: '一、总体情况',
    text:
      `${b.source === 'roster' ? '应报送名单' : '历年发布过年度报告的'}单位共${f.units}个，已发布${f.published}个，其中按时发布${f.onTime}个、逾期发布${f.late}个，` +
      `未发布${f.missing}个${f.notDue ? `，尚未到期${f.notDue}个` : ''}${f.exempt ? `，免报${f.exempt}个` : ''}；按时发布率${pct(f.onTime, f.units - f.notDue)}。` +
      `已发布的报告中，${GRADES.map((g) => `${g}${f.grades[g]}个`).join('、')}，` +
      `平均得分${f.averageScore === null ? '—' : formatPoints(f.averageScore)}分。` +
      previousText(f),
  });
  paragraphs.push({
    heading: '二、优秀单位',
    text: b.excellent.length ? `${names(b.excellent)}等${b.excellent.length}个单位的年度报告评为优秀，予以通报表扬。` : '本年度没有评为优秀的年度报告。',
  });
  paragraphs.push({
    heading: '三、不合格单位',
    text: b.failing.length
      ? `${names(b.failing, (u) => `（${u.score === null ? '—' : formatPoints(u.score)}分）`)}等${b.failing.length}个单位的年度报告不合格，请于收到整改通知后按期整改。`
      : '本年度没有不合格的年度报告。',
  });
  paragraphs.push({
    heading: '四、未发布和逾期发布单位',
    text:
      (b.missing.length ? `截至${chineseDate(b.asOf)}，${names(b.missing)}等${b.missing.length}个单位未发布年度报告。` : `截至${chineseDate(b.asOf)}，没有未发布年度报告的单位。`) +
      (b.late.length ? `${names(b.late, (u) => `（逾期${u.daysLate ?? 0}天）`)}等${b.late.length}个单位逾期发布。` : '没有逾期发布的单位。'),
  });
  const problems = b.problems.slice(0, ORDINALS.length);
  paragraphs.push({
    heading: '五、存在的主要问题',
    text: problems.length
      ? problems.map((p, i) => `${ORDINALS[i]}是${p.description.replace(/[。；]$/, '')}，涉及${p.units}个单位`).join('；') + '。'
      : '未发现共性问题。',
  });
  paragraphs.push({
    heading: '六、工作要求',
    text: '各单位要对照本通报和整改通知书逐项整改，更正后重新公布年度报告，并将整改情况报送。逾期未整改的，将在年度政务公开工作考核中予以扣分。',
  });
  return { title: `关于${where}${b.year}年度政府信息公开工作年度报告检查情况的通报`, paragraphs };
}

const run = (text: string, font: string, size: number) =>
  new TextRun({ text, font: { eastAsia: font, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size });
const mm = (n: number) => Math.round((n / 25.4) * 1440);

export async function bulletinDocx(b: BulletinResponse): Promise<Buffer> {
  const { title, paragraphs } = bulletinText(b);
  const line = { line: 560, lineRule: 'exact' as const };
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 560, line: 700, lineRule: 'exact' }, children: [run(title, '方正小标宋简体', 44)] }),
  ];
  for (const p of paragraphs) {
    if (p.heading) children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: line, children: [run(p.heading, '黑体', 32)] }));
    children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 640 }, spacing: line, children: [run(p.text, '仿宋_GB2312', 32)] }));
  }
  children.push(
    new Paragraph({ spacing: { before: 560 }, children: [] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: line, children: [run(b.officeName, '仿宋_GB2312', 32)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: line, children: [run(chineseDate(new Date().toISOString().slice(0, 10)), '仿宋_GB2312', 32)] }),
  );
  const doc = new Document({
    creator: '政府信息公开工作年度报告审查平台',
    title,
    sections: [
      { properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } } }, children },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

const BULLETIN_UNIT: Column<Unit>[] = [
  { header: '机关名称', width: 32, value: (u) => u.agency.name },
  { header: '所属地区', width: 22, value: (u) => u.agency.region?.name ?? '' },
  { header: '得分', width: 8, value: (u) => u.score },
  { header: '等次', width: 8, value: (u) => u.grade ?? '' },
  { header: '规定期限', width: 12, value: (u) => u.deadline },
  { header: '发布日期', width: 12, value: (u) => u.publishedOn ?? '' },
  { header: '逾期天数', width: 10, value: (u) => u.daysLate },
];

/** The 通报 as a workbook: 总体情况, then one sheet per list, and the main problems. */
export async function bulletinXlsx(b: BulletinResponse): Promise<Buffer> {
  const wb = book();
  const f = b.figures;
  const overall = wb.addWorksheet('总体情况');
  overall.columns = [{ width: 18 }, { width: 40 }];
  overall.addRows([
    ['年度', b.year],
    ['地区', b.regionName ?? '全部地区'],
    ['统计截止日期', b.asOf],
    ['应报送单位', f.units],
    ['已发布', f.published],
    ['按时发布', f.onTime],
    ['逾期发布', f.late],
    ['未发布', f.missing],
    ['未到期', f.notDue],
    ['免报', f.exempt],
    ...GRADES.map((g) => [g, f.grades[g]]),
    ['平均得分', f.averageScore],
    ['按时发布率', rate(f.onTimeRate)],
    ...(f.previous
      ? [
          [`${f.previous.year}年度按时发布率`, rate(f.previous.onTimeRate)],
          [`${f.previous.year}年度平均得分`, f.previous.averageScore],
          [`${f.previous.year}年度整改通知`, `${f.previous.cases}份，${f.previous.itemsFixed}/${f.previous.items}项已整改，${f.previous.casesOverdue}个单位逾期未改`],
        ]
      : []),
    ['名单来源', b.source === 'roster' ? '应报送名单' : '历年发布过年度报告的单位（未导入应报送名单）'],
  ]);
  overall.getColumn(1).font = { bold: true };
  sheetOf(wb, '优秀', BULLETIN_UNIT, b.excellent);
  sheetOf(wb, '不合格', BULLETIN_UNIT, b.failing);
  sheetOf(wb, '未发布', BULLETIN_UNIT, b.missing);
  sheetOf(wb, '逾期发布', BULLETIN_UNIT, b.late);
  sheetOf(
    wb,
    '主要问题',
    [
      { header: '序号', width: 6, value: (p: BulletinResponse['problems'][number] & { i: number }) => p.i },
      { header: '问题', width: 50, value: (p) => p.description },
      { header: '涉及单位数', width: 12, value: (p) => p.units },
    ],
    b.problems.map((p, i) => ({ ...p, i: i + 1 })),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
