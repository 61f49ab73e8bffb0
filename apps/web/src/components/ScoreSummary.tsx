/** Grade, total and each category's score with the points lost and the findings that cost them. */
import { Progress, Typography } from 'antd';
import { CategoryBar } from './CategoryBar';
import type { Category, Finding, Score } from '../api/types';
import { CATEGORIES, GRADE_COLOR } from '../labels';
import { useWeights } from '../api/hooks';
import { fmt } from '../format';
import { useRuleLabel } from './ruleLabel';

/**
 * Points lost per category (the scorer's deductions already share a category's weight out); a score
 * stored without deductions counts against the served rubric's weights, once they have loaded.
 */
export function lostByCategory(score: Score | null, weights?: Record<Category, number>): Record<Category, number> {
  const lost = { completeness: 0, accuracy: 0, conformity: 0, timeliness: 0 };
  if (!score) return lost;
  if (score.deductions) for (const d of score.deductions) lost[d.category] += d.points;
  else if (weights) for (const c of CATEGORIES) lost[c] = Math.max(0, weights[c] - (score.byCategory[c] ?? 0));
  return lost;
}

export function ScoreSummary({
  score,
  findings,
  onSelect,
}: {
  score: Score | null;
  findings: Finding[];
  onSelect: (index: number) => void;
}) {
  const label = useRuleLabel();
  const weights = useWeights();
  if (!score)
    return (
      <Typography.Text type="secondary">
        该报告尚未评分（评分规则未能应用，可在「审查规则」页查看当前细则）。
      </Typography.Text>
    );
  const lost = lostByCategory(score, weights);
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'minmax(150px, 180px) 1fr',
        gap: 24,
        alignItems: 'start',
      }}
    >
      <div style={{ textAlign: 'center' }} data-testid="grade">
        <Progress
          type="dashboard"
          percent={score.total}
          size={140}
          strokeColor={GRADE_COLOR[score.grade]}
          format={() => (
            <div>
              <div className="num" style={{ fontSize: 30, fontWeight: 600, color: GRADE_COLOR[score.grade] }}>
                {fmt.score(score.total)}
              </div>
              <div style={{ fontSize: 18, color: GRADE_COLOR[score.grade] }}>{score.grade}</div>
            </div>
          )}
        />
        {score.rubricVersion ? (
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>评分细则 {score.rubricVersion}</div>
        ) : null}
      </div>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(max(300px, calc(50% - 16px)), 1fr))',
          gap: '12px 32px',
        }}
      >
        {CATEGORIES.map((c) => {
          const got = score.byCategory[c] ?? 0;
          const weight = score.deductions ? got + lost[c] : (weights?.[c] ?? got);
          const items = (score.deductions ?? [])
            .filter((d) => d.category === c && d.points > 0)
            .sort((a, b) => b.points - a.points);
          return (
            <CategoryBar key={c} category={c} got={got} weight={weight}>
              {items.length ? (
                <ul style={{ margin: '2px 0 0', paddingLeft: 18, fontSize: 12, color: '#595959' }}>
                  {items.map((d) => (
                    <li key={d.rule}>
                      <Typography.Link
                        style={{ fontSize: 12 }}
                        onClick={() => d.findings[0] !== undefined && onSelect(d.findings[0])}
                        title={findings[d.findings[0] ?? -1]?.message}
                      >
                        {label(d.rule)}
                      </Typography.Link>
                      <span className="num" style={{ color: '#cf1322' }}>
                        {' '}
                        {fmt.loss(d.points)} 分
                      </span>
                      {d.findings.length > 1 ? `（${d.findings.length} 处）` : ''}
                    </li>
                  ))}
                </ul>
              ) : lost[c] === 0 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  未扣分
                </Typography.Text>
              ) : null}
            </CategoryBar>
          );
        })}
      </div>
    </div>
  );
}
