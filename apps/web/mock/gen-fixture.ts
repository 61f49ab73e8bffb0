/**
 * Builds mock/fixture.json: the two seed reports run through the real extractor and parser, with
 * hand-written findings and scores standing in for the audit engine. Used only by the dev-server mock
 * (`MOCK_API=1 vite`) to work on the dashboard while the API is down. Run: npx tsx apps/web/mock/gen-fixture.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '@nianbao/extract';
import { parse } from '@nianbao/parser';
import type { Finding, ParsedReport } from '@nianbao/model';

const here = dirname(fileURLToPath(import.meta.url));
const samples = join(here, '../../../data/samples');

async function load(name: string) {
  const bytes = readFileSync(join(samples, name));
  const doc = await extract(bytes, name);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { doc, report: parse(doc, { file: name, sha256 }) };
}

const nankai = await load('000_91e0e63c20f568b3.txt');
const xinyu = await load('004_52ba3b16510502cd.txt');

function keysWhere(r: ParsedReport, pred: (k: string, state: string) => boolean) {
  return Object.entries(r.cells)
    .filter(([k, c]) => pred(k, c.state))
    .map(([k]) => k);
}

const n = nankai.report;
const absent = keysWhere(n, (_k, s) => s === 'absent');
const blank = keysWhere(n, (_k, s) => s === 'blank');
const t3End = n.sections.s3?.span?.[1] ?? null;
const s1 = n.sections.s1?.span ?? null;
const sentence = nankai.doc.text.indexOf('2019收到依法申请公开件1件');
const findingsN: Finding[] = [
  { rule: 'structure.section-missing', severity: 'error', category: 'conformity', cells: [], message: '报告缺少第六部分「其他需要报告的事项」。', span: null },
  { rule: 'structure.section-numbering', severity: 'warning', category: 'conformity', cells: [], message: '第一部分标题编号为「1、」，模板要求使用「一、」。', span: s1 ? [s1[0], s1[0] + 9] : null },
  { rule: 'table.row-absent', severity: 'error', category: 'completeness', cells: absent, message: `表三缺少 ${absent.length / 7} 行（（五）不予处理至四、结转下年度继续办理），表格被截断。`, span: t3End ? [t3End - 30, t3End] : null },
  { rule: 'table.cell-blank', severity: 'warning', category: 'completeness', cells: blank, message: `${blank.length} 个单元格为空，无数据时应填写 0。`, span: null },
  { rule: 'narrative.table-mismatch', severity: 'error', category: 'accuracy', cells: ['t3.newReceived.total'], message: '正文称「2019收到依法申请公开件1件」，但表三「本年新收政府信息公开申请数量」为空。', span: sentence >= 0 ? [sentence, sentence + 16] : null },
  { rule: 'balance.t3-flow', severity: 'error', category: 'accuracy', cells: ['t3.newReceived.total', 't3.carriedOver.total', 't3.totalProcessed.total', 't3.carriedForward.total'], message: '表三「总计」列：一 + 二（1）≠ 三（七）总计 + 四（空）。', span: n.cells['t3.carriedOver.total']?.span ?? null },
  { rule: 'meta.date-missing', severity: 'warning', category: 'timeliness', cells: [], message: '报告没有落款日期。', span: null },
  { rule: 'time.unknown', severity: 'info', category: 'timeliness', cells: [], message: '无法确定发布日期。', span: null },
];
const scoreN = {
  total: 41.5,
  grade: '不合格' as const,
  byCategory: { completeness: 8, accuracy: 20, conformity: 9, timeliness: 4.5 },
  rubricVersion: '2025.1',
  deductions: [
    { category: 'completeness' as const, rule: 'table.row-absent', points: 12, findings: [2] },
    { category: 'completeness' as const, rule: 'table.cell-blank', points: 20, findings: [3] },
    { category: 'accuracy' as const, rule: 'narrative.table-mismatch', points: 5, findings: [4] },
    { category: 'accuracy' as const, rule: 'balance.t3-flow', points: 5, findings: [5] },
    { category: 'conformity' as const, rule: 'structure.section-missing', points: 4, findings: [0] },
    { category: 'conformity' as const, rule: 'structure.section-numbering', points: 2, findings: [1] },
    { category: 'timeliness' as const, rule: 'meta.date-missing', points: 1.5, findings: [6] },
    { category: 'timeliness' as const, rule: 'time.unknown', points: 4, findings: [7] },
  ],
};
const x = xinyu.report;
const findingsX: Finding[] = [
  { rule: 'structure.section-title', severity: 'info', category: 'conformity', cells: [], message: '第一部分标题「政府信息公开工作的基本情况」与模板「总体情况」不一致。', span: x.sections.s1?.span ? [x.sections.s1.span[0], x.sections.s1.span[0] + 20] : null },
];
const scoreX = { total: 100, grade: '优秀' as const, byCategory: { completeness: 40, accuracy: 30, conformity: 20, timeliness: 10 }, rubricVersion: '2025.1', deductions: [] };

const fixture = {
  reports: [
    { ...n, findings: findingsN, score: scoreN, text: nankai.doc.text },
    { ...x, publishedOn: x.publishedOn ?? '2020-01-15', findings: findingsX, score: scoreX, text: xinyu.doc.text },
  ],
};
writeFileSync(join(here, 'fixture.json'), JSON.stringify(fixture));
console.log('fixture.json:', fixture.reports.map((r) => `${r.agency.name} ${Object.keys(r.cells).length} cells`).join(', '));
