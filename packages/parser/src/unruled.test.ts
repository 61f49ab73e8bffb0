/**
 * Issue 12: table 二 printed without borders (Chromium, packages/extract/scripts/make-narrow.ts), read
 * by template-guided alignment as table 三 is: every seed and corpus report reads to the table 二 cells
 * of its text version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '@nianbao/extract';
import type { ParsedReport } from '@nianbao/model';
import { parse } from './index';

const ROOT = join(import.meta.dirname, '../../..');
const UNRULED = join(ROOT, 'packages/extract/fixtures/unruled');

async function parseFile(file: string, name = file.split('/').pop()!): Promise<ParsedReport> {
  return parse(await extract(readFileSync(file), name), { file: name, sha256: '' });
}

/** Table 二 as read: each row's cells, a value as its number, a blank as '', anything else by its state. */
const t2 = (r: ParsedReport) =>
  Object.fromEntries(
    Object.entries(r.cells)
      .filter(([k]) => k.startsWith('t2.'))
      .map(([k, c]) => [k, c.state === 'value' ? String(c.value) : c.state === 'blank' ? '' : `(${c.state})`]),
  );

describe('table 二 printed without borders', () => {
  it('沭阳县发展和改革局 2023: a figure under a heading over three columns, and the next group’s title printed under a figure', async () => {
    const r = await parseFile(join(UNRULED, 'suqian-shuyangxian-fazhangaigeju_2023.pdf'));
    expect(t2(r)).toEqual({
      't2.regulations.issued': '0',
      't2.regulations.repealed': '0',
      't2.regulations.inForce': '0',
      't2.normativeDocs.issued': '8',
      't2.normativeDocs.repealed': '0',
      't2.normativeDocs.inForce': '18',
      't2.licensing.decisions': '0',
      't2.penalty.decisions': '0',
      't2.coercion.decisions': '0',
      't2.fees.amount': '0',
    });
    expect(r.reading?.t2).toBeUndefined();
  });

  it('新余市文广新旅局 2019: each group’s title glued to the label above it, 「98850元」 in place', async () => {
    const r = await parseFile(join(UNRULED, '004_52ba3b16510502cd.pdf'));
    const text = await parseFile(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'));
    expect(t2(r)).toEqual(t2(text));
    expect(t2(r)['t2.licensing.decisions']).toBe('818');
    expect(r.cells['t2.procurement.amount']).toMatchObject({ state: 'value', value: 9.885, unit: '元' });
    expect(r.reading?.t2).toBeUndefined();
  });

  it('a generated report printed narrow (packages/generator, layout 「narrow」): 「行政许可」’s one figure read under its three-column heading', async () => {
    const r = await parseFile(join(UNRULED, 'generated-360000-d22_2023.narrow.pdf'));
    expect(t2(r)).toEqual({
      't2.regulations.issued': '0',
      't2.regulations.repealed': '0',
      't2.regulations.inForce': '15',
      't2.normativeDocs.issued': '1',
      't2.normativeDocs.repealed': '0',
      't2.normativeDocs.inForce': '4',
      't2.licensing.decisions': '661',
      't2.penalty.decisions': '92',
      't2.coercion.decisions': '0',
      't2.fees.amount': '0',
    });
  });

  for (const name of ['000_91e0e63c20f568b3', 'shanghai-shi-kexue-jishu-weiyuanhui_2024']) {
    it(`${name}: the table 二 cells of its text version`, async () => {
      const source = name.startsWith('000') ? join(ROOT, 'data/samples', `${name}.txt`) : join(ROOT, '../shared/corpus', `${name}.md`);
      const [pdf, text] = await Promise.all([parseFile(join(UNRULED, `${name}.pdf`)), parseFile(source)]);
      expect(t2(pdf)).toEqual(t2(text));
      expect(pdf.reading?.t2).toBeUndefined();
    });
  }
});

describe('table 二 by alignment where labels do not name their rows', () => {
  const read = (body: string) => parse({ format: 'text', text: body, tables: [], meta: {} }, { file: 'x.txt', sha256: '' });
  const head = '测试局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n';

  it('a label wrapped over three lines with its figures alone on the middle one, and a row printed without figures in place', () => {
    const r = read(
      head +
        '第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 1 0 5\n行政规\n3 1 20\n范性文件\n' +
        '第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可\n第二十条第（六）项\n信息内容 本年处理决定数量\n行政处罚 7\n行政强制 0\n' +
        '第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费 0\n三、收到和处理政府信息公开申请情况\n',
    );
    expect(t2(r)).toEqual({
      't2.regulations.issued': '1',
      't2.regulations.repealed': '0',
      't2.regulations.inForce': '5',
      't2.normativeDocs.issued': '3',
      't2.normativeDocs.repealed': '1',
      't2.normativeDocs.inForce': '20',
      't2.licensing.decisions': '',
      't2.penalty.decisions': '7',
      't2.coercion.decisions': '0',
      't2.fees.amount': '0',
    });
  });
});

describe('generated reports printed without borders (layout 「unruled」, seeds 2026 and 7): padded figures wrapped in narrow columns', () => {
  const row = (r: ParsedReport, key: string, cols: string[]) =>
    cols.map((c) => {
      const cell = r.cells[`${key}.${c}`]!;
      return cell.state === 'value' ? String(cell.value) : `(${cell.state})`;
    });
  const T3 = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];
  const T4 = ['upheld', 'corrected', 'other', 'pending', 'total'];

  it('figures wrapped to a second line of their cells join their row; table 四 is not swallowed by table 三 across its heading', async () => {
    const r = await parseFile(join(UNRULED, 'generated-360729-g_2022.unruled.pdf'));
    expect(row(r, 't3.newReceived', T3)).toEqual(['7', '0', '0', '2', '0', '0', '9']);
    expect(row(r, 't3.carriedOver', T3)).toEqual(['0', '1', '0', '0', '1', '1', '3']);
    expect(row(r, 't4.review', T4)).toEqual(['4', '1', '1', '1', '7']);
    expect(row(r, 't4.litigationAfterReview', T4)).toEqual(['1', '0', '0', '0', '1']);
    // rows whose label and figures both wrapped (「2.其他法律行政法 / 规禁止公开」 beside the wrapped
    // figures): each line of figures joins the band it shares, every cell of the generator's truth
    for (const [key, values] of [
['newReceived', ['7', '0', '0', '2', '0', '0', '9']],
      ['carriedOver', ['0', '1', '0', '0', '1', '1', '3']],
      ['granted', ['2', '0', '0', '2', '0', '1', '5']],
      ['partiallyGranted', ['2', '1', '0', '0', '0', '0', '3']],
      ['denied.stateSecret', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.lawProhibited', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.safetyStability', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.thirdParty', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.internalAffairs', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.processInfo', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.enforcementFile', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.queryMatter', ['0', '0', '0', '0', '0', '0', '0']],
      ['unable.notHeld', ['0', '0', '0', '0', '1', '0', '1']],
      ['unable.needsCreation', ['0', '0', '0', '0', '0', '0', '0']],
      ['unable.unclear', ['0', '0', '0', '0', '0', '0', '0']],
      ['notProcessed.complaint', ['0', '0', '0', '0', '0', '0', '0']],
      ['notProcessed.duplicate', ['0', '0', '0', '0', '0', '0', '0']],
      ['notProcessed.publication', ['0', '0', '0', '0', '0', '0', '0']],
      ['notProcessed.massRepeated', ['0', '0', '0', '0', '0', '0', '0']],
      ['notProcessed.confirmation', ['1', '0', '0', '0', '0', '0', '1']],
      ['otherHandling.overdueCorrection', ['1', '0', '0', '0', '0', '0', '1']],
      ['otherHandling.overdueFee', ['1', '0', '0', '0', '0', '0', '1']],
      ['otherHandling.other', ['0', '0', '0', '0', '0', '0', '0']],
      ['totalProcessed', ['7', '1', '0', '2', '1', '1', '12']],
      ['carriedForward', ['0', '0', '0', '0', '0', '0', '0']],
    ] as const)
      expect(row(r, `t3.${key}`, T3), key).toEqual(values);
    expect(r.reading).toBeUndefined();
  });

  it('seed 7, 江西省人民政府 2020: the padded figures of 自然人, 其他 and 总计 a line below their row, set apart from their column by their padding', async () => {
    // 「104」 and 「120」 stand a figure's width left of the 「0」 and 「1」 under them (10.5 pt, the type
    // size), and the table is cut by the page after row 二; the rows after 「3.要求提供公开出版物」
    // are the report's table.row-absent defect, absent in its text version too
    const r = await parseFile(join(UNRULED, 'generated-360000-g_2020.unruled.pdf'));
    for (const [key, values] of [
      ['newReceived', ['104', '8', '0', '3', '0', '5', '120']],
      ['carriedOver', ['0', '1', '0', '0', '0', '0', '1']],
      ['granted', ['58', '2', '0', '2', '0', '1', '63']],
      ['partiallyGranted', ['10', '1', '0', '1', '0', '1', '13']],
      ['denied.stateSecret', ['0', '1', '0', '0', '0', '0', '1']],
      ['denied.lawProhibited', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.safetyStability', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.thirdParty', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.internalAffairs', ['1', '0', '0', '0', '0', '0', '1']],
      ['denied.processInfo', ['2', '0', '0', '0', '0', '0', '2']],
      ['denied.enforcementFile', ['0', '0', '0', '0', '0', '0', '0']],
      ['denied.queryMatter', ['1', '0', '0', '0', '0', '0', '1']],
      ['unable.notHeld', ['19', '0', '0', '0', '0', '2', '21']],
      ['unable.needsCreation', ['2', '0', '0', '0', '0', '0', '2']],
      ['unable.unclear', ['2', '1', '0', '0', '0', '0', '3']],
      ['notProcessed.complaint', ['3', '0', '0', '0', '0', '0', '3']],
      ['notProcessed.duplicate', ['2', '1', '0', '0', '0', '0', '3']],
      ['notProcessed.publication', ['0', '0', '0', '0', '0', '0', '0']],
    ] as const)
      expect(row(r, `t3.${key}`, T3), key).toEqual(values);
    for (const key of ['notProcessed.massRepeated', 'totalProcessed', 'carriedForward'])
      expect(row(r, `t3.${key}`, T3), key).toEqual(new Array(7).fill('(absent)'));
    expect(r.reading).toBeUndefined();
  });
});
