/**
 * 报送情况: each unit of the roster (应报送名单) and its status for a year as of a cut-off date — on
 * time, late, not published, not yet due, exempt — with the 未报送 list, its export, the roster import
 * and the 报送日期 a reviewer records.
 */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Segmented, Statistic, Table, Tag, Typography, Upload } from 'antd';
import type { TableProps } from 'antd';
import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { allows, useSession } from '../api/hooks';
import { rosterUrl, UNIT_STATUS, useFiling, useRoster, useRosterImport, type RosterImportResponse, type RosterResponse, type UnitStatus } from '../api/office';
import { GradeTag, KindText } from '../components/bits';
import { RegionSelect, YearSelect } from '../components/filters';
import { ErrorState, Loading, NoMatch } from '../components/PageState';
import { AddUnitButton, EditUnitButton, EditUnitDialog } from '../components/RosterUnitForm';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';

type Item = RosterResponse['items'][number];
const STATUSES: UnitStatus[] = ['missing', 'late', 'on-time', 'not-due', 'exempt'];

function RosterImport() {
  const upload = useRosterImport();
  const [result, setResult] = useState<RosterImportResponse | null>(null);
  const errors = result?.results.filter((r) => r.status === 'error') ?? [];
  return (
    <Card size="small" title="应报送名单" style={{ marginBottom: 16 }}>
      <Flex gap={16} align="center" wrap>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            setResult(null);
            upload.mutate(file, { onSuccess: setResult });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="roster-upload">
            选择名单文件（Excel 或 CSV）
          </Button>
        </Upload>
        <Typography.Text type="secondary">
          第一行为表头：机关名称、地区代码、类型、上级机关、自何年起应报、撤并年份、年报栏目网址。名称按已登记的机关名称和别名匹配。
        </Typography.Text>
      </Flex>
      <Flex gap={12} align="center" wrap style={{ marginTop: 12 }}>
        <AddUnitButton />
        <Typography.Text type="secondary">更名、撤并、免报请点击列表中单位所在行的“修改”。</Typography.Text>
      </Flex>
      {upload.isError ? <Alert style={{ marginTop: 12 }} type="error" showIcon title={upload.error.message} /> : null}
      {result ? (
        <Alert
          style={{ marginTop: 12 }}
          type={errors.length ? 'warning' : 'success'}
          showIcon
          data-testid="roster-result"
          title={`新增 ${result.summary.added} 个单位，更新 ${result.summary.updated} 个，未变化 ${result.summary.unchanged} 个${errors.length ? `，${errors.length} 行未导入` : ''}`}
          description={errors.length ? errors.map((e) => <div key={e.row}>{e.message}</div>) : undefined}
        />
      ) : null}
    </Card>
  );
}

function FiledOn({ item, canEdit }: { item: Item; canEdit: boolean }) {
  const filing = useFiling();
  if (!canEdit) return <>{item.filedOn ?? '—'}</>;
  return (
    <DatePicker
      size="small"
      placeholder="登记日期"
      aria-label={`${item.agency.name}的报送日期`}
      value={item.filedOn ? dayjs(item.filedOn) : null}
      onChange={(d) => filing.mutate({ agencyId: item.agency.id, year: item.year, filedOn: d ? d.format('YYYY-MM-DD') : null })}
      style={{ width: 130 }}
    />
  );
}

export default function RosterPage() {
  const session = useSession().data;
  const canEdit = allows(session, 'reviewer');
  const [year, setYear] = useState<number | undefined>();
  const [region, setRegion] = useState<string | undefined>();
  const [status, setStatus] = useState<UnitStatus | 'all'>('all');
  const [asOf, setAsOf] = useState<string | undefined>();
  const [editing, setEditing] = useState<Item | null>(null);
  const all = useRoster({ year, region, asOf });
  if (all.isError) return <ErrorState error={all.error} onRetry={() => all.refetch()} />;
  if (!all.data) return <Loading />;
  const data = all.data;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, data.items.filter((i) => i.status === s).length])) as Record<UnitStatus, number>;
  const items = status === 'all' ? data.items : data.items.filter((i) => i.status === status);
  const filter = { year: data.year, region, asOf: data.asOf };

  const columns: TableProps<Item>['columns'] = [
    { title: '机关名称', key: 'name', render: (_, r) => <Link to={`/agencies/${r.agency.id}`}>{r.agency.name}</Link> },
    { title: '所属地区', key: 'region', render: (_, r) => r.agency.region?.name ?? '—', responsive: ['lg'] },
    { title: '类型', key: 'kind', width: 90, render: (_, r) => <KindText kind={r.agency.kind} />, responsive: ['xl'] },
    {
      title: '发布状态',
      key: 'status',
      width: 150,
      render: (_, r) => (
        <Tag color={UNIT_STATUS[r.status].color}>
          {UNIT_STATUS[r.status].label}
          {r.status === 'late' ? `（${r.daysLate}天）` : ''}
        </Tag>
      ),
    },
    { title: '规定期限', dataIndex: 'deadline', width: 110 },
    { title: '发布日期', key: 'published', width: 110, render: (_, r) => r.publishedOn ?? (r.reportId ? '未注明' : '—') },
    { title: '报送日期', key: 'filed', width: 150, render: (_, r) => <FiledOn item={r} canEdit={canEdit} /> },
    {
      title: '得分',
      key: 'score',
      width: 120,
      render: (_, r) =>
        r.reportId ? (
          <Link to={`/reports/${r.reportId}`}>
            {fmt.score(r.score)} <GradeTag grade={r.grade} />
          </Link>
        ) : (
          '—'
        ),
    },
    ...(canEdit ? [{ title: '名单', key: 'edit', width: 90, render: (_: unknown, r: Item) => <EditUnitButton item={r} onEdit={setEditing} /> }] : []),
  ];

  return (
    <>
      <PageTitle
        title="报送情况"
        sub={`${data.year}年度报告的发布情况，统计截至 ${data.asOf}`}
        extra={
          <>
            <Button icon={<FileExcelOutlined />} href={rosterUrl({ ...filter, status: 'missing' })} data-testid="export-missing">
              导出未报送名单
            </Button>
            <Button icon={<FileExcelOutlined />} href={rosterUrl({ ...filter, status: status === 'all' ? undefined : status })}>
              导出当前列表
            </Button>
          </>
        }
      />
      {data.source === 'reports' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="no-roster"
          title="尚未导入应报送名单"
          description={`当前以历年发布过年度报告的 ${fmt.count(data.total)} 个单位作为名单；从未发布过报告的单位不会列出，首份报告晚于本年度的单位不计为未发布。${canEdit ? '请在下方导入应报送名单（Excel 或 CSV），或逐个新增单位。' : '请审核员或管理员导入应报送名单。'}`}
        />
      ) : null}
      {canEdit ? <RosterImport /> : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <YearSelect value={data.year} onChange={setYear} />
          <RegionSelect value={region} onChange={setRegion} />
          <DatePicker
            aria-label="统计截止日期"
            placeholder="统计截止日期"
            value={asOf ? dayjs(asOf) : null}
            onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
          />
        </Flex>
        <Flex gap={32} wrap style={{ marginTop: 12 }}>
          <Statistic title="应报送单位" value={data.total - counts.exempt} />
          <Statistic title="已按时发布" value={counts['on-time']} />
          <Statistic title="逾期发布" value={counts.late} />
          <Statistic title="未发布" value={counts.missing} styles={{ content: { color: counts.missing ? '#cf1322' : undefined } }} />
          <Statistic title="未到期" value={counts['not-due']} />
        </Flex>
      </Card>
      <Segmented<UnitStatus | 'all'>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={[{ value: 'all', label: `全部（${data.total}）` }, ...STATUSES.map((s) => ({ value: s, label: `${s === 'missing' ? '未报送' : UNIT_STATUS[s].label}（${counts[s]}）` }))]}
      />
      {editing ? <EditUnitDialog item={editing} onClose={() => setEditing(null)} /> : null}
      <Table<Item>
        rowKey={(r) => r.agency.id}
        size="middle"
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <NoMatch onReset={status !== 'all' ? () => setStatus('all') : undefined}>{data.total === 0
                ? canEdit
                  ? '名单中还没有单位：请在上方导入应报送名单或新增单位，也可以先在“导入报告”页面导入各单位的年度报告'
                  : '名单中还没有单位：请审核员或管理员导入应报送名单，或导入各单位的年度报告'
                : status === 'missing'
                  ? '截至统计日期，没有未发布年度报告的单位'
                  : '没有符合条件的单位'}</NoMatch> }}
      />
    </>
  );
}
