/**
 * The 整改通知书 as a Word document in official-document layout (GB/T 9704: A4, 37/26/35/28 mm
 * margins, a centred 小标宋 title, 仿宋 三号 body with two-character indents, the 落款 flush right),
 * made with `docx`. Several notices (a bulk notice for all units under a grade) go into one document,
 * each starting a new page.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { NoticeData } from './office/notice';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const BODY_FONT = '仿宋_GB2312';
const TITLE_FONT = '方正小标宋简体';
const HEADING_FONT = '黑体';
const mm = (n: number) => Math.round((n / 25.4) * 1440);
/** A4 less the left and right margins, in twips. */
const TEXT_WIDTH = mm(210 - 28 - 26);
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, table: 21, tableHead: 22 };

/** 2026-12-03 → 2026年12月3日 (GB/T 9704 writes the 成文日期 in Arabic numerals). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export const noticeTitle = (n: Pick<NoticeData, 'agency' | 'year'>) =>
  `关于${n.agency.name}${n.year}年度政府信息公开工作年度报告存在问题的整改通知`;

const run = (text: string, opts: { font?: string; size?: number; bold?: boolean } = {}) =>
  new TextRun({ text, font: { eastAsia: opts.font ?? BODY_FONT, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: opts.size ?? SIZE.body, bold: opts.bold });

const body = (text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; font?: string } = {}) =>
  new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' as const },
    children: [run(text, { font: opts.font })],
  });

const COLUMNS: { title: string; width: number; value: (i: NoticeData['items'][number]) => string; align?: 'center' }[] = [
  { title: '序号', width: 6, value: (i) => String(i.ordinal), align: 'center' },
  { title: '问题类别', width: 10, value: (i) => i.category, align: 'center' },
  { title: '问题描述', width: 30, value: (i) => i.message },
  { title: '位置（表、行、列或原文摘录）', width: 21, value: (i) => i.location },
  { title: '扣分', width: 8, value: (i) => formatPoints(i.points), align: 'center' },
  { title: '整改要求', width: 25, value: (i) => i.requirement },
];

export const formatPoints = (p: number) => (Number.isInteger(p) ? String(p) : p.toFixed(2).replace(/0$/, ''));

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, width: number, opts: { head?: boolean; center?: boolean } = {}) {
  return new TableCell({
    width: { size: Math.round((width / 100) * TEXT_WIDTH), type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    borders,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: opts.head || opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(text, { font: opts.head ? HEADING_FONT : BODY_FONT, size: opts.head ? SIZE.tableHead : SIZE.table })],
      }),
    ],
  });
}

function problemTable(items: NoticeData['items']): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: COLUMNS.map((c) => Math.round((c.width / 100) * TEXT_WIDTH)),
    rows: [
      new TableRow({ tableHeader: true, children: COLUMNS.map((c) => cell(c.title, c.width, { head: true })) }),
      ...items.map((i) => new TableRow({ cantSplit: true, children: COLUMNS.map((c) => cell(c.value(i), c.width, { center: c.align === 'center' })) })),
    ],
  });
}

/** The paragraphs of one notice. */
export function noticeSection(n: NoticeData): ISectionOptions {
  const lost = n.items.reduce((s, i) => s + i.points, 0);
  const scoreText = n.score !== null ? `，得分${formatPoints(n.score)}分${n.grade ? `，等次为“${n.grade}”` : ''}` : '';
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 560, line: 700, lineRule: 'exact' as const },
      children: [run(noticeTitle(n), { font: TITLE_FONT, size: SIZE.title })],
    }),
    body(`${n.agency.name}：`, { indent: false, align: AlignmentType.LEFT }),
    body(
      `根据《中华人民共和国政府信息公开条例》第四十九条和国务院办公厅政府信息公开工作年度报告格式要求，${n.officeName}对你单位${n.year}年度政府信息公开工作年度报告进行了审查${scoreText}。` +
        (n.items.length
          ? `经审查，报告存在${n.items.length}个问题（共扣${formatPoints(Math.round(lost * 100) / 100)}分），详见问题清单。请对照问题清单逐项整改，更正后重新公布年度报告，并将整改情况书面报送${n.officeName}。`
          : '经审查，未发现需要整改的问题。'),
    ),
  ];
  if (n.items.length) {
    children.push(body('一、问题清单', { font: HEADING_FONT }), problemTable(n.items));
  }
  children.push(
    ...(n.items.length ? [body('二、整改期限', { font: HEADING_FONT })] : []),
    body(`${n.items.length ? '' : '整改期限：'}请于${chineseDate(n.dueOn)}前完成整改。逾期未整改的，将在年度政务公开工作考核中予以扣分。`),
    new Paragraph({ spacing: { before: 560 }, children: [] }),
    body(n.officeName, { indent: false, align: AlignmentType.RIGHT }),
    body(chineseDate(n.issuedOn), { indent: false, align: AlignmentType.RIGHT }),
  );
  return {
    properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } } },
    children,
  };
}

export async function noticesDocx(notices: NoticeData[]): Promise<Buffer> {
  const doc = new Document({
    creator: '政府信息公开工作年度报告审查平台',
    title: notices.length === 1 ? noticeTitle(notices[0]!) : '整改通知书',
    styles: { default: { document: { run: { font: { eastAsia: BODY_FONT, ascii: 'Times New Roman' }, size: SIZE.body } } } },
    sections: notices.map(noticeSection),
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** 「整改通知书_南开区文化和旅游局_2019年度.docx」 */
export const noticeFileName = (n: Pick<NoticeData, 'agency' | 'year'>) =>
  `整改通知书_${n.agency.name}_${n.year}年度.docx`.replace(/[\\/:*?"<>|]/g, '');
