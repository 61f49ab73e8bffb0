/**
 * 报送与整改的历年情况 (the office's loop across years): on-time, late and missing shares, the notices
 * sent and how much of them was fixed, and the share of published reports with each kind of fault.
 */
import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useLoopTrends, type LoopTrendsResponse } from '../api/office';
import { fmt } from '../format';
import { CATEGORIES, CATEGORY_LABEL } from '../labels';
import { LoopTrendChart } from './LazyCharts';
import { ErrorState, Loading } from './PageState';

type Year = LoopTrendsResponse['items'][number];

export function LoopTrends({ region }: { region?: string }) {
  const trends = useLoopTrends({ region });
  if (trends.isError) return <ErrorState error={trends.error} onRetry={() => trends.refetch()} />;
  if (!trends.data) return <Loading rows={4} />;
  const { items, source } = trends.data;
  if (!items.length) return <Typography.Paragraph type="secondary">还没有年度报告；导入报告后，这里按年度显示按时发布、逾期、未发布的比例和整改完成情况。</Typography.Paragraph>;
  const share = (n: number | null, count: number) => (n === null ? '—' : `${fmt.percent(n)}（${fmt.count(count)}）`);
  // a plain table: the overview is the first page, and antd's Table would double its weight
  const columns: { title: string; wide?: boolean; render: (t: Year) => ReactNode }[] = [
    { title: '年度', render: (t) => `${t.year}年` },
    { title: '应报单位', render: (t) => fmt.count(t.units) },
    { title: '按时发布', render: (t) => share(t.onTimeRate, t.onTime) },
    { title: '逾期发布', render: (t) => share(t.lateRate, t.late) },
    { title: '未发布', render: (t) => share(t.missingRate, t.missing) },
    {
      title: '整改',
      render: (t) =>
        t.cases ? (
          <Link to={`/rectifications?year=${t.year}`}>
            {t.cases} 份通知，{t.itemsFixed}/{t.items} 项已改{t.casesOverdue ? `，${t.casesOverdue} 份逾期未改` : ''}
          </Link>
        ) : (
          '未下发通知'
        ),
    },
    ...CATEGORIES.map((c) => ({
      title: `有${CATEGORY_LABEL[c]}问题`,
      wide: true,
      render: (t: Year) => {
        const p = t.problems.find((x) => x.category === c)!;
        return share(p.share, p.units);
      },
    })),
  ];
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {source === 'roster' ? '按应报送名单统计' : '尚未导入应报送名单，以历年发布过报告的单位为名单统计'}，截至 {trends.data.asOf}。比例以已过期限的应报单位为分母；问题占比以已发布的报告为分母。
        {items.length < 2 ? '目前只有一个年度的报告，导入其他年度后可比较历年变化。' : ''}
      </Typography.Paragraph>
      <LoopTrendChart items={items} />
      <div className="loop-table-wrap">
        <table className="loop-table" data-testid="loop-trends">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.title} className={c.wide ? 'wide-only' : undefined}>
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...items].reverse().map((t) => (
              <tr key={t.year}>
                {columns.map((c) => (
                  <td key={c.title} className={c.wide ? 'wide-only' : undefined}>
                    {c.render(t)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
