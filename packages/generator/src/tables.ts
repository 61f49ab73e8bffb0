/**
 * The three statistical tables as the official format lays them out, built as a logical matrix
 * (every grid position names the cell covering it) from which the merged cells — colspan/rowspan in
 * HTML, gridSpan/vMerge in Word, empty cells of a pasted Word table in text — are derived. A row
 * left out (a truncated table) simply shortens the merges around it.
 */
import { TEMPLATES, T3_COLUMNS, type TemplateVersion } from '@nianbao/model';

export interface GridCell {
  text: string;
  colSpan: number;
  rowSpan: number;
}

/** One grid position of a row as a writer meets it: the cell starting there, or a vertically merged continuation. */
export interface Slot {
  cell: GridCell;
  /** True where a cell from a row above continues (vMerge continue; omitted in HTML; an empty cell in text). */
  covered: boolean;
}

export interface Table {
  /** Number of grid columns. */
  width: number;
  rows: Slot[][];
}

interface Pos {
  id: string;
  text: string;
}

/** Merges equal ids into spanning cells. */
function toTable(matrix: Pos[][]): Table {
  const width = matrix[0]!.length;
  const origin = new Map<string, GridCell>();
  const rows: Slot[][] = [];
  for (let r = 0; r < matrix.length; r++) {
    const row: Slot[] = [];
    for (let c = 0; c < width; ) {
      const p = matrix[r]![c]!;
      let colSpan = 1;
      while (c + colSpan < width && matrix[r]![c + colSpan]!.id === p.id) colSpan++;
      const seen = origin.get(p.id);
      if (seen) row.push({ cell: seen, covered: true });
      else {
        let rowSpan = 1;
        while (r + rowSpan < matrix.length && matrix[r + rowSpan]![c]!.id === p.id) rowSpan++;
        const cell = { text: p.text, colSpan, rowSpan };
        origin.set(p.id, cell);
        row.push({ cell, covered: false });
      }
      c += colSpan;
    }
    rows.push(row);
  }
  return { width, rows };
}

/** What a value cell shows; undefined leaves the row out (absent). */
export type Show = (key: string) => string | undefined;

let uid = 0;
const lone = (text: string): Pos => ({ id: `v${uid++}`, text });
const same = (id: string, text: string, n: number): Pos[] => Array.from({ length: n }, () => ({ id, text }));

export function tableTwo(version: TemplateVersion, show: Show): Table {
  const rows = TEMPLATES[version].tables.find((t) => t.id === 't2')!.rows;
  const m: Pos[][] = [];
  let group = '';
  rows.forEach((row, i) => {
    const width = 4;
    if (row.group !== group) {
      group = row.group!;
      m.push(same(`g${i}`, group, width));
      const labels = row.columns.map((c) => c.label);
      const head = [lone('信息内容'), ...labels.map((l) => lone(l))];
      // the last column header spans what is left (2021: 本年处理决定数量 over three columns)
      while (head.length < width) head.push({ ...head[head.length - 1]! });
      m.push(head);
    }
    const values = row.columns.map((c) => lone(show(`${row.key}.${c.key}`) ?? ''));
    const line = [lone(row.label), ...values];
    while (line.length < width) line.push({ ...line[line.length - 1]! });
    m.push(line);
  });
  return toTable(m);
}

const ORDINALS_RE = /^(（[一二三四五六七]）)/;

/**
 * Table 三. `through` is the last row key printed (a truncated table); every row when undefined.
 */
export function tableThree(version: TemplateVersion, show: Show, through?: string): Table {
  const rows = TEMPLATES[version].tables.find((t) => t.id === 't3')!.rows;
  const W = 10;
  const m: Pos[][] = [];
  const note = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
  m.push([...same('note', note, 3), ...same('applicants', '申请人情况', 7)]);
  m.push([...same('note', note, 3), { id: 'np', text: '自然人' }, ...same('org', '法人或其他组织', 5), { id: 'tot', text: '总计' }]);
  m.push([
    ...same('note', note, 3),
    { id: 'np', text: '自然人' },
    ...T3_COLUMNS.slice(1, 6).map((c) => lone(c.label)),
    { id: 'tot', text: '总计' },
  ]);
  for (const row of rows) {
    const values = T3_COLUMNS.map((c) => lone(show(`${row.key}.${c.key}`) ?? ''));
    const marker = row.marker ?? '';
    let labels: Pos[];
    if (marker === '一、' || marker === '二、' || marker === '四、') {
      labels = same(row.key, marker + row.label, 3);
    } else if (ORDINALS_RE.test(marker)) {
      // （一）（二）（七）, and the single （六） of 2019: one label over the two inner columns
      labels = [{ id: 'outcomes', text: '三、本年度办理结果' }, ...same(row.key, marker + row.label, 2)];
    } else {
      const g = row.group!;
      labels = [{ id: 'outcomes', text: '三、本年度办理结果' }, { id: g, text: g }, lone(marker + row.label)];
    }
    m.push([...labels, ...values]);
    if (row.key === through) break;
  }
  if (m[0]!.length !== W) throw new Error('table three width');
  return toTable(m);
}

export function tableFour(version: TemplateVersion, show: Show): Table {
  const groups = TEMPLATES[version].tables.find((t) => t.id === 't4')!.rows;
  const parts = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const m: Pos[][] = [];
  m.push([...same('review', '行政复议', 5), ...same('suit', '行政诉讼', 10)]);
  m.push([
    ...parts.map((p, i) => ({ id: `rp${i}`, text: p })),
    ...same('direct', '未经复议直接起诉', 5),
    ...same('after', '复议后起诉', 5),
  ]);
  m.push([...parts.map((p, i) => ({ id: `rp${i}`, text: p })), ...parts.map(lone), ...parts.map(lone)]);
  m.push(groups.flatMap((g) => g.columns.map((c) => lone(show(`${g.key}.${c.key}`) ?? ''))));
  return toTable(m);
}
