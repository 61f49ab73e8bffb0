/**
 * 整改台账: the rectification cases opened by 整改通知书, each item 待整改, 已整改 (its finding gone from
 * a corrected version of the report) or 逾期未改, with the ledger's Excel export.
 */
import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { ITEM_STATUS, rectificationsUrl, useRectifications, type ItemStatus, type RectificationsResponse } from '../api/office';
import { RegionSelect, YearSelect } from '../components/filters';
import { ErrorState, Loading } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';

type Case = RectificationsResponse['items'][number];
type Item = Case['items'][number];
const STATUSES: ItemStatus[] = ['pending', 'overdue', 'fixed'];

function Items({ c }: { c: Case }) {
  const columns: TableProps<Item>['columns'] = [
    { title: '序号', dataIndex: 'ordinal', width: 60 },
    { title: '问题', dataIndex: 'message' },
    { title: '位置', dataIndex: 'location', width: 240, responsive: ['lg'] },
    { title: '扣分', key: 'points', width: 70, render: (_, i) => fmt.score(i.points) },
    {
      title: '整改情况',
      key: 'status',
      width: 150,
      render: (_, i) => (
        <Tag color={ITEM_STATUS[i.status as ItemStatus].color}>
          {ITEM_STATUS[i.status as ItemStatus].label}
          {i.fixedOn ? `（${i.fixedOn}）` : ''}
        </Tag>
      ),
    },
  ];
  return <Table<Item> rowKey="ordinal" size="small" columns={columns} dataSource={c.items} pagination={false} />;
}

export default function RectificationsPage() {
  // the year may come from a link (the overview's 报送与整改 table)
  const [params] = useSearchParams();
  const [year, setYear] = useState<number | undefined>(Number(params.get('year')) || undefined);
  const [region, setRegion] = useState<string | undefined>();
  const [status, setStatus] = useState<ItemStatus | 'all'>('all');
  const [asOf, setAsOf] = useState<string | undefined>();
  const q = { year, region, asOf, status: status === 'all' ? undefined : status };
  const cases = useRectifications(q);
  if (cases.isError) return <ErrorState error={cases.error} onRetry={() => cases.refetch()} />;
  if (!cases.data) return <Loading />;
  const columns: TableProps<Case>['columns'] = [
    { title: '单位', key: 'agency', render: (_, c) => <Link to={`/agencies/${c.agency.id}`}>{c.agency.name}</Link> },
    { title: '年度', dataIndex: 'year', width: 80 },
    { title: '通知日期', dataIndex: 'issuedOn', width: 110, responsive: ['lg'] },
    { title: '整改期限', dataIndex: 'dueOn', width: 110 },
    {
      title: '整改进度',
      key: 'progress',
      width: 120,
      render: (_, c) => `${c.items.filter((i) => i.status === 'fixed').length} / ${c.items.length} 项已改`,
    },
    { title: '状态', key: 'status', width: 100, render: (_, c) => <Tag color={ITEM_STATUS[c.status as ItemStatus].color}>{ITEM_STATUS[c.status as ItemStatus].label}</Tag> },
    { title: '报告', key: 'report', width: 110, render: (_, c) => <Link to={`/reports/${c.currentReportId ?? c.reportId}`}>查看当前报告</Link> },
  ];
  return (
    <>
      <PageTitle
        title="整改台账"
        sub="生成整改通知书即建立台账；导入更正后的报告时，已不存在的问题自动记为已整改"
        extra={
          <Button icon={<FileExcelOutlined />} href={rectificationsUrl(q)} disabled={!cases.data.total} data-testid="export-ledger">
            导出整改台账
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <YearSelect value={year} onChange={setYear} allowClear />
          <RegionSelect value={region} onChange={setRegion} />
          <DatePicker aria-label="统计截止日期" placeholder="统计截止日期" value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)} />
          <Segmented<ItemStatus | 'all'>
            value={status}
            onChange={setStatus}
            options={[{ value: 'all', label: '全部' }, ...STATUSES.map((s) => ({ value: s, label: ITEM_STATUS[s].label }))]}
          />
        </Flex>
      </Card>
      <Table<Case>
        rowKey="id"
        columns={columns}
        dataSource={cases.data.items}
        expandable={{ expandedRowRender: (c) => <Items c={c} />, defaultExpandAllRows: cases.data.total <= 3 }}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        locale={{
          emptyText: (
            <Typography.Text type="secondary">
              {status === 'all' ? '还没有整改台账。在报告页面点击“整改通知书”生成通知书后，该单位的整改事项会列在这里。' : '没有该状态的整改事项'}
            </Typography.Text>
          ),
        }}
      />
    </>
  );
}
