/** 机关: the agencies in the store, searchable, each leading to its years. */
import { Card, Flex, Input, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useAgencies, useHealth } from '../api/hooks';
import type { AgencyKind, AgencyListItem } from '../api/types';
import { DemoTag, GradeTag, KindText } from '../components/bits';
import { KindSelect, RegionSelect } from '../components/filters';
import { EmptyDatabase, ErrorState, NoMatch } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';
import { AGENCY_KINDS } from '../labels';
import { useUrlFilters } from '../useUrlFilters';

export default function AgenciesPage() {
  const filters = useUrlFilters();
  const { set } = filters;
  const health = useHealth();
  const query = {
    q: filters.text('q'),
    region: filters.text('region'),
    kind: filters.oneOf('kind', AGENCY_KINDS),
    page: filters.page,
    pageSize: filters.pageSize,
  };
  const agencies = useAgencies(query);
  const filtered = !!(query.q || query.region || query.kind);

  if (health.data?.reports === 0)
    return (
      <>
        <PageTitle title="机关" />
        <Card>
          <EmptyDatabase what="报送过年度报告的机关" />
        </Card>
      </>
    );

  return (
    <>
      <PageTitle
        title="机关"
        sub={
          agencies.data
            ? `共 ${fmt.count(agencies.data.total)} 个机关${filtered ? '（已筛选）' : ''}`
            : undefined
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <RegionSelect value={query.region} onChange={(region) => set({ region })} />
          <KindSelect value={query.kind} onChange={(kind) => set({ kind })} />
          <Input.Search
            aria-label="机关名称"
            placeholder="机关名称（含曾用名）"
            allowClear
            style={{ width: 260 }}
            {...filters.search}
          />
        </Flex>
      </Card>
      <Card size="small">
        {agencies.isError ? (
          <ErrorState error={agencies.error} onRetry={() => agencies.refetch()} />
        ) : (
          <Table<AgencyListItem>
            rowKey="id"
            loading={agencies.isFetching}
            dataSource={agencies.data?.items ?? []}
            locale={{
              emptyText: agencies.isLoading ? (
                ' '
              ) : (
                <NoMatch onReset={filtered ? filters.reset : undefined} />
              ),
            }}
            pagination={{
              ...filters.pagination,
              total: agencies.data?.total ?? 0,
              showTotal: (t) => `共 ${fmt.count(t)} 个`,
            }}
            columns={[
              {
                title: '机关',
                dataIndex: 'name',
                render: (n: string, a) => (
                  <>
                    <Link to={`/agencies/${a.id}`}>{n}</Link>
                    <DemoTag demo={a.demo} />
                  </>
                ),
              },
              {
                title: '曾用名',
                dataIndex: 'aliases',
                ellipsis: true,
                render: (al: string[], a) => al.filter((x) => x && x !== a.name).join('、') || '—',
              },
              { title: '地区', dataIndex: ['region', 'name'], width: 180, render: (v?: string) => v ?? '—' },
              {
                title: '类型',
                dataIndex: 'kind',
                width: 100,
                render: (k: AgencyKind) => <KindText kind={k} />,
              },
              {
                title: '报告数',
                dataIndex: 'reports',
                width: 90,
                align: 'right',
                render: (n: number) => fmt.count(n),
              },
              {
                title: '最近年度',
                key: 'year',
                width: 100,
                render: (_: unknown, a) => fmt.year(a.latest?.year),
              },
              {
                title: '最近得分',
                key: 'score',
                width: 100,
                align: 'right',
                render: (_: unknown, a) =>
                  a.latest ? (
                    <Link to={`/reports/${a.latest.reportId}`} className="num">
                      {fmt.score(a.latest.score)}
                    </Link>
                  ) : (
                    '—'
                  ),
              },
              {
                title: '等次',
                key: 'grade',
                width: 90,
                render: (_: unknown, a) => <GradeTag grade={a.latest?.grade} />,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
