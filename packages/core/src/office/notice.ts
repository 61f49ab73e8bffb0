/**
 * The 问题清单 of a 整改通知书: which findings of a report it lists, the points each cost, where each
 * is in the words of the notice, and what the unit is to do about it.
 */
import { CATEGORY_LABEL, cellDef, SECTIONS, TABLE_LABEL, templateFor } from '@nianbao/model';
import type { NoticeResponse } from '@nianbao/contract';
import type { Queries } from '@nianbao/db';

export type NoticeData = NoticeResponse;
export type NoticeItem = NoticeData['items'][number];
/** A stored report as the queries read it (with its findings, their reviews and the score). */
export type StoredReport = NonNullable<Awaited<ReturnType<Queries['report']>>>;

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** What to do about a finding, by rule (the notice's 整改要求). */
export function requirementOf(rule: string): string {
  if (rule.startsWith('table.cell-blank') || rule.startsWith('table.cell-placeholder'))
    return '按模板补填空白或占位单元格，无数据的填写“0”';
  if (rule.startsWith('table.row-absent')) return '按年度报告格式补全缺失的行，并如实填写数据';
  if (rule.startsWith('table.')) return '按模板要求填写数字，不得填写文字说明';
  if (rule.startsWith('structure.section')) return '按年度报告格式的六部分结构调整标题、序号和顺序';
  if (rule.startsWith('structure.')) return '按年度报告格式的统计表重新编制';
  if (rule.startsWith('balance.') || rule.startsWith('value.')) return '核实统计数据，确保表内勾稽关系成立后更正';
  if (rule.startsWith('narrative.table-mismatch')) return '核实正文与统计表的数据，使二者一致';
  if (rule.startsWith('narrative.')) return '按年度报告格式补充相应内容';
  if (rule.startsWith('history.')) return '核对上年度报告数据，说明差异原因或更正';
  if (rule.startsWith('meta.')) return '补充报告落款（机关名称与日期）';
  if (rule.startsWith('time.')) return '严格按照条例第四十九条规定的期限公布年度报告';
  if (rule.startsWith('originality.')) return '结合本机关实际重新撰写，避免内容雷同';
  return '对照年度报告格式要求修改后重新公布';
}

/** Where a finding is, in the words of the notice: 表、行、列 of its cells, the part it concerns, or the sentence it quotes. */
export function locationOf(
  finding: { cells: string[]; span: [number, number] | null; fingerprint?: string },
  template: string,
  text: string | null,
): string {
  const version = templateFor(template, null);
  const defs = finding.cells.map((k) => cellDef(version, k)).filter((d) => d !== undefined);
  if (defs.length) {
    const rows = new Map<string, { table: string; row: string; columns: string[] }>();
    for (const d of defs) {
      const key = `${d.table}:${d.row.key}`;
      const entry = rows.get(key) ?? { table: TABLE_LABEL[d.table], row: `${d.row.marker ?? ''}${d.row.label}`, columns: [] };
      entry.columns.push(d.column.label);
      rows.set(key, entry);
    }
    const list = [...rows.values()];
    const columns = new Set(defs.map((d) => d.column.label));
    const quoted = (xs: string[]) => xs.map((x) => `“${x}”`).join('');
    // one column down several rows (an identity of table 三): the column, then its rows
    if (list.length > 1 && list.length <= 4 && columns.size === 1) return `${list[0]!.table}“${[...columns][0]}”列${quoted(list.map((r) => r.row))}行`;
    const columnsOf = (r: { columns: string[] }) => (r.columns.length > 3 ? `${r.columns.length}列` : quoted(r.columns) + '列');
    if (list.length <= 2) return list.map((r) => `${r.table}“${r.row}”行${columnsOf(r)}`).join('；');
    const first = list[0]!;
    const last = list[list.length - 1]!;
    return `${first.table}自“${first.row}”至“${last.row}”共${list.length}行${defs.length}格`;
  }
  const section = finding.fingerprint?.match(/^structure\.[\w-]+:(s[1-6])$/)?.[1];
  const def = section ? SECTIONS.find((x) => x.id === section) : undefined;
  if (finding.span && text) {
    const excerpt = text.slice(finding.span[0], finding.span[1]).replace(/\s+/g, ' ').trim();
    if (excerpt) return `原文：“${excerpt.length > 60 ? excerpt.slice(0, 60) + '…' : excerpt}”`;
  }
  if (def) return `第${def.ordinal}部分“${def.title}”`;
  if (finding.fingerprint?.startsWith('meta.')) return '报告标题或末尾落款';
  return '全文';
}

/**
 * The 问题清单 of a report: its findings that are errors or warnings, without those a reviewer
 * dismissed (with `confirmedOnly`, only those a reviewer confirmed), each with the points it cost
 * (a rule's deduction shared among its findings), where it is, and what to do.
 */
export function noticeItemsOf(report: StoredReport, text: string | null, options: { confirmedOnly?: boolean } = {}): NoticeItem[] {
  const points = new Map<number, number>();
  for (const d of report.score?.deductions ?? []) {
    for (const i of d.findings) points.set(i, (points.get(i) ?? 0) + d.points / d.findings.length);
  }
  const items: NoticeItem[] = [];
  report.findings.forEach((f, i) => {
    // 逾期未改 judges the unit's follow-up of a notice, not the report: it is no item of one
    if (f.severity === 'info' || !f.fingerprint || f.rule.startsWith('rectification.')) return;
    if (f.review?.decision === 'dismiss') return;
    if (options.confirmedOnly && f.review?.decision !== 'confirm') return;
    items.push({
      ordinal: items.length + 1,
      fingerprint: f.fingerprint,
      rule: f.rule,
      category: CATEGORY_LABEL[f.category],
      message: f.message,
      location: locationOf(f, report.template, text),
      points: round2(points.get(i) ?? 0),
      requirement: requirementOf(f.rule),
    });
  });
  return items;
}
