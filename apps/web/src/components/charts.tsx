/**
 * The dashboard's charts (recharts), in one module so that the pages that draw none do not load it.
 * Figures in tooltips and axes go through the shared formatter.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AgencyYear, Category, Grade, OverviewResponse, TrendYear } from '../api/types';
import type { LoopTrendsResponse } from '../api/office';
import { fmt } from '../format';
import { CATEGORIES, CATEGORY_COLOR, CATEGORY_LABEL, GRADES, GRADE_COLOR } from '../labels';

const axis = { fontSize: 12, fill: '#595959' };
/** Figures written on a chart: dark with a white halo, readable over bars and grid lines alike. */
const onChart = {
  fontSize: 12,
  fill: '#262626',
  paintOrder: 'stroke',
  stroke: '#fff',
  strokeWidth: 3,
  strokeLinejoin: 'round',
} as const;

const QUARTERS = [0, 25, 50, 75, 100];

export function ScoreHistogram({ data }: { data: OverviewResponse['histogram'] }) {
  const rows = data.map((b) => ({
    label: b.to >= 100 ? `${b.from}–100` : `${b.from}–${b.to}`,
    count: b.count,
    color:
      b.from >= 90
        ? GRADE_COLOR['优秀']
        : b.from >= 80
          ? GRADE_COLOR['良好']
          : b.from >= 60
            ? GRADE_COLOR['合格']
            : GRADE_COLOR['不合格'],
  }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={rows} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={axis} interval={0} />
        <YAxis allowDecimals={false} tick={axis} />
        <Tooltip
          formatter={(v) => [`${fmt.count(Number(v))} 份`, '报告数']}
          labelFormatter={(l) => `得分 ${l} 分`}
        />
        <Bar dataKey="count" name="报告数" isAnimationActive={false} radius={[2, 2, 0, 0]}>
          {rows.map((r) => (
            <Cell key={r.label} fill={r.color} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Grade shares (stacked bars, %) and the average score (line, right axis) across years. */
export function TrendChart({ items }: { items: TrendYear[] }) {
  const rows = items.map((t) => ({
    year: `${t.year}`,
    average: t.averageScore,
    ...Object.fromEntries(GRADES.map((g) => [g, Math.round(t.grades[g] * 1000) / 10])),
  }));
  return (
    <ResponsiveContainer width="100%" height={300}>
      <ComposedChart data={rows} margin={{ top: 24, right: 8, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="year" tick={axis} tickFormatter={(y) => `${y}年`} />
        {/* shares rounded per grade can add up to 100.1: the axis stays at 100 %, and both axes
            share their ticks so that the grid lines mean the same on either side */}
        <YAxis
          yAxisId="share"
          tick={axis}
          domain={[0, 100]}
          ticks={QUARTERS}
          allowDataOverflow
          tickFormatter={(v) => `${v}%`}
        />
        <YAxis
          yAxisId="score"
          orientation="right"
          tick={axis}
          domain={[0, 100]}
          ticks={QUARTERS}
          allowDataOverflow
        />
        <Tooltip
          formatter={(v, name) =>
            name === '平均分' ? [fmt.score(Number(v)), name] : [fmt.percent(Number(v) / 100), name]
          }
          labelFormatter={(y) => `${y}年度`}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {GRADES.map((g: Grade) => (
          <Bar
            key={g}
            yAxisId="share"
            dataKey={g}
            name={g}
            stackId="g"
            fill={GRADE_COLOR[g]}
            fillOpacity={0.75}
            isAnimationActive={false}
            maxBarSize={48}
          />
        ))}
        <Line
          yAxisId="score"
          type="monotone"
          dataKey="average"
          name="平均分"
          stroke="#262626"
          strokeWidth={2}
          dot={{ r: 4 }}
          isAnimationActive={false}
        >
          <LabelList
            dataKey="average"
            position="top"
            formatter={(v: unknown) => fmt.score(Number(v))}
            style={onChart}
          />
        </Line>
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** One agency: total score and each category's points across years. */
export function AgencyTrendChart({ years }: { years: AgencyYear[] }) {
  const rows = [...years]
    .sort((a, b) => a.year - b.year)
    .map((y) => ({ year: `${y.year}`, total: y.score, ...(y.byCategory ?? {}) }));
  return (
    <ResponsiveContainer width="100%" height={300}>
      <LineChart data={rows} margin={{ top: 24, right: 24, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="year" tick={axis} tickFormatter={(y) => `${y}年`} padding={{ left: 24, right: 24 }} />
        <YAxis tick={axis} domain={[0, 100]} />
        <Tooltip formatter={(v, name) => [fmt.score(Number(v)), name]} labelFormatter={(y) => `${y}年度`} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        <Line
          type="monotone"
          dataKey="total"
          name="总分"
          stroke="#262626"
          strokeWidth={3}
          dot={{ r: 4 }}
          isAnimationActive={false}
          connectNulls
        >
          <LabelList
            dataKey="total"
            position="top"
            formatter={(v: unknown) => fmt.score(Number(v))}
            style={onChart}
          />
        </Line>
        {CATEGORIES.map((c: Category) => (
          <Line
            key={c}
            type="monotone"
            dataKey={c}
            name={CATEGORY_LABEL[c]}
            stroke={CATEGORY_COLOR[c]}
            strokeWidth={1.5}
            dot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Per report year: the shares of units on time, late and missing (stacked, %), and the share of notice items fixed (line). */
export function LoopTrendChart({ items }: { items: LoopTrendsResponse['items'] }) {
  const pct = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 10);
  const rows = items.map((t) => ({
    year: `${t.year}`,
    onTime: pct(t.onTimeRate),
    late: pct(t.lateRate),
    missing: pct(t.missingRate),
    fixed: pct(t.rectificationRate),
  }));
  const bars = [
    { key: 'onTime', name: '按时发布', color: '#52c41a' },
    { key: 'late', name: '逾期发布', color: '#faad14' },
    { key: 'missing', name: '未发布', color: '#ff4d4f' },
  ];
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart data={rows} margin={{ top: 24, right: 8, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="year" tick={axis} tickFormatter={(y) => `${y}年`} />
        <YAxis tick={axis} domain={[0, 100]} ticks={QUARTERS} allowDataOverflow tickFormatter={(v) => `${v}%`} />
        <Tooltip formatter={(v, name) => [v === null || v === undefined ? '—' : fmt.percent(Number(v) / 100), name]} labelFormatter={(y) => `${y}年度`} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {bars.map((b) => (
          <Bar key={b.key} dataKey={b.key} name={b.name} stackId="s" fill={b.color} fillOpacity={0.75} isAnimationActive={false} maxBarSize={48} />
        ))}
        <Line type="monotone" dataKey="fixed" name="整改完成率" stroke="#262626" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} connectNulls>
          <LabelList dataKey="fixed" position="top" formatter={(v: unknown) => (v === null || v === undefined ? '' : fmt.percent(Number(v) / 100))} style={onChart} />
        </Line>
      </ComposedChart>
    </ResponsiveContainer>
  );
}
