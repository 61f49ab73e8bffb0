/**
 * A made-up report laid out as agencies print them, for the PDF adapter's page handling: a running
 * header and a 「- N -」 footer on every page, table 二 without borders, table 三 ruled with its three
 * header rows repeated on each page and merged label cells running over the page break, table 四
 * ruled. The figures hold the identities of the format (45 + 2 = 46 + 1).
 *
 * make-fixtures.ts has LibreOffice print it to fixtures/paged.pdf.
 */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Cell {
  text: string;
  cols?: number;
  rows?: number;
}
type Row = (Cell | string | null)[]; // null: covered by a merged cell

function cellXml(c: Cell | string | null, style: string): string {
  if (c === null) return '<table:covered-table-cell/>';
  const { text, cols = 1, rows = 1 } = typeof c === 'string' ? { text: c } : c;
  const span = `${cols > 1 ? ` table:number-columns-spanned="${cols}"` : ''}${rows > 1 ? ` table:number-rows-spanned="${rows}"` : ''}`;
  const body = text
    ? `<text:p text:style-name="Cell">${esc(text)}</text:p>`
    : '<text:p text:style-name="Cell"/>';
  return `<table:table-cell table:style-name="${style}" office:value-type="string"${span}>${body}</table:table-cell>`;
}

function tableXml(name: string, widths: number[], header: Row[], body: Row[], ruled: boolean): string {
  const style = ruled ? 'Ruled' : 'Bare';
  const row = (r: Row) => `<table:table-row>${r.map((c) => cellXml(c, style)).join('')}</table:table-row>`;
  return [
    `<table:table table:name="${name}" table:style-name="${name}">`,
    ...widths.map((_, i) => `<table:table-column table:style-name="${name}.${i}"/>`),
    header.length ? `<table:table-header-rows>${header.map(row).join('\n')}</table:table-header-rows>` : '',
    ...body.map(row),
    '</table:table>',
  ].join('\n');
}

function columnStyles(name: string, widths: number[]): string {
  const total = widths.reduce((a, b) => a + b, 0);
  return [
    `<style:style style:name="${name}" style:family="table"><style:table-properties style:width="${total}cm" table:align="left"/></style:style>`,
    ...widths.map(
      (w, i) =>
        `<style:style style:name="${name}.${i}" style:family="table-column"><style:table-column-properties style:column-width="${w}cm"/></style:style>`,
    ),
  ].join('\n');
}

const V = (...xs: number[]) => xs.map(String);

/** Table 三, one row per line: [label, 自然人, 商业企业] (the other four columns of 法人 are 0). */
const T3: [string, number, number][] = [
  ['一、本年新收政府信息公开申请数量', 40, 5],
  ['二、上年结转政府信息公开申请数量', 2, 0],
  ['（一）予以公开', 20, 3],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 4, 0],
  ['1.属于国家秘密', 1, 0],
  ['2.其他法律行政法规禁止公开', 0, 0],
  ['3.危及“三安全一稳定”', 0, 0],
  ['4.保护第三方合法权益', 2, 1],
  ['5.属于三类内部事务信息', 0, 0],
  ['6.属于四类过程性信息', 1, 0],
  ['7.属于行政执法案卷', 0, 0],
  ['8.属于行政查询事项', 0, 0],
  ['1.本机关不掌握相关政府信息', 6, 1],
  ['2.没有现成信息需要另行制作', 1, 0],
  ['3.补正后申请内容仍不明确', 0, 0],
  ['1.信访举报投诉类申请', 2, 0],
  ['2.重复申请', 1, 0],
  ['3.要求提供公开出版物', 0, 0],
  ['4.无正当理由大量反复申请', 0, 0],
  ['5.要求行政机关确认或重新出具已获取信息', 0, 0],
  ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 1, 0],
  ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 0, 0],
  ['3.其他', 2, 0],
  ['（七）总计', 41, 5],
  ['四、结转下年度继续办理', 1, 0],
];

function table3(): string {
  const figures = ([, n, c]: [string, number, number]) => V(n, c, 0, 0, 0, 0, n + c);
  const header: Row[] = [
    [
      { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', cols: 3, rows: 3 },
      null,
      null,
      { text: '申请人情况', cols: 7 },
      null,
      null,
      null,
      null,
      null,
      null,
    ],
    [
      null,
      null,
      null,
      { text: '自然人', rows: 2 },
      { text: '法人或其他组织', cols: 5 },
      null,
      null,
      null,
      null,
      { text: '总计', rows: 2 },
    ],
    [null, null, null, null, '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', null],
  ];
  const r = (i: number) => T3[i]!;
  const group = (title: string, from: number, n: number): Row[] =>
    Array.from({ length: n }, (_, k) => [
      null,
      k === 0 ? { text: title, rows: n } : null,
      r(from + k)[0],
      ...figures(r(from + k)),
    ]);
  const body: Row[] = [
    [{ text: r(0)[0], cols: 3 }, null, null, ...figures(r(0))],
    [{ text: r(1)[0], cols: 3 }, null, null, ...figures(r(1))],
    [{ text: '三、本年度办理结果', rows: 22 }, { text: r(2)[0], cols: 2 }, null, ...figures(r(2))],
    [null, { text: r(3)[0], cols: 2 }, null, ...figures(r(3))],
    ...group('（三）不予公开', 4, 8),
    ...group('（四）无法提供', 12, 3),
    ...group('（五）不予处理', 15, 5),
    ...group('（六）其他处理', 20, 3),
    [null, { text: r(23)[0], cols: 2 }, null, ...figures(r(23))],
    [{ text: r(24)[0], cols: 3 }, null, null, ...figures(r(24))],
  ];
  return tableXml('T3', T3_WIDTHS, header, body, true);
}
const T3_WIDTHS = [1.2, 2, 4.6, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3];

const T2_WIDTHS = [5, 4, 4, 4];
function table2(): string {
  const title = (t: string): Row => [{ text: t, cols: 4 }, null, null, null];
  const one = (head: string, ...rows: [string, number][]): Row[] => [
    ['信息内容', { text: head, cols: 3 }, null, null],
    ...rows.map(([l, v]): Row => [l, { text: String(v), cols: 3 }, null, null]),
  ];
  return tableXml(
    'T2',
    T2_WIDTHS,
    [],
    [
      title('第二十条第（一）项'),
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', ...V(0, 0, 3)],
      ['行政规范性文件', ...V(2, 1, 15)],
      title('第二十条第（五）项'),
      ...one('本年处理决定数量', ['行政许可', 120]),
      title('第二十条第（六）项'),
      ...one('本年处理决定数量', ['行政处罚', 35], ['行政强制', 0]),
      title('第二十条第（八）项'),
      ...one('本年收费金额（单位：万元）', ['行政事业性收费', 0]),
    ],
    false,
  );
}

const T4_WIDTHS = Array.from({ length: 15 }, () => 1.13);
function table4(): string {
  const five = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return tableXml(
    'T4',
    T4_WIDTHS,
    [],
    [
      [
        { text: '行政复议', cols: 5 },
        null,
        null,
        null,
        null,
        { text: '行政诉讼', cols: 10 },
        ...Array<null>(9).fill(null),
      ],
      [
        ...five.map((t) => ({ text: t, rows: 2 })),
        { text: '未经复议直接起诉', cols: 5 },
        null,
        null,
        null,
        null,
        { text: '复议后起诉', cols: 5 },
        null,
        null,
        null,
        null,
      ],
      [null, null, null, null, null, ...five, ...five],
      V(2, 1, 0, 0, 3, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0),
    ],
    true,
  );
}

const PROSE = [
  '某某市某某局2023年政府信息公开工作年度报告',
  '本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2023年1月1日至2023年12月31日。',
  '一、总体情况',
  '2023年，我局坚持以人民为中心的发展思想，严格落实《中华人民共和国政府信息公开条例》，围绕中心工作，持续深化政务公开，不断提升政府信息公开的质量和实效，保障人民群众的知情权、参与权、表达权和监督权。',
  '（一）主动公开情况。全年通过门户网站主动公开政府信息 326 条，其中政策文件 12 件、政策解读 9 篇、工作动态 214 条、人事信息 18 条、财政预决算信息 6 条，并及时更新政府信息公开指南和主动公开目录。',
  '（二）依申请公开情况。全年受理政府信息公开申请 45 件，上年结转 2 件，办结 46 件，结转下年度继续办理 1 件，均在法定期限内答复。',
  '（三）政府信息管理情况。严格落实公开前保密审查和公开属性认定，动态调整主动公开基本目录，对现行有效的行政规范性文件进行清理并集中公开。',
  '（四）平台建设情况。优化门户网站政务公开专栏设置，完善政策文件库，推进政务新媒体规范运维。',
  '（五）监督保障情况。将政务公开纳入年度工作考核，组织开展业务培训 2 次，接受社会评议，未发生责任追究情况。',
  '在重点领域信息公开方面，围绕财政预决算、重大建设项目、公共资源配置、社会公益事业等领域，细化公开内容，规范公开流程，做到应公开尽公开，全年发布重点领域信息 58 条。',
  '在政策解读方面，坚持政策文件与解读材料同步组织、同步审签、同步发布，通过图文解读、问答解读等形式，帮助群众准确理解政策内容，全年发布解读材料 9 篇。',
  '在回应关切方面，密切关注社会舆情，对群众关心关注的热点问题及时发布权威信息，全年回应网民留言 73 件，办结率 100%。',
  '在公众参与方面，对涉及群众切身利益的政策文件公开征求意见，并在门户网站公开意见采纳情况，全年开展意见征集 4 次。',
  '在政务公开标准化规范化方面，对照基层政务公开标准目录，逐项梳理公开事项，完善公开要素，推动公开内容标准统一、格式规范。',
  '在政府信息公开工作机构建设方面，明确分管领导和专职工作人员，健全信息发布协调机制，确保政府信息公开工作有人抓、有人管。',
];

export function pagedFodt(): string {
  const p = (t: string) =>
    `<text:p text:style-name="${/^[一二三四五六]、/.test(t) ? 'Heading' : 'Body'}">${esc(t)}</text:p>`;
  const body = [
    `<text:p text:style-name="Title">${esc(PROSE[0]!)}</text:p>`,
    ...PROSE.slice(1).map(p),
    p('二、主动公开政府信息情况'),
    table2(),
    p('三、收到和处理政府信息公开申请情况'),
    table3(),
    p('四、政府信息公开行政复议、行政诉讼情况'),
    table4(),
    p('五、存在的主要问题及改进情况'),
    p('政策解读的形式还不够丰富，下一步将增加图解、视频等解读形式，提高解读的针对性和可读性。'),
    p('六、其他需要报告的事项'),
    p('本年度未收取信息处理费。'),
    `<text:p text:style-name="Sign">某某市某某局</text:p>`,
    `<text:p text:style-name="Sign">2024年1月20日</text:p>`,
  ].join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by packages/extract/scripts/paged-fodt.ts: the source of fixtures/paged.pdf. -->
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-indent="0.85cm" fo:line-height="150%" fo:text-align="justify"/>
   <style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/>
  </style:style>
  <style:style style:name="Heading" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/>
   <style:text-properties fo:font-size="12pt" style:font-size-asian="12pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/>
   <style:text-properties fo:font-size="16pt" style:font-size-asian="16pt"/>
  </style:style>
  <style:style style:name="Sign" style:family="paragraph">
   <style:paragraph-properties fo:text-align="end"/>
   <style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/>
  </style:style>
  <style:style style:name="Cell" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/>
  </style:style>
  <style:style style:name="Margin" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A4">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="1cm" fo:margin-bottom="0.5cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="1cm" fo:margin-top="0.5cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Ruled" style:family="table-cell">
   <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm" style:vertical-align="middle"/>
  </style:style>
  <style:style style:name="Bare" style:family="table-cell">
   <style:table-cell-properties fo:border="none" fo:padding="0.05cm" style:vertical-align="middle"/>
  </style:style>
${columnStyles('T2', T2_WIDTHS)}
${columnStyles('T3', T3_WIDTHS)}
${columnStyles('T4', T4_WIDTHS)}
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4">
   <style:header><text:p text:style-name="Margin">某某市某某局2023年政府信息公开工作年度报告</text:p></style:header>
   <style:footer><text:p text:style-name="Margin">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
${body}
  </office:text>
 </office:body>
</office:document>
`;
}
