/** A report's findings grouped by category, most severe first; a click selects one. */
import { Badge, Empty, Typography } from 'antd';
import type { Category, Finding, Severity } from '../api/types';
import { CATEGORIES, CATEGORY_COLOR, CATEGORY_LABEL } from '../labels';
import { fmt } from '../format';
import { SeverityTag } from './bits';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function FindingList({
  findings,
  lostByCategory,
  selected,
  related,
  onSelect,
}: {
  findings: Finding[];
  /** Points each category lost, shown beside its heading. */
  lostByCategory: Partial<Record<Category, number>>;
  selected: number | null;
  /** Findings about the selected cell. */
  related: ReadonlySet<number>;
  onSelect: (index: number) => void;
}) {
  if (!findings.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现问题，报告符合格式要求" />;
  return (
    <div>
      {CATEGORIES.map((c) => {
        const items = findings
          .map((f, i) => ({ f, i }))
          .filter(({ f }) => f.category === c)
          .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i);
        if (!items.length) return null;
        return (
          <section key={c} data-category={c} style={{ marginBottom: 12 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '4px 2px', borderBottom: '1px solid #f0f0f0', marginBottom: 4 }}>
              <Badge color={CATEGORY_COLOR[c]} text={<Typography.Text strong>{`${CATEGORY_LABEL[c]}（${items.length}）`}</Typography.Text>} />
              {lostByCategory[c] ? (
                <Typography.Text type="danger" className="num">
                  扣 {fmt.lost(lostByCategory[c])} 分
                </Typography.Text>
              ) : null}
            </div>
            {items.map(({ f, i }) => (
              <div
                key={i}
                role="button"
                tabIndex={0}
                className={`finding${selected === i || related.has(i) ? ' active' : ''}`}
                data-rule={f.rule}
                data-index={i}
                aria-pressed={selected === i}
                onClick={() => onSelect(i)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(i))}
              >
                <SeverityTag severity={f.severity} />
                {f.message}
                <div className="finding-rule">
                  {f.rule}
                  {f.cells.length ? ` · ${f.cells.length} 个单元格` : ''}
                  {!f.span && !f.cells.length ? ' · 原文中无对应位置' : ''}
                </div>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
