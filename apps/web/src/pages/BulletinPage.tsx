/**
 * 年度通报: the draft of a year's 通报 for a region as of a cut-off date — overall figures, the
 * excellent, the failing, the unpublished and the late, the main problems — to download as Word or
 * Excel; and the rankings of the child regions (设区市 under a province, 县区 under a city).
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Flex, List, Row, Statistic, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { bulletinUrl, useBulletin, useRegionRankings, type BulletinResponse, type RegionRankingsResponse } from '../api/office';
import { RegionSelect, YearSelect } from '../components/filters';
import { EmptyDatabase, ErrorState, Loading } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';
import { GRADES } from '../labels';

/** 「3 / 10 / 5 / 1」: how many of each grade, best first. */
const gradeCounts = (grades: Record<(typeof GRADES)[number], number>) => GRADES.map((g) => grades[g]).join(' / ');

type Unit = BulletinResponse['excellent'][number];
type RegionRow = RegionRankingsResponse['items'][number];
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

function UnitList({ title, units, empty, extra }: { title: string; units: Unit[]; empty: string; extra?: (u: Unit) => string }) {
  return (
    <Card size="small" title={`${title}（${units.length}）`} style={{ height: '100%' }}>
      <List<Unit>
        size="small"
        dataSource={units}
        locale={{ emptyText: empty }}
        renderItem={(u) => (
          <List.Item>
            {u.reportId ? <Link to={`/reports/${u.reportId}`}>{u.agency.name}</Link> : <Link to={`/agencies/${u.agency.id}`}>{u.agency.name}</Link>}
            <span>{extra ? extra(u) : null}</span>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function RegionRankings({ year, region, asOf }: { year?: number; region?: string; asOf?: string }) {
  const rr = useRegionRankings({ year, region, asOf });
  if (rr.isError) return <ErrorState error={rr.error} onRetry={() => rr.refetch()} />;
  if (!rr.data) return <Loading rows={3} />;
  const columns: TableProps<RegionRow>['columns'] = [
    { title: '名次', key: 'rank', width: 60, render: (_, r) => r.rank ?? '—' },
    { title: '地区', key: 'region', render: (_, r) => (r.region ? `${r.region.name}${r.region.own ? '（本级）' : ''}` : '未识别地区') },
    { title: '应报送单位', dataIndex: 'units', width: 100 },
    { title: '已发布', dataIndex: 'reports', width: 80 },
    { title: '按时发布率', key: 'rate', width: 100, render: (_, r) => fmt.percent(r.onTimeRate) },
    { title: '平均分', key: 'avg', width: 80, render: (_, r) => fmt.score(r.averageScore) },
    { title: GRADES.join(' / '), key: 'grades', width: 190, render: (_, r) => gradeCounts(r.grades), responsive: ['lg'] },
    { title: '未发布', dataIndex: 'missing', width: 80 },
  ];
  return (
    <Card size="small" title={`${rr.data.year}年度下级地区排名${rr.data.region ? `（${rr.data.region.name}）` : '（各省）'}`} style={{ marginTop: 16 }} data-testid="region-rankings">
      <Table<RegionRow> rowKey={(r) => r.region?.code ?? 'none'} size="small" columns={columns} dataSource={rr.data.items} pagination={false} locale={{ emptyText: '该地区还没有应报送的单位：请在“报送情况”页面导入应报送名单，或在“导入报告”页面导入年度报告' }} />
    </Card>
  );
}

export default function BulletinPage() {
  const [year, setYear] = useState<number | undefined>();
  const [region, setRegion] = useState<string | undefined>();
  const [asOf, setAsOf] = useState<string | undefined>();
  const b = useBulletin({ year, region, asOf });
  if (b.isError) return <ErrorState error={b.error} onRetry={() => b.refetch()} />;
  if (!b.data) return <Loading />;
  const d = b.data;
  if (!d.figures.units && !d.figures.published) return <EmptyDatabase what="年度通报" />;
  const q = { year: d.year, region, asOf: d.asOf };
  const f = d.figures;
  return (
    <>
      <PageTitle
        title="年度通报"
        sub={`${d.regionName ?? '全部地区'}${d.year}年度政府信息公开工作年度报告检查情况，统计截至 ${d.asOf}`}
        extra={
          <>
            <Button type="primary" icon={<FileWordOutlined />} href={bulletinUrl(q, 'docx')} data-testid="bulletin-docx">
              下载通报（docx）
            </Button>
            <Button icon={<FileExcelOutlined />} href={bulletinUrl(q, 'xlsx')}>
              下载名单（Excel）
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <YearSelect value={d.year} onChange={setYear} />
          <RegionSelect value={region} onChange={setRegion} />
          <DatePicker aria-label="统计截止日期" placeholder="统计截止日期" value={asOf ? dayjs(asOf) : null} onChange={(x) => setAsOf(x ? x.format('YYYY-MM-DD') : undefined)} />
        </Flex>
      </Card>
      {d.source === 'reports' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="尚未导入应报送名单：以历年发布过年度报告的单位作为名单统计。导入名单请到“报送情况”页面。" />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={32} wrap>
          <Statistic title="应报送单位" value={f.units} />
          <Statistic title="按时发布" value={f.onTime} />
          <Statistic title="逾期发布" value={f.late} />
          <Statistic title="未发布" value={f.missing} />
          <Statistic title="平均得分" value={fmt.score(f.averageScore)} />
          <Statistic title={GRADES.join(' / ')} value={gradeCounts(f.grades)} />
        </Flex>
        {f.previous ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} data-testid="bulletin-previous">
            与{f.previous.year}年度相比：按时发布率由 {fmt.percent(f.previous.onTimeRate)} 变为 {fmt.percent(f.onTimeRate)}
            {f.previous.averageScore !== null && f.averageScore !== null ? `，平均得分由 ${fmt.score(f.previous.averageScore)} 分变为 ${fmt.score(f.averageScore)} 分` : ''}
            {f.previous.cases
              ? `；${f.previous.year}年度下发整改通知 ${f.previous.cases} 份，${f.previous.itemsFixed}/${f.previous.items} 项已整改${f.previous.casesOverdue ? `，${f.previous.casesOverdue} 个单位逾期未改` : ''}`
              : ''}
            。
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12} data-testid="bulletin-excellent">
          <UnitList title="优秀" units={d.excellent} empty="没有评为优秀的报告" extra={(u) => `${fmt.score(u.score)} 分`} />
        </Col>
        <Col xs={24} lg={12} data-testid="bulletin-failing">
          <UnitList title="不合格" units={d.failing} empty="没有不合格的报告" extra={(u) => `${fmt.score(u.score)} 分`} />
        </Col>
        <Col xs={24} lg={12} data-testid="bulletin-missing">
          <UnitList title="未发布" units={d.missing} empty="截至统计日期，所有单位均已发布" extra={(u) => `期限 ${u.deadline}`} />
        </Col>
        <Col xs={24} lg={12} data-testid="bulletin-late">
          <UnitList title="逾期发布" units={d.late} empty="没有逾期发布的单位" extra={(u) => `逾期 ${u.daysLate ?? 0} 天`} />
        </Col>
      </Row>
      <Card size="small" title="主要问题" style={{ marginTop: 16 }}>
        {d.problems.length ? (
          <Typography.Paragraph style={{ margin: 0 }}>
            {d.problems.slice(0, ORDINALS.length).map((p, i) => (
              <div key={p.rule}>
                {ORDINALS[i]}是{p.description}，涉及 {p.units} 个单位{i < Math.min(d.problems.length, ORDINALS.length) - 1 ? '；' : '。'}
              </div>
            ))}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">未发现共性问题</Typography.Text>
        )}
      </Card>
      <RegionRankings year={d.year} region={region} asOf={d.asOf} />
    </>
  );
}

