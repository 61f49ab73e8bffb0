/**
 * How a table cell looks: its state class plus the overlays (breaking an identity, selected). The
 * table renderer and the legend both use these, so the legend can never disagree with the tables.
 */
import type { Cell, CellState } from '@nianbao/model';
import { CELL_STATE_LABEL } from '../labels';
import { fmt } from '../format';

export const cellClass = (state: CellState, broken = false, highlighted = false, corrected = false) =>
  ['cell', `cell-${state}`, broken ? 'cell-broken' : '', highlighted ? 'cell-hl' : '', corrected ? 'cell-corrected' : '']
    .filter(Boolean)
    .join(' ');

/** What a cell shows: the number as read, the placeholder or text as written, nothing for a blank. */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '缺';
  switch (cell.state) {
    case 'value':
      return fmt.figure(cell.value);
    case 'blank':
      return '';
    case 'absent':
      return '缺';
    default:
      return cell.raw.trim();
  }
}

/** A reading as a reviewer names it: the text read, or 空白. */
export const readingText = (c: Pick<Cell, 'raw' | 'state'> | null | undefined) =>
  !c || c.state === 'blank' || c.state === 'absent' || !c.raw.trim() ? '空白' : c.raw.trim();

/** The hover text of a cell: its key, state and exactly what the report wrote. */
export function cellTitle(key: string, cell: Cell | undefined, label: string): string {
  const state = cell?.state ?? 'absent';
  const parts = [`${label}`, `状态：${CELL_STATE_LABEL[state]}`];
  if (cell && state !== 'absent') parts.push(`原文：「${cell.raw}」`);
  if (cell?.unit) parts.push(`单元格内单位：${cell.unit}（已换算）`);
  if (cell?.note) parts.push(`附注：${cell.note}`);
  parts.push(key);
  return parts.join('\n');
}

export interface LegendEntry {
  className: string;
  label: string;
  sample: string;
}

export const LEGEND: LegendEntry[] = [
  { className: 'cell-value', label: '已填数值（含 0）', sample: '0' },
  { className: 'cell-blank', label: '空白', sample: '' },
  { className: 'cell-dash', label: '占位符（—、/、无）', sample: '—' },
  { className: 'cell-text', label: '文字', sample: '文' },
  { className: 'cell-absent', label: '缺失（表格截断）', sample: '缺' },
  { className: 'cell-value cell-broken', label: '勾稽关系不平衡', sample: '1' },
  { className: 'cell-value cell-hl', label: '所选问题涉及', sample: '' },
  { className: 'cell-value cell-corrected', label: '审核员已更正', sample: '1' },
];
