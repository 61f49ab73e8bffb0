/**
 * A report's findings grouped by category, most severe first; a click selects one. Reviewers confirm
 * or dismiss each with a reason; the decision is shown under the finding.
 */
import { useState, type ReactNode } from 'react';
import { App, Badge, Empty, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useReview } from '../api/hooks';
import type { Category, Decision, ReviewedFinding, Severity } from '../api/types';
import { CATEGORIES, CATEGORY_COLOR, CATEGORY_LABEL } from '../labels';
import { fmt } from '../format';
import { SeverityTag } from './bits';
import { ReviewButtons, ReviewDialog, ReviewNote } from './FindingReview';
import { useRuleLabel } from './ruleLabel';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function FindingList({
  reportId,
  findings,
  lostByCategory,
  selected,
  related,
  onSelect,
  canReview,
  extra,
}: {
  reportId: number;
  findings: ReviewedFinding[];
  /** Points each category lost, shown beside its heading. */
  lostByCategory: Partial<Record<Category, number>>;
  selected: number | null;
  /** Findings about the selected cell. */
  related: ReadonlySet<number>;
  onSelect: (index: number) => void;
  /** Whether the user may confirm or dismiss findings. */
  canReview: boolean;
  /** What else a finding offers (a copied-text finding: the other report). */
  extra?: (finding: ReviewedFinding, index: number) => ReactNode;
}) {
  const [pending, setPending] = useState<{ index: number; decision: Decision } | null>(null);
  const undo = useReview(reportId);
  const { message } = App.useApp();
  const label = useRuleLabel();
  if (!findings.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现问题，报告符合格式要求" />;
  const withdraw = (f: ReviewedFinding) =>
    undo.mutate(
      { fingerprint: f.fingerprint!, decision: null },
      { onError: (e) => message.error(e instanceof ApiError ? e.message : '撤销失败，请重试') },
    );
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
            <div
              style={{
                display: 'flex',
                justifyContent: 'space-between',
                alignItems: 'center',
                padding: '4px 2px',
                borderBottom: '1px solid #f0f0f0',
                marginBottom: 4,
              }}
            >
              <Badge
                color={CATEGORY_COLOR[c]}
                text={<Typography.Text strong>{`${CATEGORY_LABEL[c]}（${items.length}）`}</Typography.Text>}
              />
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
                className={[
                  'finding',
                  selected === i || related.has(i) ? 'active' : '',
                  f.review?.decision === 'dismiss' ? 'dismissed' : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
                data-rule={f.rule}
                data-index={i}
                data-review={f.review?.decision}
                aria-pressed={selected === i}
                onClick={() => onSelect(i)}
                onKeyDown={(e) =>
                  e.target === e.currentTarget &&
                  (e.key === 'Enter' || e.key === ' ') &&
                  (e.preventDefault(), onSelect(i))
                }
              >
                <SeverityTag severity={f.severity} />
                <span className="finding-message">{f.message}</span>
                <div className="finding-foot">
                  <span className="finding-rule">
                    {/* the rule's id for whoever asks (a native tooltip), its name for everyone */}
                    <Link
                      to={`/findings?rule=${encodeURIComponent(f.rule)}`}
                      title={`查看有此问题的所有报告（规则标识 ${f.rule}）`}
                      onClick={(e) => e.stopPropagation()}
                    >
                      {label(f.rule)}
                    </Link>
                    {f.cells.length ? ` · ${f.cells.length} 个单元格` : ''}
                    {!f.span && !f.cells.length ? ' · 原文中无对应位置' : ''}
                  </span>
                  {canReview && f.fingerprint && !f.review ? (
                    <ReviewButtons onDecide={(decision) => setPending({ index: i, decision })} />
                  ) : null}
                </div>
                {extra?.(f, i)}
                {f.review ? (
                  <ReviewNote
                    review={f.review}
                    onUndo={canReview && f.fingerprint ? () => withdraw(f) : undefined}
                  />
                ) : null}
              </div>
            ))}
          </section>
        );
      })}
      <ReviewDialog
        reportId={reportId}
        finding={pending ? (findings[pending.index] ?? null) : null}
        decision={pending?.decision ?? 'confirm'}
        onClose={() => setPending(null)}
      />
    </div>
  );
}
