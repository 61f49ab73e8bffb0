/**
 * 排名: the year's agencies by score, with filters, sorting and paging held in the URL (a link
 * reproduces the view), and an export of exactly the filtered, sorted list.
 */
import { useEffect, useState } from 'react';
import { Button, Card, Flex, Input, Table, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { rankingsExportUrl } from '../api/client';
import { useShowDemo } from '../showDemo';
import { useHealth, useRankings } from '../api/hooks';
import type { AgencyKind, Grade, RankingItem, RankingSort, RankingsFilter } from '../api/types';
import { Change, DemoTag, GradeTag, KindText } from '../components/bits';
import { GradeSelect, KindSelect, RegionSelect, YearSelect } from '../components/filters';
import { EmptyDatabase, ErrorState, NoMatch } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';
import { GRADES } from '../labels';

const SORTS: RankingSort[] = [
  'rank',
  '-rank',
  'score',
  '-score',
  'change',
  '-change',
  'name',
  '-name',
  'errors',
  '-errors',
];
const PAGE_SIZES = [20, 50, 100];

/** The filter as the URL holds it; anything malformed is dropped rather than sent to the API. */
function readFilter(p: URLSearchParams): RankingsFilter {
  const int = (k: string) => (/^\d+$/.test(p.get(k) ?? '') ? Number(p.get(k)) : undefined);
  const sort = p.get('sort') as RankingSort | null;
  const kind = p.get('kind');
  const grade = p.get('grade') as Grade | null;
  return {
    year: int('year'),
    region: p.get('region') || undefined,
    kind: kind === 'government' || kind === 'department' ? kind : undefined,
    grade: grade && GRADES.includes(grade) ? grade : undefined,
    q: p.get('q') || undefined,
    sort: sort && SORTS.includes(sort) ? sort : undefined,
    page: int('page'),
    pageSize: int('pageSize'),
  };
}

function writeFilter(f: RankingsFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '' && v !== null) p.set(k, String(v));
  return p;
}

/** antd sorter ⇄ the API's sort (`score` ascending, `-score` descending). */
const SORT_COLUMN: Record<string, string> = {
  rank: 'rank',
  score: 'score',
  change: 'change',
  name: 'name',
  errors: 'errors',
};
function orderOf(sort: RankingSort | undefined, column: string): 'ascend' | 'descend' | null {
  const s = sort ?? 'rank';
  if (s === column) return 'ascend';
  if (s === `-${column}`) return 'descend';
  return null;
}

export default function RankingsPage() {
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const health = useHealth();
  const rankings = useRankings(filter);
  const showDemo = useShowDemo();
  const [q, setQ] = useState(filter.q ?? '');
  useEffect(() => setQ(filter.q ?? ''), [filter.q]);

  const update = (patch: Partial<RankingsFilter>, keepPage = false) =>
    setParams(writeFilter({ ...filter, ...patch, ...(keepPage ? {} : { page: undefined }) }));

  const data = rankings.data;
  const year = filter.year ?? data?.year ?? undefined;
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 50;
  const filtered = !!(filter.region || filter.kind || filter.grade || filter.q);

  const columns: TableProps<RankingItem>['columns'] = [
    {
      title: '排名',
      dataIndex: 'rank',
      key: 'rank',
      width: 64,
      align: 'right',
      sorter: true,
      sortOrder: orderOf(filter.sort, 'rank'),
      render: (v: number) => <span className="num">{v}</span>,
    },
    {
      title: '机关',
      dataIndex: ['agency', 'name'],
      key: 'name',
      sorter: true,
      sortOrder: orderOf(filter.sort, 'name'),
      render: (name: string, r) => (
        <>
          <Link to={`/agencies/${r.agency.id}`}>{name}</Link>
          <DemoTag demo={r.demo} />
        </>
      ),
    },
    {
      title: '地区',
      dataIndex: ['agency', 'region', 'name'],
      key: 'region',
      width: 120,
      ellipsis: true,
      render: (v?: string) => v ?? '—',
    },
    {
      title: '类型',
      dataIndex: ['agency', 'kind'],
      key: 'kind',
      width: 72,
      render: (k: AgencyKind) => <KindText kind={k} />,
    },
    {
      title: '得分',
      dataIndex: 'score',
      key: 'score',
      width: 76,
      align: 'right',
      sorter: true,
      sortOrder: orderOf(filter.sort, 'score'),
      render: (v: number | null, r) => (
        <Tooltip title="查看报告审查详情">
          <Link to={`/reports/${r.reportId}`} className="num" data-testid="score-link">
            {fmt.score(v)}
          </Link>
        </Tooltip>
      ),
    },
    {
      title: '等次',
      dataIndex: 'grade',
      key: 'grade',
      width: 68,
      render: (g: Grade | null) => <GradeTag grade={g} />,
    },
    {
      title: '较上年',
      dataIndex: 'change',
      key: 'change',
      width: 96,
      align: 'right',
      sorter: true,
      sortOrder: orderOf(filter.sort, 'change'),
      render: (v: number | null) => <Change value={v} />,
    },
    {
      title: '错误',
      dataIndex: 'errors',
      key: 'errors',
      width: 64,
      align: 'right',
      sorter: true,
      sortOrder: orderOf(filter.sort, 'errors'),
      render: (v: number) => (
        <span className="num" style={{ color: v ? '#cf1322' : undefined }}>
          {fmt.count(v)}
        </span>
      ),
    },
    {
      title: '警告',
      dataIndex: 'warnings',
      key: 'warnings',
      width: 56,
      align: 'right',
      render: (v: number) => <span className="num">{fmt.count(v)}</span>,
    },
    {
      title: '操作',
      key: 'action',
      width: 80,
      render: (_: unknown, r) => <Link to={`/reports/${r.reportId}`}>查看报告</Link>,
    },
  ];

  const onTableChange: TableProps<RankingItem>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const col = s?.order ? SORT_COLUMN[String(s.columnKey)] : undefined;
      const sort = col ? ((s!.order === 'descend' ? `-${col}` : col) as RankingSort) : undefined;
      update({ sort: sort === 'rank' ? undefined : sort });
    } else if (extra.action === 'paginate') {
      update(
        {
          page: pagination.current === 1 ? undefined : pagination.current,
          pageSize: pagination.pageSize === 50 ? undefined : pagination.pageSize,
        },
        true,
      );
    }
  };

  if (health.data && health.data.reports === 0) {
    return (
      <>
        <PageTitle title="排名" />
        <Card>
          <EmptyDatabase what="各机关的得分排名" />
        </Card>
      </>
    );
  }

  const exportFilter: RankingsFilter = { ...filter, year, ...(showDemo ? { demo: true } : {}) };
  return (
    <>
      <PageTitle
        title={`${year ? `${year}年度` : ''}年报质量排名`}
        sub={
          data
            ? `共 ${fmt.count(data.total)} 个机关${filtered ? '（已筛选）' : ''}，按得分从高到低排名，并列者名次相同`
            : '按得分从高到低排名'
        }
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              href={rankingsExportUrl(exportFilter, 'csv')}
              download
              disabled={!data?.total}
              data-testid="export-csv"
            >
              导出 CSV
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              href={rankingsExportUrl(exportFilter, 'xlsx')}
              download
              disabled={!data?.total}
              data-testid="export-xlsx"
            >
              导出 Excel
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <YearSelect value={year} onChange={(y) => update({ year: y })} />
          <RegionSelect value={filter.region} onChange={(region) => update({ region })} />
          <KindSelect value={filter.kind} onChange={(kind) => update({ kind })} />
          <GradeSelect value={filter.grade} onChange={(grade) => update({ grade })} />
          <Input.Search
            aria-label="机关名称"
            placeholder="机关名称（含曾用名）"
            allowClear
            style={{ width: 240 }}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
          />
          {filtered ? (
            <Button type="link" onClick={() => setParams(writeFilter({ year: filter.year }))}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Card size="small">
        {rankings.isError ? (
          <ErrorState error={rankings.error} onRetry={() => rankings.refetch()} />
        ) : (
          <Table<RankingItem>
            rowKey="reportId"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={rankings.isFetching}
            onChange={onTableChange}
            scroll={{ x: 880 }}
            locale={{
              emptyText: rankings.isLoading ? (
                ' '
              ) : (
                <NoMatch onReset={filtered ? () => setParams(writeFilter({ year: filter.year })) : undefined}>
                  {filtered ? '没有符合筛选条件的机关' : `${year ? `${year}年度` : '该年度'}还没有报告`}
                </NoMatch>
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total, [from, to]) => `第 ${from}–${to} 条，共 ${fmt.count(total)} 条`,
            }}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          导出的文件包含当前筛选条件和排序下的全部机关（不限于本页）。
        </Typography.Paragraph>
      </Card>
    </>
  );
}
