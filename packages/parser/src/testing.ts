import type { Cell, ParsedReport } from '@nianbao/model';

/**
 * A compact, exact rendering of a report's cells, one line per table row, for tests and eyeballing:
 * a value as its number (`9.885[元]` with a unit, `22{(note)}` with a note), `_` blank, `ø` absent,
 * `<dash:—>` and `<text:…>` with their raw text.
 */
export function cellRows(cells: Record<string, Cell>): Record<string, string> {
  const rows: Record<string, string[]> = {};
  for (const [key, c] of Object.entries(cells)) {
    const row = key.slice(0, key.lastIndexOf('.'));
    const shown =
      c.state === 'value'
        ? `${c.value}${c.unit ? `[${c.unit}]` : ''}${c.note ? `{${c.note}}` : ''}`
        : c.state === 'blank'
          ? '_'
          : c.state === 'absent'
            ? 'ø'
            : `<${c.state}:${c.raw.trim()}>`;
    (rows[row] ??= []).push(shown);
  }
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.join(' ')]));
}

/** What the parser tests pin down for a real document: metadata, sections and every cell. */
export function expectedOf(r: ParsedReport) {
  return {
    agency: r.agency,
    year: r.year,
    template: r.template,
    publishedOn: r.publishedOn,
    sections: Object.fromEntries(
      Object.entries(r.sections).map(([k, s]) => [k, s.present ? `${s.numbering} ${s.heading}` : null]),
    ),
    rows: cellRows(r.cells),
  };
}

/** An HTML table row of these cells (tests of Word and web-page tables). */
export const tr = (...cells: string[]) => '<tr>' + cells.map((c) => `<td>${c}</td>`).join('') + '</tr>';
/** A row's seven applicant columns: `n` for 自然人 and 总计, 0 for the others. */
export const seven = (n: string) => [n, '0', '0', '0', '0', '0', n];
/** The rows of a short table 三 (10 new, 2 carried over, 9 disclosed, 3 carried forward), in HTML. */
export const T3_ROWS_HTML = `${tr('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况')}
${tr('自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计')}
${tr('一、本年新收政府信息公开申请数量', ...seven('10'))}
${tr('二、上年结转政府信息公开申请数量', ...seven('2'))}
${tr('三、本年度办理结果', '（一）予以公开', ...seven('9'))}
${tr('（七）总计', ...seven('9'))}
${tr('四、结转下年度继续办理', ...seven('3'))}
`;
