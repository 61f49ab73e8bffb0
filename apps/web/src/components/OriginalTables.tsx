/**
 * The tables of a Word or web-page report as the original lays them out (its own rows, columns and
 * merged cells, read again from the imported file), with the selected cells marked: where the
 * reviewer finds them in the file the agency published.
 */
import { useEffect, useRef } from 'react';
import { Alert, Empty, Typography } from 'antd';
import type { Span } from '@nianbao/model';
import { useReportOriginal } from '../api/hooks';
import { ErrorState, Loading } from './PageState';

/** What the original is, in the reviewer's words. */
export const ORIGINAL_KIND: Record<string, string> = {
  docx: 'docx 文件',
  doc: 'doc 文件',
  html: '网页',
};

export function OriginalTables({
  reportId,
  marked,
  scrollKey,
}: {
  reportId: number;
  /** Spans (into the report's text) of the cells to mark. */
  marked: Span[];
  scrollKey?: string | null;
}) {
  const original = useReportOriginal(reportId, true);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    const first = el?.querySelector<HTMLElement>('.orig-hl');
    if (!el || !first) return;
    const top = first.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
    el.scrollTo({ top: Math.max(0, top - el.clientHeight / 3), behavior: 'smooth' });
  }, [scrollKey, original.data]);

  if (original.isLoading) return <Loading />;
  if (original.isError)
    return <ErrorState error={original.error} onRetry={() => original.refetch()} title="原件表格加载失败" />;
  const o = original.data!;
  // a cell of the original holds a marked cell when the marked text starts inside it
  const hit = (span: Span) => o.sameText && marked.some((m) => span[0] <= m[0] && m[0] <= span[1]);
  return (
    <div ref={box} data-testid="original-tables" style={{ height: '100%', overflow: 'auto', padding: '8px 12px' }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        以下是{ORIGINAL_KIND[o.format] ?? '原件'}中的表格，按原件的行列和合并单元格排列（从导入的文件重新读取，不含原件的字体和版式）。
      </Typography.Paragraph>
      {!o.sameText ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title="原件的读取结果与导入时不同，无法在原件表格中标出单元格"
        />
      ) : null}
      {o.tables.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="原件中没有表格" />
      ) : (
        o.tables.map((t, ti) => (
          <table key={ti} className="orig-table">
            <tbody>
              {t.rows.map((r, ri) => (
                <tr key={ri}>
                  {r.map((c, ci) => (
                    <td
                      key={ci}
                      colSpan={c.colSpan > 1 ? c.colSpan : undefined}
                      rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
                      className={hit(c.span) ? 'orig-hl' : undefined}
                      data-start={c.span[0]}
                    >
                      {c.text}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ))
      )}
    </div>
  );
}
