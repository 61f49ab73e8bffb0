/**
 * Issue 12: tables printed to PDF as agencies print them, read as a person reads them. The 「misread」
 * fixtures (packages/extract/scripts/make-misread.ts) hold every shape that broke the reading of real
 * reports: a label wrapped over three lines with its figures on the middle one, a group label split
 * around its sub-rows or printed vertically and spaced out, a label with characters missing, two rows
 * printed without figures directly above the filled 总计, a thousands separator, and a breadcrumb
 * line above the title.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract, fromText } from '@nianbao/extract';
import { fromPdfWithoutRules } from '@nianbao/extract/testing/unruled';
import type { ParsedReport } from '@nianbao/model';
import { parse } from './index';

const FIXTURES = join(import.meta.dirname, '../../extract/fixtures');

async function parseFixture(name: string): Promise<ParsedReport> {
  const doc = await extract(readFileSync(join(FIXTURES, name)), name);
  return parse(doc, { file: name, sha256: '' });
}

const COLUMNS = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];
/** Table 三 as printed: each row's seven cells, '' for a blank cell. */
const T3: [string, string][] = [
  ['newReceived', '1203 41 2 1 6 3 1256'],
  ['carriedOver', '34 2 0 0 0 1 37'],
  ['granted', '610 20 1 0 3 1 635'],
  ['partiallyGranted', '120 6 0 0 1 0 127'],
  ['denied.stateSecret', '2 0 0 0 0 0 2'],
  ['denied.lawProhibited', '9 1 0 0 0 0 10'],
  ['denied.safetyStability', '3 0 0 0 0 0 3'],
  ['denied.thirdParty', '5 0 0 0 0 0 5'],
  ['denied.internalAffairs', '7 1 0 0 0 0 8'],
  ['denied.processInfo', '11 0 0 0 0 0 11'],
  ['denied.enforcementFile', '4 0 0 0 0 0 4'],
  ['denied.queryMatter', '6 0 0 0 0 0 6'],
  ['unable.notHeld', '260 8 1 1 1 1 272'],
  ['unable.needsCreation', '13 1 0 0 0 0 14'],
  ['unable.unclear', '8 0 0 0 0 0 8'],
  ['notProcessed.complaint', '21 0 0 0 0 0 21'],
  ['notProcessed.duplicate', '30 2 0 0 0 0 32'],
  ['notProcessed.publication', '1 0 0 0 0 0 1'],
  ['notProcessed.massRepeated', '15 0 0 0 0 0 15'],
  ['notProcessed.confirmation', '2 0 0 0 0 0 2'],
  ['otherHandling.overdueCorrection', '40 3 0 0 1 1 45'],
  ['otherHandling.overdueFee', '      '],
  ['otherHandling.other', '      '],
  ['totalProcessed', '1167 42 2 1 6 3 1221'],
  ['carriedForward', '70 1 0 0 0 1 72'],
];

/** Table 三 as read: each row's cells, a value as its number, a blank cell as '', anything else by its state. */
const t3Of = (r: ParsedReport) =>
  T3.map(([row]) => [
    row,
    COLUMNS.map((c) => {
      const cell = r.cells[`t3.${row}.${c}`]!;
      return cell.state === 'value' ? String(cell.value) : cell.state === 'blank' ? '' : `(${cell.state})`;
    }).join(' '),
  ]);

describe('the misread report as a web page (its text version)', () => {
  it('reads table 三 cell for cell, the two rows without figures blank in place', async () => {
    const r = await parseFixture('misread.html');
    expect(t3Of(r)).toEqual(T3);
    expect(r.reading).toBeUndefined();
  });
});

describe('the misread report printed to PDF with table borders (WPS/Word-like)', () => {
  it('reads table 三 cell for cell, the figures of a wrapped label on its middle line placed by the label around them', async () => {
    const r = await parseFixture('misread.ruled.pdf');
    expect(t3Of(r)).toEqual(T3);
    expect(r.reading).toBeUndefined();
  });

  it('finds the agency below the breadcrumb, and takes the page’s 发布时间 as the publication date', async () => {
    const r = await parseFixture('misread.ruled.pdf');
    expect(r.agency).toMatchObject({ name: '淮安市清江浦区人民政府', kind: 'government' });
    expect([r.year, r.publishedOn, r.publishedFrom]).toEqual([2024, '2025-01-20', 'page']);
  });
});

describe('the misread report printed to PDF without borders (text placed by position only)', () => {
  it('reads table 三 cell for cell: labels over three lines, split and vertical group labels, blank rows in place', async () => {
    const r = await parseFixture('misread.loose.pdf');
    expect(t3Of(r)).toEqual(T3);
    expect(r.reading).toBeUndefined();
  });
});

describe('淮安市人民政府 2024 (corpus PDF) read without its ruling lines', () => {
  it('reads the same cells as with them', async () => {
    const file = join(import.meta.dirname, '../../../../shared/corpus/huaian-shi-renminzhengfu_2024.pdf');
    const bytes = readFileSync(file);
    const ruled = parse(await extract(new Uint8Array(bytes), 'huaian.pdf'), { file: 'huaian.pdf', sha256: '' });
    const unruled = parse(await fromPdfWithoutRules(new Uint8Array(bytes), 'huaian.pdf'), { file: 'huaian.pdf', sha256: '' });
    const t3 = (r: ParsedReport) => Object.fromEntries(Object.entries(r.cells).filter(([k]) => k.startsWith('t3.')));
    const values = (r: ParsedReport) => Object.entries(t3(r)).map(([k, c]) => [k, c.state, c.value]);
    expect(values(unruled)).toEqual(values(ruled));
    expect(ruled.cells['t3.totalProcessed.total']!.value).toBe(3050);
    expect(unruled.reading).toBeUndefined();
  });
});

describe('template-guided alignment on text read by position (pdftotext -layout shapes)', () => {
  const layout = (body: string) =>
    parse(fromText(body), { file: 'x.txt', sha256: '' });
  const head = `测试县人民政府2024年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
                                            申请人情况
                          自然人   商业企业 科研机构 社会公益组织 法律服务机构 其他   总计
`;
  const tail = `四、政府信息公开行政复议、行政诉讼情况\n`;

  it('a label over three lines with the figures on its middle line, and a blank row directly above a filled one', () => {
    const r = layout(
      head +
        `一、本年新收政府信息公开申请数量      10       0        0        0          0         0      10
二、上年结转政府信息公开申请数量       2       0        0        0          0         0       2
         1.申请人无正当理由逾期
（六）其他 不补正、行政机关不再处理      3       0        0        0          0         0       3
  处理     其政府信息公开申请
         2.申请人逾期未按收费通知要
         求缴纳费用、行政机关不再处
         理其政府信息公开申请
         3.其他
（七）总计                             9       0        0        0          0         0       9
四、结转下年度继续办理                 3       0        0        0          0         0       3
` +
        tail,
    );
    const row = (k: string) => COLUMNS.map((c) => r.cells[`t3.${k}.${c}`]!).map((c) => (c.state === 'value' ? c.value : c.state));
    expect(row('otherHandling.overdueCorrection')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(row('otherHandling.overdueFee')).toEqual(Array(7).fill('blank'));
    expect(row('otherHandling.other')).toEqual(Array(7).fill('blank'));
    expect(row('totalProcessed')).toEqual([9, 0, 0, 0, 0, 0, 9]);
    expect(row('carriedForward')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(r.reading).toBeUndefined();
  });

  it('a damaged label (characters missing) and a spaced-out group label still find their rows', () => {
    const r = layout(
      head +
        `一、本年新收政府信息公开申请数量      10       0        0        0          0         0      10
二、上年结转政府信息公开申请数量       2       0        0        0          0         0       2
三 、本 年 度办 理 结果 （一）予以公开  4       0        0        0          0         0       4
          （三）不予公开 1.属于国家秘密 1       0        0        0          0         0       1
                  2.其他法律行政止公开  5       0        0        0          0         0       5
                  3.危及“三安全一稳定”  0       0        0        0          0         0       0
` +
        tail,
    );
    const nat = (k: string) => r.cells[`t3.${k}.naturalPerson`]!.value;
    expect(['granted', 'denied.stateSecret', 'denied.lawProhibited', 'denied.safetyStability'].map(nat)).toEqual([4, 1, 5, 0]);
    expect(r.cells['t3.partiallyGranted.naturalPerson']!.state).toBe('absent');
  });
});

describe('reading confidence', () => {
  const layout = (body: string) => parse(fromText(body), { file: 'x.txt', sha256: '' });
  it('figures whose label is lost, where two rows could take them, are not guessed: both rows are named', () => {
    const r = layout(`三、收到和处理政府信息公开申请情况
                          自然人   商业企业 科研机构 社会公益组织 法律服务机构 其他   总计
一、本年新收政府信息公开申请数量      10       0        0        0          0         0      10
二、上年结转政府信息公开申请数量       2       0        0        0          0         0       2
                                       4       0        0        0          0         0       4
（三）不予公开 1.属于国家秘密          1       0        0        0          0         0       1
（七）总计                             9       0        0        0          0         0       9
四、结转下年度继续办理                 3       0        0        0          0         0       3
四、政府信息公开行政复议、行政诉讼情况
`);
    expect(r.reading).toEqual({ t3: { confidence: 'low', doubtfulRows: ['t3.granted', 't3.partiallyGranted'] } });
    expect(r.cells['t3.denied.stateSecret.naturalPerson']!.value).toBe(1);
    expect(r.cells['t3.totalProcessed.naturalPerson']!.value).toBe(9);
  });
});

describe('metadata from the page', () => {
  const report = (text: string) => parse(fromText(text), { file: 'x.txt', sha256: '' });

  it('a breadcrumb above the title does not hide the agency; 「发布日期：」 dates a report with no 落款', () => {
    const r = report(`当前位置：首页 > 政务公开 > 年度报告\n苏州工业园区管理委员会2024年政府信息公开工作年度报告\n发布日期：2025年3月28日\n一、总体情况\n本年度……\n`);
    expect(r.agency).toMatchObject({ name: '苏州工业园区管理委员会', kind: 'government' });
    expect([r.publishedOn, r.publishedFrom]).toEqual(['2025-03-28', 'page']);
  });

  it('the 落款 date wins over the page’s date', () => {
    const r = report(`贵安新区管理委员会2024年政府信息公开工作年度报告\n时间：2025-04-02\n一、总体情况\n本年度……\n贵安新区管理委员会\n2025年3月20日\n`);
    expect(r.agency).toMatchObject({ name: '贵安新区管理委员会', kind: 'government' });
    expect([r.publishedOn, r.publishedFrom]).toEqual(['2025-03-20', 'signature']);
  });

  it('a 管理委员会 that is not an area’s stays a department', () => {
    const r = report(`测试市住房公积金管理委员会2024年政府信息公开工作年度报告\n一、总体情况\n`);
    expect(r.agency.kind).toBe('department');
  });
});
