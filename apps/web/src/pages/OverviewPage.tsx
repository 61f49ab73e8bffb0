/** 总览: the year's figures, the score distribution, the trend across years, common findings, worst and most improved. */
import { Card, Col, Progress, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useHealth, useOverview, useTrends } from '../api/hooks';
import type { FindingCount, OverviewResponse, RankingItem } from '../api/types';
import { ScoreHistogram, TrendChart } from '../components/LazyCharts';
import { LoopTrends } from '../components/LoopTrends';
import { Change, DemoTag, GradeTag } from '../components/bits';
import { YearSelect } from '../components/filters';
import { EmptyDatabase, ErrorState, Loading } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { SimpleList } from '../components/SimpleList';
import { useRuleLabel } from '../components/ruleLabel';
import { fmt } from '../format';
import { GRADES, GRADE_COLOR, KIND_LABEL } from '../labels';

function Figures({ o }: { o: OverviewResponse }) {
  const cards = [
    {
      title: '收到报告',
      value: fmt.count(o.reports),
      suffix: '份',
      hint: '本年度各机关报送的报告（每个机关取最新版本）',
    },
    {
      title: '未报送机关',
      value: fmt.count(o.missing.count),
      suffix: '个',
      hint: '往年报送过、本年度尚无报告的机关',
      warn: o.missing.count > 0,
    },
    {
      title: '平均得分',
      value: fmt.score(o.averageScore),
      suffix: '分',
      hint: '已评分报告的平均总分（满分 100）',
    },
    {
      title: '不合格占比',
      value: fmt.percent(o.failShare),
      hint: `不合格 ${fmt.count(o.grades['不合格'])} 份`,
      warn: (o.failShare ?? 0) > 0,
    },
    {
      title: '逾期发布',
      value: fmt.count(o.lateCount),
      suffix: '份',
      hint: '晚于《条例》第四十九条规定期限发布的报告',
      warn: o.lateCount > 0,
    },
  ];
  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))' }}>
      {cards.map((c) => (
        <Card size="small" key={c.title} data-figure={c.title}>
          <Tooltip title={c.hint}>
            <Statistic
              title={c.title}
              value={c.value}
              suffix={c.suffix}
              styles={{ content: { color: c.warn ? '#cf1322' : undefined } }}
            />
          </Tooltip>
        </Card>
      ))}
    </div>
  );
}

function GradeCounts({ o }: { o: OverviewResponse }) {
  const total = GRADES.reduce((s, g) => s + o.grades[g], 0);
  return (
    <div style={{ display: 'grid', gap: 10 }}>
      {GRADES.map((g) => (
        <div
          key={g}
          style={{ display: 'grid', gridTemplateColumns: '52px 1fr 64px', alignItems: 'center', gap: 8 }}
        >
          <GradeTag grade={g} />
          <Progress
            percent={total ? (o.grades[g] / total) * 100 : 0}
            showInfo={false}
            strokeColor={GRADE_COLOR[g]}
          />
          <span className="num" style={{ textAlign: 'right' }}>
            {fmt.count(o.grades[g])} 份
          </span>
        </div>
      ))}
    </div>
  );
}

function TopFindings({ items, year }: { items: FindingCount[]; year: number | undefined }) {
  const label = useRuleLabel();
  return (
    <SimpleList
      items={items.slice(0, 10)}
      rowKey={(f) => f.rule}
      empty="本年度报告没有发现问题"
      render={(f) => ({
        main: (
          <>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text ellipsis={{ tooltip: label(f.rule) }} style={{ minWidth: 0 }}>
                <Link to={`/findings?rule=${encodeURIComponent(f.rule)}${year ? `&year=${year}` : ''}`}>
                  {label(f.rule)}
                </Link>
              </Typography.Text>
              <span className="num" style={{ whiteSpace: 'nowrap' }}>
                {fmt.count(f.reports)} 份 · {fmt.percent(f.share)}
              </span>
            </div>
            <Progress percent={f.share * 100} showInfo={false} size="small" strokeColor="#ff7875" />
          </>
        ),
      })}
    />
  );
}

/** Worst or most improved agencies: a short list, not a Table, to keep the first page light. */
function AgencyList({ items, mode }: { items: RankingItem[]; mode: 'worst' | 'improved' }) {
  return (
    <SimpleList
      items={items}
      rowKey={(r) => r.reportId}
      empty={mode === 'improved' ? '没有上一年度的报告可比较' : '暂无数据'}
      render={(r) => ({
        // the name on a line of its own: beside a score, a grade and a badge it would shrink to a few characters
        main: (
          <>
            <Typography.Text ellipsis={{ tooltip: r.agency.name }} style={{ display: 'block' }}>
              <Link to={`/agencies/${r.agency.id}`}>{r.agency.name}</Link>
            </Typography.Text>
            <Space size={8} style={{ whiteSpace: 'nowrap', marginTop: 2 }}>
              <Link to={`/reports/${r.reportId}`} className="num" title="查看报告">
                {fmt.score(r.score)} 分
              </Link>
              {/* the change is what this list is about: it takes the grade's room */}
              {mode === 'improved' ? <Change value={r.change} /> : <GradeTag grade={r.grade} />}
              <DemoTag demo={r.demo} />
            </Space>
          </>
        ),
      })}
    />
  );
}

export default function OverviewPage() {
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const health = useHealth();
  const overview = useOverview(year, (health.data?.reports ?? 0) > 0);
  const trends = useTrends({});

  if (health.isLoading) return <Loading />;
  if (health.isError) return <ErrorState error={health.error} onRetry={() => health.refetch()} />;
  if (health.data!.reports === 0) {
    return (
      <>
        <PageTitle title="总览" />
        <Card>
          <EmptyDatabase what="各年度的报送情况、得分分布和趋势" />
        </Card>
      </>
    );
  }
  if (overview.isLoading) return <Loading rows={12} />;
  if (overview.isError) return <ErrorState error={overview.error} onRetry={() => overview.refetch()} />;
  const o = overview.data!;
  const shownYear = o.year ?? undefined;

  return (
    <>
      <PageTitle
        title={`${shownYear ? `${shownYear}年度` : ''}总览`}
        sub="各机关政府信息公开工作年度报告的报送、评分与常见问题"
        extra={
          <YearSelect
            value={shownYear}
            onChange={(y) => {
              const next = new URLSearchParams(params);
              if (y) next.set('year', String(y));
              else next.delete('year');
              setParams(next);
            }}
          />
        }
      />
      <Figures o={o} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card
            title="得分分布"
            size="small"
            extra={<Link to={`/rankings?year=${shownYear ?? ''}`}>查看排名</Link>}
          >
            <ScoreHistogram data={o.histogram} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="等次构成" size="small" style={{ height: '100%' }}>
            <GradeCounts o={o} />
            {o.missing.count > 0 ? (
              <>
                <Typography.Title level={5} style={{ marginTop: 20 }}>
                  未报送机关（{fmt.count(o.missing.count)}）
                </Typography.Title>
                <SimpleList
                  items={o.missing.items.slice(0, 8)}
                  rowKey={(a) => a.id}
                  empty="无"
                  render={(a) => ({
                    main: (
                      <>
                        <Link to={`/agencies/${a.id}`}>{a.name}</Link>
                        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                          {KIND_LABEL[a.kind]}
                        </Typography.Text>
                      </>
                    ),
                    extra: (
                      <Typography.Text type="secondary">
                        {a.lastYear ? `最近一次：${a.lastYear}年` : ''}
                      </Typography.Text>
                    ),
                  })}
                />
                {o.missing.count > 8 ? (
                  <Typography.Text type="secondary">等 {fmt.count(o.missing.count)} 个机关</Typography.Text>
                ) : null}
              </>
            ) : null}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="历年趋势：平均分与等次占比" size="small">
            {trends.isError ? (
              <ErrorState error={trends.error} onRetry={() => trends.refetch()} />
            ) : !trends.data ? (
              <Loading rows={4} />
            ) : (
              <>
                {trends.data.items.length < 2 ? (
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    目前只有一个年度的报告；导入其他年度的报告后，可以比较历年的平均分和等次构成。
                  </Typography.Paragraph>
                ) : null}
                <TrendChart items={trends.data.items} />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="报送与整改：历年情况" size="small" extra={<Link to="/roster">查看报送情况</Link>}>
            <LoopTrends />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="最常见的问题" size="small" style={{ height: '100%' }}>
            <TopFindings items={o.topFindings} year={shownYear} />
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card title="得分最低" size="small" style={{ height: '100%' }}>
            <AgencyList items={o.worst} mode="worst" />
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card title="进步最大" size="small" style={{ height: '100%' }}>
            <AgencyList items={o.mostImproved} mode="improved" />
          </Card>
        </Col>
      </Row>
    </>
  );
}
