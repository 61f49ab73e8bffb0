/**
 * Acceptance on the real reports of shared/corpus: every finding, reviewed by hand, and the table 三
 * and 四 identities of each report checked figure by figure.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedReport } from '@nianbao/model';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { evaluate, identitiesOf, versionOf } from './helpers';

const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');

const analysed = new Map<string, Awaited<ReturnType<typeof analyze>>>();
for (const f of readdirSync(CORPUS).filter((f) => f !== 'README.md')) analysed.set(f, await analyze(readFileSync(join(CORPUS, f)), f));

function report(name: string): ParsedReport {
  const r = analysed.get(name)!;
  if ('error' in r) throw new Error(r.error.message);
  return r.report;
}

/** Identities that are not plainly `ok`, as [kind:key, status, lhs, rhs]. */
function identities(r: ParsedReport) {
  return identitiesOf(r, versionOf(r))
    .map((i) => evaluate(i, (k) => r.cells[k] ?? { raw: '', state: 'absent', value: null, span: null }))
    .filter((x) => x.status !== 'ok')
    .map((x) => [`${x.identity.kind}:${x.identity.key}`, x.status, x.lhs, x.rhs]);
}
const cell = (r: ParsedReport, k: string) => r.cells[k]!.value;
const findings = (r: ParsedReport) => r.findings.map((f) => [f.severity, f.rule, f.message]);

describe('every corpus file is audited', () => {
  it('all of them', () => {
    expect([...analysed.keys()].sort()).toEqual([
      'huaian-shi-renminzhengfu_2024.layout.txt',
      'huaian-shi-renminzhengfu_2024.pdf',
      'shanghai-shi-kexue-jishu-weiyuanhui_2024.md',
      'shanghai-shi-renminzhengfu-bangongting_2025.md',
      'suqian-shuyangxian-fazhangaigeju_2023.html',
    ]);
  });
});

describe('淮安市人民政府 2024 (pdftotext -layout)', () => {
  const r = report('huaian-shi-renminzhengfu_2024.layout.txt');

  it('table 三 and 四 identities all hold: 3119 + 34 = 3050 + 103; 行政复议 72 + 64 + 178 + 37 = 351', () => {
    expect([cell(r, 't3.newReceived.total'), cell(r, 't3.carriedOver.total'), cell(r, 't3.totalProcessed.total'), cell(r, 't3.carriedForward.total')]).toEqual([3119, 34, 3050, 103]);
    expect(identities(r)).toEqual([]);
  });

  it('findings: no 落款 date in the text, and a 人民政府 report silent on 社会评议 and 责任追究', () => {
    expect(findings(r)).toEqual([
      ['warning', 'meta.date-missing', '报告末尾没有落款日期'],
      ['warning', 'narrative.government-extras', '人民政府年度报告应包括工作考核、社会评议和责任追究结果情况（条例第五十条），报告未见“社会评议”“责任追究”方面内容'],
      ['info', 'time.unknown', '报告没有落款日期，也没有发布日期信息，无法判断是否按时公布'],
    ]);
    expect(r.score).toMatchObject({ total: 94, grade: '优秀' });
  });

  it('its narrative figures agree with the tables (申请 3119, 上年结转 34, 行政复议 351, 行政诉讼 26 + 20 = 46, 规章 1), and 「政策性文件 11 件」 is not compared', () => {
    expect(r.findings.some((f) => f.rule === 'narrative.table-mismatch')).toBe(false);
  });
});

describe('淮安市人民政府 2024 (the PDF itself)', () => {
  it('reads as its layout text does: identities hold, no error', () => {
    const pdf = report('huaian-shi-renminzhengfu_2024.pdf');
    expect(identities(pdf)).toEqual([]);
    expect(pdf.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(pdf.findings.map((f) => f.rule)).toContain('narrative.government-extras');
  });
});

describe('沭阳县发展和改革局 2023 (portal page)', () => {
  const r = report('suqian-shuyangxian-fazhangaigeju_2023.html');

  it('identities: the five organisation columns are blank in every row, and read as 0 everything balances', () => {
    const id = identities(r);
    expect(id.filter((x) => x[1] !== 'consistent' && x[1] !== 'empty')).toEqual([]);
    // each row: 总计 = 自然人, the organisations blank
    expect(id.filter((x) => x[1] === 'consistent').map((x) => String(x[0]).split(':')[0])).toEqual(Array(25).fill('t3-applicants'));
    // each organisation column: no figure at all, nothing to check
    expect(id.filter((x) => x[1] === 'empty').map((x) => x[0])).toEqual(
      ['t3-flow', 't3-outcomes'].flatMap((k) => ['commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'].map((c) => `${k}:${c}`)),
    );
    expect([cell(r, 't3.newReceived.total'), cell(r, 't3.totalProcessed.total'), cell(r, 't4.review.pending'), cell(r, 't4.review.total')]).toEqual([26, 26, 1, 1]);
  });

  it('findings: 125 blank cells in one run, and a heading worded 「整改措施」', () => {
    expect(findings(r)).toEqual([
      ['info', 'structure.section-title', '第五部分“存在的主要问题及改进情况”的标题为“存在的主要问题及整改措施”，与模板“存在的主要问题及改进情况”不一致'],
      [
        'warning',
        'table.cell-blank',
        '表三自“一、本年新收政府信息公开申请数量”至“四、结转下年度继续办理”共25行的“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”列为空，无数据的应填“0”',
      ],
    ]);
    expect(r.findings[1]!.cells).toHaveLength(125);
    // 125 of the 200 cells of the 2021 tables blank: 30 × 125/200 = 18.75 points of 内容完整性
    expect(r.score).toMatchObject({ total: 81.3, grade: '良好', byCategory: { completeness: 21.3, accuracy: 30, conformity: 20, timeliness: 10 } });
  });

  it('published 2024-01-17, before the 31 January deadline of a department', () => {
    expect(r.publishedOn).toBe('2024-01-17');
    expect(r.findings.some((f) => f.rule.startsWith('time.'))).toBe(false);
  });
});

describe('上海市科学技术委员会 2024 (Markdown)', () => {
  const r = report('shanghai-shi-kexue-jishu-weiyuanhui_2024.md');

  it('identities: the blank 总计 of 结转下年度 leaves two of them one short', () => {
    expect(identities(r)).toEqual([
      ['t3-flow:total', 'unverifiable', 36, 35], // 34 + 2 vs 35 + (blank): the blank must be 1
      ['t3-applicants:t3.carriedForward', 'unverifiable', 0, 1], // (blank) vs 1 + 0 + 0 + 0 + 0 + 0
    ]);
  });

  it('findings', () => {
    expect(findings(r)).toEqual([
      ['warning', 'structure.section-numbering', '第二部分“主动公开政府信息情况”的标题“一、主动公开政府信息情况”序号为“一、”，模板为“二、”'],
      ['warning', 'structure.section-numbering', '第三部分“收到和处理政府信息公开申请情况”的标题“二、收到和处理政府信息公开申请情况”序号为“二、”，模板为“三、”'],
      ['warning', 'structure.section-numbering', '第四部分“政府信息公开行政复议、行政诉讼情况”的标题“三、政府信息公开行政复议、行政诉讼情况”序号为“三、”，模板为“四、”'],
      ['warning', 'structure.section-numbering', '第五部分“存在的主要问题及改进情况”的标题“（一）主要问题”没有序号，模板为“五、”'],
      ['warning', 'structure.section-numbering', '第六部分“其他需要报告的事项”的标题“五、其他需要报告的事项”序号为“五、”，模板为“六、”'],
      ['info', 'structure.section-title', '第五部分“存在的主要问题及改进情况”的标题为“（一）主要问题”，与模板“存在的主要问题及改进情况”不一致'],
      ['warning', 'table.cell-blank', '表三“四、结转下年度继续办理”行“总计”列为空，无数据的应填“0”'],
      ['warning', 'meta.date-missing', '报告末尾没有落款日期'],
      ['warning', 'balance.unverifiable', '表三“总计”列：本年新收(34)+上年结转(2)与办理结果总计(35)+结转下年度(空)相差1，结转下年度(空)未填数字，勾稽关系无法核对'],
      [
        'warning',
        'balance.unverifiable',
        '表三“四、结转下年度继续办理”行：总计(空)与自然人(1)+商业企业(0)+科研机构(0)+社会公益组织(0)+法律服务机构(0)+其他(0)相差1，总计(空)未填数字，勾稽关系无法核对',
      ],
      ['info', 'time.unknown', '报告没有落款日期，也没有发布日期信息，无法判断是否按时公布'],
    ]);
    expect(r.score).toMatchObject({ total: 91.9, grade: '优秀' });
  });

  it('its narrative figures agree: 申请 34, 上年结转 2, 行政复议 1, 行政诉讼 0, 行政规范性文件 13', () => {
    expect(r.findings.some((f) => f.rule === 'narrative.table-mismatch')).toBe(false);
  });
});

describe('上海市人民政府办公厅 2025 (Markdown)', () => {
  const r = report('shanghai-shi-renminzhengfu-bangongting_2025.md');

  it('identities all hold: 1295 + 189 = 1191 + 293; 行政复议 40 + 0 + 10 + 5 = 55', () => {
    expect(identities(r)).toEqual([]);
  });

  it('findings: section 五 without its heading, annotated cells, no 落款', () => {
    expect(findings(r)).toEqual([
      ['warning', 'structure.section-numbering', '第五部分“存在的主要问题及改进情况”的标题“（一）2024 年工作中存在问题的改进情况”没有序号，模板为“五、”'],
      ['info', 'structure.section-title', '第五部分“存在的主要问题及改进情况”的标题为“（一）2024 年工作中存在问题的改进情况”，与模板“存在的主要问题及改进情况”不一致'],
      ['info', 'table.cell-note', '表二“规章”行“本年废止件数”列填写“22（其中修订 16 件）”，数字按22计，附注已保留，请核实其口径'],
      ['info', 'table.cell-note', '表二“行政规范性文件”行“本年废止件数”列填写“55（含自然失效 29 件）”，数字按55计，附注已保留，请核实其口径'],
      ['warning', 'meta.date-missing', '报告末尾没有落款日期'],
      ['info', 'time.unknown', '报告没有落款日期，也没有发布日期信息，无法判断是否按时公布'],
    ]);
    expect(r.score).toMatchObject({ total: 96, grade: '优秀' });
  });

  it('a 人民政府办公厅 is a department: no government-only content asked', () => {
    expect(r.agency.kind).toBe('department');
  });
});
