/** 机关: one agency across years — score and category trend, its reports, the findings that keep coming back. */
import { useMemo } from 'react';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useAgency, useReports } from '../api/hooks';
import type { AgencyYear, Category, Severity } from '../api/types';
import { AgencyTrendChart } from '../components/LazyCharts';
import { CategoryBar } from '../components/CategoryBar';
import { Change, DemoTag, GradeTag, SeverityTag } from '../components/bits';
import { ErrorState, Loading } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { useRuleLabel } from '../components/ruleLabel';
import { fmt } from '../format';
import {
  CATEGORIES,
  CATEGORY_LABEL,
  DEFAULT_WEIGHTS,
  KIND_LABEL,
  LEVEL_LABEL,
  TEMPLATE_LABEL,
  TEMPLATE_SHORT,
} from '../labels';

interface Recurring {
  rule: string;
  category: Category;
  severity: Severity;
  years: { year: number; reportId: number; count: number }[];
}

function RecurringFindings({ years, agencyName }: { years: AgencyYear[]; agencyName: string }) {
  const reports = useReports(years.map((y) => y.reportId));
  const label = useRuleLabel();
  const loading = reports.some((q) => q.isLoading);
  const failed = reports.find((q) => q.isError);
  const recurring = useMemo(() => {
    const byRule = new Map<string, Recurring>();
    for (const q of reports) {
      const r = q.data;
      if (!r || r.year === null) continue;
      const counts = new Map<string, number>();
      // a finding a reviewer dismissed is no finding
      for (const f of r.findings)
        if (f.review?.decision !== 'dismiss') counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
      for (const [rule, count] of counts) {
        const f = r.findings.find((x) => x.rule === rule)!;
        const entry = byRule.get(rule) ?? { rule, category: f.category, severity: f.severity, years: [] };
        entry.years.push({ year: r.year, reportId: r.id, count });
        byRule.set(rule, entry);
      }
    }
    return [...byRule.values()]
      .filter((e) => e.years.length >= 2)
      .map((e) => ({ ...e, years: e.years.sort((a, b) => a.year - b.year) }))
      .sort((a, b) => b.years.length - a.years.length || a.rule.localeCompare(b.rule));
  }, [reports]);

  if (years.length < 2)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description="至少需要两个年度的报告，才能看出反复出现的问题"
      />
    );
  if (loading) return <Loading rows={3} />;
  if (failed) return <ErrorState error={failed.error} onRetry={() => failed.refetch()} />;
  if (!recurring.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有在两个以上年度重复出现的问题" />;
  return (
    <Table<Recurring>
      size="small"
      rowKey="rule"
      pagination={false}
      dataSource={recurring}
      columns={[
        {
          title: '问题',
          dataIndex: 'rule',
          render: (rule: string, e) => (
            <Space orientation="vertical" size={0}>
              <span>
                <SeverityTag severity={e.severity} />
                {label(rule)}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {CATEGORY_LABEL[e.category]} ·{' '}
                <Link to={`/findings?rule=${encodeURIComponent(rule)}&q=${encodeURIComponent(agencyName)}`}>
                  各年度的同类问题
                </Link>
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: '出现年度',
          key: 'years',
          render: (_: unknown, e) => (
            <Space size={[4, 4]} wrap>
              {e.years.map((y) => (
                <Link key={y.year} to={`/reports/${y.reportId}`}>
                  <Tag>
                    {y.year}
                    {y.count > 1 ? ` ×${y.count}` : ''}
                  </Tag>
                </Link>
              ))}
            </Space>
          ),
        },
        {
          title: '年数',
          key: 'n',
          width: 70,
          align: 'right',
          render: (_: unknown, e) => `${e.years.length} 年`,
        },
      ]}
    />
  );
}

/** With one year there is no trend to draw: the total and each category against its weight. */
function SingleYear({ year }: { year: AgencyYear }) {
  return (
    <>
      <Space size={12} align="center" style={{ marginBottom: 12 }}>
        <span className="num" style={{ fontSize: 28, fontWeight: 600 }}>
          {fmt.score(year.score)}
        </span>
        <GradeTag grade={year.grade} />
        <Link to={`/reports/${year.reportId}`}>查看报告</Link>
      </Space>
      <div style={{ display: 'grid', gap: 12 }}>
        {CATEGORIES.map((c) => (
          <CategoryBar key={c} category={c} got={year.byCategory?.[c] ?? 0} weight={DEFAULT_WEIGHTS[c]} />
        ))}
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        目前只有这一个年度的报告；导入该机关其他年度的报告后，这里将显示历年得分趋势。
      </Typography.Paragraph>
    </>
  );
}

export default function AgencyPage() {
  const id = Number(useParams().id);
  const agency = useAgency(id);
  if (agency.isLoading) return <Loading rows={12} />;
  if (agency.isError) return <ErrorState error={agency.error} onRetry={() => agency.refetch()} />;
  const a = agency.data!;
  const years = [...a.reports].sort((x, y) => y.year - x.year);
  const aliases = a.aliases.filter((x) => x && x !== a.name);

  return (
    <>
      <PageTitle
        title={
          <>
            {a.name}
            <DemoTag demo={a.demo} />
          </>
        }
        sub={[a.region?.name, KIND_LABEL[a.kind], a.level ? LEVEL_LABEL[a.level] : null]
          .filter(Boolean)
          .join(' · ')}
      />
      {aliases.length ? (
        <Descriptions
          size="small"
          style={{ marginBottom: 8 }}
          items={[{ key: 'aliases', label: '曾用名 / 其他写法', children: aliases.join('、') }]}
        />
      ) : null}
      {!years.length ? (
        <Card>
          <Alert
            type="info"
            showIcon
            title="该机关还没有年度报告"
            description="导入该机关的报告后，这里将显示各年度的得分和问题。"
          />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            {years.length < 2 ? (
              <Card size="small" title={`${years[0]!.year}年度得分`} style={{ height: '100%' }}>
                <SingleYear year={years[0]!} />
              </Card>
            ) : (
              <Card size="small" title="历年得分（总分与各类得分）">
                <AgencyTrendChart years={years} />
              </Card>
            )}
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title="反复出现的问题" style={{ height: '100%' }}>
              <RecurringFindings years={years} agencyName={a.name} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={`历年报告（${years.length}）`}>
              <Table<AgencyYear>
                size="middle"
                rowKey="year"
                pagination={false}
                dataSource={years}
                scroll={{ x: 840 }}
                columns={[
                  {
                    title: '年度',
                    dataIndex: 'year',
                    width: 84,
                    render: (y: number, r) => <Link to={`/reports/${r.reportId}`}>{y}年度</Link>,
                  },
                  {
                    title: '模板',
                    dataIndex: 'template',
                    width: 84,
                    render: (t: AgencyYear['template']) => (
                      <Tooltip title={TEMPLATE_LABEL[t]}>{TEMPLATE_SHORT[t]}</Tooltip>
                    ),
                  },
                  { title: '发布日期', dataIndex: 'publishedOn', render: (d: string | null) => fmt.date(d) },
                  {
                    title: '得分',
                    dataIndex: 'score',
                    width: 72,
                    align: 'right',
                    render: (v: number | null) => <span className="num">{fmt.score(v)}</span>,
                  },
                  { title: '等次', dataIndex: 'grade', width: 72, render: (g) => <GradeTag grade={g} /> },
                  {
                    title: '较上年',
                    dataIndex: 'change',
                    width: 92,
                    align: 'right',
                    render: (v: number | null) => <Change value={v} />,
                  },
                  {
                    title: '名次',
                    dataIndex: 'rank',
                    width: 60,
                    align: 'right',
                    render: (v: number | null) => fmt.count(v),
                  },
                  {
                    title: '错误',
                    dataIndex: 'errors',
                    width: 60,
                    align: 'right',
                    render: (v: number) => fmt.count(v),
                  },
                  {
                    title: '警告',
                    dataIndex: 'warnings',
                    width: 60,
                    align: 'right',
                    render: (v: number) => fmt.count(v),
                  },
                  {
                    title: '版本',
                    dataIndex: 'versions',
                    width: 60,
                    align: 'right',
                    render: (v: number) => fmt.count(v),
                  },
                  {
                    title: '操作',
                    key: 'go',
                    width: 84,
                    render: (_: unknown, r) => <Link to={`/reports/${r.reportId}`}>查看报告</Link>,
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
