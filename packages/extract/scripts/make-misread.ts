/**
 * The 「misread」 fixtures: one 2024 区政府 report whose table 三 has every shape that broke the PDF
 * reading of real reports (issue 12), printed by headless Chromium in two ways agencies publish:
 * ruled (WPS/Word table borders) and unruled (text placed only by position).
 *
 *   npx tsx packages/extract/scripts/make-misread.ts
 *
 * writes packages/extract/fixtures/misread.html, misread.ruled.pdf and misread.loose.pdf.
 * The shapes, each as seen in a real report:
 * - 「三、本年度办理结果」 printed vertically down its merged cell, its characters spaced out;
 * - 「（四）无法提供」 wrapped in a narrow merged cell, so that 「（四）无」 and 「法提供」 sit among the sub-rows;
 * - 「2.其他法律行政止公开」: characters missing from the label;
 * - 「1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请」 wrapped over three lines, its
 *   figures on the middle line;
 * - 「2.申请人逾期未按收费…」 and 「3.其他」 printed without figures, directly above the filled 总计;
 * - a thousands separator (1,203);
 * - a breadcrumb line above the title and the page's 「发布时间：」 (no 落款 date).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageHtml, printPdfs } from '../src/testing/print-pdf';

const OUT = join(import.meta.dirname, '../fixtures');

/** Table 三's rows: label cells (text, colspan, rowspan) and the first six columns (总计 is their sum). */
export const MISREAD_T3: { key: string; cells: [string, number, number][]; values: (number | null)[] }[] = [
  { key: 'newReceived', cells: [['一、本年新收政府信息公开申请数量', 3, 1]], values: [1203, 41, 2, 1, 6, 3] },
  { key: 'carriedOver', cells: [['二、上年结转政府信息公开申请数量', 3, 1]], values: [34, 2, 0, 0, 0, 1] },
  { key: 'granted', cells: [['三 、本 年 度办 理 结果', 1, 22], ['（一）予以公开', 2, 1]], values: [610, 20, 1, 0, 3, 1] },
  { key: 'partiallyGranted', cells: [['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 2, 1]], values: [120, 6, 0, 0, 1, 0] },
  { key: 'denied.stateSecret', cells: [['（三）不予公开', 1, 8], ['1.属于国家秘密', 1, 1]], values: [2, 0, 0, 0, 0, 0] },
  { key: 'denied.lawProhibited', cells: [['2.其他法律行政止公开', 1, 1]], values: [9, 1, 0, 0, 0, 0] },
  { key: 'denied.safetyStability', cells: [['3.危及“三安全一稳定”', 1, 1]], values: [3, 0, 0, 0, 0, 0] },
  { key: 'denied.thirdParty', cells: [['4.保护第三方合法权益', 1, 1]], values: [5, 0, 0, 0, 0, 0] },
  { key: 'denied.internalAffairs', cells: [['5.属于三类内部事务信息', 1, 1]], values: [7, 1, 0, 0, 0, 0] },
  { key: 'denied.processInfo', cells: [['6.属于四类过程性信息', 1, 1]], values: [11, 0, 0, 0, 0, 0] },
  { key: 'denied.enforcementFile', cells: [['7.属于行政执法案卷', 1, 1]], values: [4, 0, 0, 0, 0, 0] },
  { key: 'denied.queryMatter', cells: [['8.属于行政查询事项', 1, 1]], values: [6, 0, 0, 0, 0, 0] },
  { key: 'unable.notHeld', cells: [['（四）无法提供', 1, 3], ['1.本机关不掌握相关政府信息', 1, 1]], values: [260, 8, 1, 1, 1, 1] },
  { key: 'unable.needsCreation', cells: [['2.没有现成信息需要另行制作', 1, 1]], values: [13, 1, 0, 0, 0, 0] },
  { key: 'unable.unclear', cells: [['3.补正后申请内容仍不明确', 1, 1]], values: [8, 0, 0, 0, 0, 0] },
  { key: 'notProcessed.complaint', cells: [['（五）不予处理', 1, 5], ['1.信访举报投诉类申请', 1, 1]], values: [21, 0, 0, 0, 0, 0] },
  { key: 'notProcessed.duplicate', cells: [['2.重复申请', 1, 1]], values: [30, 2, 0, 0, 0, 0] },
  { key: 'notProcessed.publication', cells: [['3.要求提供公开出版物', 1, 1]], values: [1, 0, 0, 0, 0, 0] },
  { key: 'notProcessed.massRepeated', cells: [['4.无正当理由大量反复申请', 1, 1]], values: [15, 0, 0, 0, 0, 0] },
  { key: 'notProcessed.confirmation', cells: [['5.要求行政机关确认或重新出具已获取信息', 1, 1]], values: [2, 0, 0, 0, 0, 0] },
  {
    key: 'otherHandling.overdueCorrection',
    cells: [['（六）其他处理', 1, 3], ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 1, 1]],
    values: [40, 3, 0, 0, 1, 1],
  },
  { key: 'otherHandling.overdueFee', cells: [['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 1, 1]], values: [null, null, null, null, null, null] },
  { key: 'otherHandling.other', cells: [['3.其他', 1, 1]], values: [null, null, null, null, null, null] },
  { key: 'totalProcessed', cells: [['（七）总计', 2, 1]], values: [1167, 42, 2, 1, 6, 3] },
  { key: 'carriedForward', cells: [['四、结转下年度继续办理', 3, 1]], values: [70, 1, 0, 0, 0, 1] },
];

const total = (v: (number | null)[]) => (v.every((x) => x === null) ? null : v.reduce<number>((s, x) => s + (x ?? 0), 0));
const fmt = (n: number | null) => (n === null ? '' : n >= 1000 ? n.toLocaleString('en-US') : String(n));

function t3Html(): string {
  const head = `<tr><td colspan="3" rowspan="3" class="note">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>`;
  const body = MISREAD_T3.map((r) => {
    const labels = r.cells
      .map(([t, cs, rs]) => {
        const cls = rs === 22 ? 'vert' : rs > 1 ? 'group' : cs > 1 ? '' : 'sub';
        return `<td${cs > 1 ? ` colspan="${cs}"` : ''}${rs > 1 ? ` rowspan="${rs}"` : ''} class="${cls}">${t}</td>`;
      })
      .join('');
    const values = [...r.values, total(r.values)].map((v) => `<td>${fmt(v)}</td>`).join('');
    return `<tr>${labels}${values}</tr>`;
  }).join('\n');
  return `<table class="t3">${head}\n${body}</table>`;
}

const BODY = `<p class="crumbs">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年度报告</p>
<h1>淮安市清江浦区人民政府2024年政府信息公开工作年度报告</h1>
<p class="info">发布时间：2025-01-20　　来源：区政府办公室　　浏览次数：312</p>
<p>本报告根据《中华人民共和国政府信息公开条例》编制。报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。</p>
<p>一、总体情况</p>
<p>2024年，区政府坚持以公开为常态、不公开为例外，认真做好主动公开、依申请公开、政策解读和回应关切等工作，政务公开质量进一步提升。</p>
<p>二、主动公开政府信息情况</p>
<table class="t2">
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>6</td><td>2</td><td>41</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="3">5,120</td></tr>
<tr><td colspan="4">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan="3">388</td></tr>
<tr><td>行政强制</td><td colspan="3">12</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan="3">0</td></tr>
</table>
<p>三、收到和处理政府信息公开申请情况</p>
${t3Html()}
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table class="t4">
<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>9</td><td>1</td><td>2</td><td>3</td><td>15</td><td>4</td><td>0</td><td>1</td><td>2</td><td>7</td><td>2</td><td>0</td><td>0</td><td>1</td><td>3</td></tr>
</table>
<p>五、存在的主要问题及改进情况</p>
<p>一是政策解读形式还不够丰富；二是依申请公开答复的规范性有待提高。下一步，我区将加强培训，规范办理流程，提升答复质量。</p>
<p>六、其他需要报告的事项</p>
<p>本年度未收取信息处理费。本年度政务公开工作考核、社会评议和责任追究结果情况：无责任追究情况。</p>`;

const CSS = `
h1 { font-size: 16pt; text-align: center; }
.crumbs, .info { text-indent: 0; font-size: 9pt; }
.t3 td.vert { width: 1.1em; max-width: 1.1em; word-break: break-all; }
.t3 td.group { width: 3.2em; max-width: 3.2em; word-break: break-all; }
.t3 td.sub { width: 7.5em; max-width: 7.5em; word-break: break-all; }
.t3 td.note { width: 9em; font-size: 8pt; }
.t3 td { font-size: 9pt; }
.t4 td { font-size: 8pt; }
`;

export const MISREAD_HTML = pageHtml(BODY, { css: CSS });

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(OUT, 'misread.html'), MISREAD_HTML);
  const loose = pageHtml(BODY, { css: CSS, ruled: false });
  const [ruled, unruled] = await printPdfs([MISREAD_HTML, loose]);
  writeFileSync(join(OUT, 'misread.ruled.pdf'), ruled!);
  writeFileSync(join(OUT, 'misread.loose.pdf'), unruled!);
  console.log('misread.ruled.pdf', ruled!.length, 'misread.loose.pdf', unruled!.length);
}
