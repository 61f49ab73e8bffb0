/**
 * The charts, loaded on demand: recharts is the heaviest library of the dashboard, so a page paints
 * its figures and lists first and draws its charts when their chunk arrives.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { Skeleton } from 'antd';

const charts = () => import('./charts');

type Charts = Awaited<ReturnType<typeof charts>>;

function lazyChart<P extends object>(pick: (m: Charts) => ComponentType<P>, height: number) {
  const Chart = lazy(() => charts().then((m) => ({ default: pick(m) })));
  return function LazyChart(props: P) {
    return (
      <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
        <Chart {...props} />
      </Suspense>
    );
  };
}

export const ScoreHistogram = lazyChart((m) => m.ScoreHistogram, 260);
export const TrendChart = lazyChart((m) => m.TrendChart, 300);
export const AgencyTrendChart = lazyChart((m) => m.AgencyTrendChart, 300);
export const LoopTrendChart = lazyChart((m) => m.LoopTrendChart, 280);
