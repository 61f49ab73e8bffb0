/**
 * The one renderer of the report's statistical tables, in the official layout, driven by the
 * templates of @nianbao/model (rows, groups, column labels). Three arrangements exist in the format:
 * table 二 is a stack of small sub-tables (one per 第二十条 item), table 三 a matrix with a nested row
 * header, table 四 a single row under a two-level column header. Every cell is coloured by its state.
 */
import type { ReactNode } from 'react';
import {
  TEMPLATES,
  T3_OTHER_HANDLING_2019,
  type Cell,
  type ColumnDef,
  type RowDef,
  type TableDef,
  type TableId,
  type TemplateVersion,
} from '@nianbao/model';
import type { CellCorrection } from '../api/types';
import { cellClass, cellText, cellTitle, readingText } from './cellStyle';

export interface CellMarks {
  /** Cells that break an identity (balance.* findings). */
  broken: ReadonlySet<string>;
  /** Cells of the selected finding. */
  highlighted: ReadonlySet<string>;
  /** Cells a reviewer corrected, with what was read. */
  corrections?: Record<string, CellCorrection>;
}

interface TableProps extends CellMarks {
  table: TableDef;
  cells: Record<string, Cell>;
  onCellClick?: (key: string) => void;
}

const ORDINAL = { t2: '二', t3: '三', t4: '四' } satisfies Record<TableId, string>;

/** Header spanning columns of a matrix table, which the template rows do not carry. */
const COLUMN_HEADER: Partial<
  Record<TableId, { caption: string; corner?: string; groups: { label: string; keys: string[] }[] }>
> = {
  t3: {
    caption: '申请人情况',
    corner: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    groups: [
      {
        label: '法人或其他组织',
        keys: ['commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'],
      },
    ],
  },
};


/**
 * The template's tables for a report. A 2021 report that kept the single 2019 （六）其他处理 row is
 * shown with that row, where the report has it.
 */
export function tablesFor(version: TemplateVersion, cells: Record<string, Cell>): TableDef[] {
  const tables = TEMPLATES[version].tables;
  if (version !== '2021') return tables;
  const legacy = T3_OTHER_HANDLING_2019;
  const kept = legacy.columns.some((c) => {
    const cell = cells[`${legacy.key}.${c.key}`];
    return cell && cell.state !== 'absent';
  });
  if (!kept) return tables;
  return tables.map((t) => {
    if (t.id !== 't3') return t;
    const at = t.rows.findIndex((r) => r.key.startsWith('t3.otherHandling.'));
    return { ...t, rows: [...t.rows.slice(0, at), legacy, ...t.rows.slice(at)] };
  });
}

const isTopGroup = (g: string) => /^[一二三四五六七八九十]+、/.test(g);

/** The nested header labels of each row (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密). */
function rowPaths(rows: RowDef[]): string[][] {
  let top: string | undefined;
  return rows.map((row) => {
    const label = `${row.marker ?? ''}${row.label}`;
    if (!row.group) {
      top = undefined;
      return [label];
    }
    if (isTopGroup(row.group)) {
      top = row.group;
      return [row.group, label];
    }
    return top ? [top, row.group, label] : [row.group, label];
  });
}

const samePrefix = (a: string[] | undefined, b: string[], n: number) =>
  !!a && a.length > n && a.slice(0, n + 1).join('\u0000') === b.slice(0, n + 1).join('\u0000');

function StatCell({
  rowKey,
  column,
  cells,
  broken,
  highlighted,
  corrections,
  onCellClick,
  colSpan,
  label,
}: {
  rowKey: string;
  column: ColumnDef;
  cells: Record<string, Cell>;
  colSpan?: number;
  label: string;
  onCellClick?: (key: string) => void;
} & CellMarks) {
  const key = `${rowKey}.${column.key}`;
  const cell = cells[key];
  const state = cell?.state ?? 'absent';
  const corrected = corrections?.[key];
  return (
    <td
      className={cellClass(state, broken.has(key), highlighted.has(key), !!corrected)}
      colSpan={colSpan}
      data-cell={key}
      data-state={state}
      data-corrected={corrected ? 'true' : undefined}
      title={
        corrected
          ? `${cellTitle(key, cell, label)}\n原读数「${readingText(corrected.original)}」，${corrected.user} 更正：${corrected.reason}`
          : cellTitle(key, cell, label)
      }
      onClick={onCellClick ? () => onCellClick(key) : undefined}
    >
      {cellText(cell)}
      {cell?.unit ? <span className="cell-mark">{cell.unit}</span> : null}
      {cell?.note ? <span className="cell-mark">注</span> : null}
      {corrected ? <span className="cell-mark">改</span> : null}
    </td>
  );
}

/** Table 二: one sub-table per 第二十条 item, each with its own 信息内容 header row. */
function GroupedBody({ table, cells, ...marks }: TableProps) {
  const width = Math.max(...table.rows.map((r) => r.columns.length));
  const out: ReactNode[] = [];
  let prev: RowDef | undefined;
  for (const row of table.rows) {
    const signature = row.columns.map((c) => c.key).join(',');
    if (!prev || prev.group !== row.group || prev.columns.map((c) => c.key).join(',') !== signature) {
      if (row.group)
        out.push(
          <tr key={`${row.key}:group`}>
            <th className="group-title" colSpan={width + 1}>
              {row.group}
            </th>
          </tr>,
        );
      out.push(
        <tr key={`${row.key}:head`}>
          <th>信息内容</th>
          {row.columns.map((c, i) => (
            <th
              key={c.key}
              colSpan={i === row.columns.length - 1 ? width - row.columns.length + 1 : undefined}
            >
              {c.label}
            </th>
          ))}
        </tr>,
      );
    }
    out.push(
      <tr key={row.key}>
        <th className="row-head">{row.label}</th>
        {row.columns.map((c, i) => (
          <StatCell
            key={c.key}
            rowKey={row.key}
            column={c}
            cells={cells}
            label={`${row.label} · ${c.label}`}
            colSpan={i === row.columns.length - 1 ? width - row.columns.length + 1 : undefined}
            {...marks}
          />
        ))}
      </tr>,
    );
    prev = row;
  }
  return <tbody>{out}</tbody>;
}

/** Table 三: a nested row header down the left, the applicant columns across. */
function MatrixBody({ table, cells, ...marks }: TableProps) {
  const columns = table.rows[0]!.columns;
  const paths = rowPaths(table.rows);
  const depth = Math.max(...paths.map((p) => p.length));
  const head = COLUMN_HEADER[table.id];
  const grouped = new Map(head?.groups.flatMap((g) => g.keys.map((k) => [k, g] as const)));
  const hasGroups = grouped.size > 0;
  const headRows = (head ? 1 : 0) + (hasGroups ? 2 : 1);

  const headerTop: ReactNode[] = [];
  const headerMid: ReactNode[] = [];
  const headerLow: ReactNode[] = [];
  const seen = new Set<string>();
  for (const c of columns) {
    const g = grouped.get(c.key);
    if (!g)
      headerMid.push(
        <th key={c.key} rowSpan={hasGroups ? 2 : 1}>
          {c.label}
        </th>,
      );
    else {
      if (!seen.has(g.label))
        headerMid.push(
          <th key={g.label} colSpan={g.keys.length}>
            {g.label}
          </th>,
        );
      seen.add(g.label);
      headerLow.push(<th key={c.key}>{c.label}</th>);
    }
  }
  if (head)
    headerTop.push(
      <th key="caption" colSpan={columns.length}>
        {head.caption}
      </th>,
    );

  return (
    <>
      <thead>
        {[headerTop, headerMid, headerLow]
          .filter((r) => r.length)
          .map((r, i) => (
            <tr key={i}>
              {i === 0 ? (
                <th className="corner" colSpan={depth} rowSpan={headRows}>
                  {head?.corner}
                </th>
              ) : null}
              {r}
            </tr>
          ))}
      </thead>
      <tbody>
        {table.rows.map((row, r) => {
          const path = paths[r]!;
          const heads = path.map((label, level) => {
            if (samePrefix(paths[r - 1], path, level)) return null;
            let span = 1;
            while (samePrefix(paths[r + span], path, level)) span++;
            const last = level === path.length - 1;
            return (
              <th
                key={level}
                className="row-head"
                rowSpan={span > 1 ? span : undefined}
                colSpan={last && path.length < depth ? depth - level : undefined}
              >
                {label}
              </th>
            );
          });
          return (
            <tr key={row.key}>
              {heads}
              {row.columns.map((c) => (
                <StatCell
                  key={c.key}
                  rowKey={row.key}
                  column={c}
                  cells={cells}
                  label={`${path.join(' ')} · ${c.label}`}
                  {...marks}
                />
              ))}
            </tr>
          );
        })}
      </tbody>
    </>
  );
}

/** Table 四: every template row becomes a group of columns (行政复议 | 行政诉讼 › 未经复议直接起诉, 复议后起诉). */
function TransposedBody({ table, cells, ...marks }: TableProps) {
  const paths = table.rows.map((r) => (r.group ? [r.group, r.label] : [r.label]));
  const depth = Math.max(...paths.map((p) => p.length));
  const levels: ReactNode[][] = Array.from({ length: depth }, () => []);
  for (let level = 0; level < depth; level++) {
    for (let r = 0; r < table.rows.length; r++) {
      const path = paths[r]!;
      if (path.length <= level || samePrefix(paths[r - 1], path, level)) continue;
      let cols = 0;
      for (let k = r; k < table.rows.length && samePrefix(paths[k], path, level); k++)
        cols += table.rows[k]!.columns.length;
      const last = level === path.length - 1;
      levels[level]!.push(
        <th
          key={`${level}:${r}`}
          colSpan={cols}
          rowSpan={last && path.length < depth ? depth - level : undefined}
        >
          {path[level]}
        </th>,
      );
    }
  }
  return (
    <>
      <thead>
        {levels.map((l, i) => (
          <tr key={i}>{l}</tr>
        ))}
        <tr>
          {table.rows.flatMap((row) =>
            row.columns.map((c) => <th key={`${row.key}.${c.key}`}>{c.label}</th>),
          )}
        </tr>
      </thead>
      <tbody>
        <tr>
          {table.rows.flatMap((row, r) =>
            row.columns.map((c) => (
              <StatCell
                key={`${row.key}.${c.key}`}
                rowKey={row.key}
                column={c}
                cells={cells}
                label={`${paths[r]!.join(' · ')} · ${c.label}`}
                {...marks}
              />
            )),
          )}
        </tr>
      </tbody>
    </>
  );
}

const LAYOUT: Record<TableId, (p: TableProps) => ReactNode> = {
  t2: GroupedBody,
  t3: MatrixBody,
  t4: TransposedBody,
};

/** One statistical table of a report, with its official number and title. */
export function ReportTable(props: TableProps) {
  const Body = LAYOUT[props.table.id];
  return (
    <div className="stat-table-wrap">
      <table
        className="stat-table"
        data-table={props.table.id}
        aria-label={`${ORDINAL[props.table.id]}、${props.table.title}`}
      >
        <caption
          style={{
            captionSide: 'top',
            textAlign: 'left',
            fontWeight: 600,
            padding: '4px 0 8px',
            color: '#262626',
          }}
        >
          {ORDINAL[props.table.id]}、{props.table.title}
        </caption>
        <Body {...props} />
      </table>
    </div>
  );
}
