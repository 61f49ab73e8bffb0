/**
 * Acceptance: the two seed reports get the verdicts of spec/rules.md, finding by finding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedReport } from '@nianbao/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from './analyze';

const SEEDS = join(import.meta.dirname, '../../../../shared/seeds');

async function load(name: string): Promise<ParsedReport> {
  const r = await analyze(readFileSync(join(SEEDS, name)), name);
  if ('error' in r) throw new Error(r.error.message);
  return r.report;
}

const summary = (r: ParsedReport) => r.findings.map((f) => `${f.rule} | ${f.message}`);

describe('南开区文化和旅游局 2019 (000_91e0e63c20f568b3.txt)', () => {
  let r: ParsedReport;
  beforeAll(async () => {
    r = await load('000_91e0e63c20f568b3.txt');
  });

  it('grades 不合格', () => {
    expect(r.score).toMatchObject({ total: 53.9, grade: '不合格', byCategory: { completeness: 4.9, accuracy: 25, conformity: 14, timeliness: 10 } });
  });

  it('section 六 is missing', () => {
    expect(summary(r)).toContain('structure.section-missing | 缺少第六部分“其他需要报告的事项”；无相关事项的，也应保留本部分并写明“无”');
  });

  it('headings 1、 and 5、', () => {
    const numbering = r.findings.filter((f) => f.rule === 'structure.section-numbering');
    expect(numbering.map((f) => f.message)).toEqual([
      '第一部分“总体情况”的标题“1、 总体情况”使用阿拉伯数字序号“1、”，模板为“一、”',
      '第五部分“存在的主要问题及改进情况”的标题“5、 存在的主要问题及改进情况”使用阿拉伯数字序号“5、”，模板为“五、”',
    ]);
    expect(numbering.map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it('19 of 22 table-二 cells blank', () => {
    const t2 = r.findings.filter((f) => f.rule === 'table.cell-blank' && f.cells[0]!.startsWith('t2.'));
    expect(t2.map((f) => f.message)).toEqual([
      '表二自“规章”至“其他对外管理服务事项”共4行均为空，无数据的应填“0”',
      '表二自“行政强制”至“政府集中采购”共3行均为空，无数据的应填“0”',
    ]);
    expect(t2.flatMap((f) => f.cells)).toHaveLength(19);
  });

  it('table 三 rows （五）…（七） and 四 absent', () => {
    const absent = r.findings.filter((f) => f.rule === 'table.row-absent');
    expect(absent.map((f) => [f.severity, f.message])).toEqual([
      ['error', '表三自“（五）1.信访举报投诉类申请”至“四、结转下年度继续办理”共8行缺失（表格不完整）'],
    ]);
    expect(absent[0]!.cells).toHaveLength(56);
  });

  it('nearly every present cell of table 三 blank', () => {
    const t3 = r.findings.filter((f) => f.rule === 'table.cell-blank' && f.cells[0]!.startsWith('t3.'));
    expect(t3.map((f) => f.message)).toEqual([
      '表三“一、本年新收政府信息公开申请数量”行7格均为空，无数据的应填“0”',
      '表三“二、上年结转政府信息公开申请数量”行“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”列为空，无数据的应填“0”',
      '表三自“（一）予以公开”至“（四）3.补正后申请内容仍不明确”共13行均为空，无数据的应填“0”',
    ]);
    expect(t3.flatMap((f) => f.cells)).toHaveLength(103); // of the 105 present: only 上年结转 自然人 and 总计 hold 1
  });

  it('上年结转 1 but no outcome: one cause, one finding — the truncation, not also 「≠ 缺」', () => {
    const identities = r.findings.filter((f) => f.rule.startsWith('balance.'));
    expect(identities.map((f) => f.message)).toEqual([]);
  });

  it('「2019收到依法申请公开件1件」 against a blank 本年新收', async () => {
    const f = r.findings.find((x) => x.rule === 'narrative.table-mismatch')!;
    expect(f).toMatchObject({
      severity: 'error',
      cells: ['t3.newReceived.total'],
      message: '正文“2019收到依法申请公开件1件”所述1件，与表三“一、本年新收政府信息公开申请数量”行“总计”列(空)不一致',
    });
    const text = readFileSync(join(SEEDS, '000_91e0e63c20f568b3.txt'), 'utf8');
    expect(text.slice(...f.span!)).toBe('2019收到依法申请公开件1件');
  });

  it('table 四 all 15 blank', () => {
    const f = r.findings.find((x) => x.rule === 'table.cell-blank' && x.cells[0]!.startsWith('t4.'))!;
    expect(f.message).toBe('表四全部15格均为空，无数据的应填“0”');
    expect(f.cells).toHaveLength(15);
  });

  it('no 落款 date', () => {
    expect(summary(r)).toEqual(
      expect.arrayContaining(['meta.date-missing | 报告末尾没有落款日期', 'time.unknown | 报告没有落款日期，也没有发布日期信息，无法判断是否按时公布']),
    );
  });

  it('and nothing else', () => {
    expect(r.findings.map((f) => f.rule)).toEqual([
      'structure.section-missing',
      'structure.section-numbering',
      'structure.section-numbering',
      'structure.section-title',
      'table.row-absent',
      'table.cell-blank',
      'table.cell-blank',
      'table.cell-blank',
      'table.cell-blank',
      'table.cell-blank',
      'table.cell-blank',
      'meta.date-missing',
      'narrative.table-mismatch',
      'time.unknown',
    ]);
    expect(summary(r)).toContain('structure.section-title | 第二部分“主动公开政府信息情况”的标题为“主动公开政府信息统计表”，与模板“主动公开政府信息情况”不一致');
  });

  it('every lost point is traced to its findings', () => {
    const lost = r.score!.deductions!.reduce((s, d) => s + d.points, 0);
    expect(lost).toBeCloseTo(100 - r.score!.total, 0);
    for (const d of r.score!.deductions!) for (const i of d.findings) expect(r.findings[i]!.rule).toBe(d.rule);
  });
});

describe('新余市文广新旅局 2019 (004_52ba3b16510502cd.txt)', () => {
  let r: ParsedReport;
  beforeAll(async () => {
    r = await load('004_52ba3b16510502cd.txt');
  });

  it('grades 优秀 with no error-severity finding', () => {
    expect(r.score).toMatchObject({ total: 100, grade: '优秀' });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('only notes the headings’ wording and the 元 written in 采购总金额', () => {
    expect(r.findings.map((f) => [f.severity, f.rule, f.message])).toEqual([
      ['info', 'structure.section-title', '第一部分“总体情况”的标题为“政府信息公开工作的基本情况”，与模板“总体情况”不一致'],
      ['info', 'structure.section-title', '第五部分“存在的主要问题及改进情况”的标题为“政府信息公开工作存在的主要问题及改进措施”，与模板“存在的主要问题及改进情况”不一致'],
      ['info', 'structure.section-title', '第六部分“其他需要报告的事项”的标题为“需要说明的其他事项与附表”，与模板“其他需要报告的事项”不一致'],
      ['info', 'value.unit', '表二“政府集中采购”行“采购总金额”列填写“98850元”，本列模板未印单位，统一按“万元”计，已折算为9.885万元'],
    ]);
  });

  it('「人大代表的建议一条和政协提案两条」 is not an application: no narrative mismatch', () => {
    expect(r.findings.some((f) => f.rule === 'narrative.table-mismatch')).toBe(false);
  });

  it('outranks 南开 by at least 30 points', async () => {
    const nankai = await load('000_91e0e63c20f568b3.txt');
    expect(r.score!.total - nankai.score!.total).toBeGreaterThanOrEqual(30);
  });
});
