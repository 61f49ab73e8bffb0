/**
 * 读取待核对: reports whose tables could not be read for sure (a PDF whose labels wrap, whose cells
 * are merged or whose text layer lost characters). The system asks a person rather than guessing: it
 * raises no blank, gap or identity problem on those rows, and lists the reports here, each with the
 * rows to compare against the original. A reviewer marks them checked, with a note of what was found.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Input, Segmented, Typography } from 'antd';
import { CheckOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { allows, useFindings, useHealth, useSession } from '../api/hooks';
import type { FindingsQuery } from '../api/types';
import { BulkReasonDialog } from '../components/BulkReasonDialog';
import { FindingsTable, findingRowKey } from '../components/FindingsTable';
import { RegionSelect, YearSelect } from '../components/filters';
import { ReviewNote } from '../components/FindingReview';
import { EmptyDatabase } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { useUrlFilters } from '../useUrlFilters';
import { fmt } from '../format';

/** The finding a table read with low confidence gets (extract.uncertain): the only one listed here. */
const UNCERTAIN_READING = 'extract.uncertain';

type State = 'pending' | 'all';
const STATES: { value: State; label: string }[] = [
  { value: 'pending', label: '待核对' },
  { value: 'all', label: '全部' },
];
const STATE_VALUES = STATES.map((s) => s.value);

export default function ReadingChecksPage() {
  const [selected, setSelected] = useState<string[]>([]);
  const filters = useUrlFilters({ onChange: () => setSelected([]) });
  const { set } = filters;
  const health = useHealth();
  const session = useSession();
  const canReview = allows(session.data, 'reviewer');
  const state = filters.oneOf('state', STATE_VALUES) ?? 'pending';
  const query: Partial<FindingsQuery> = {
    rule: UNCERTAIN_READING,
    review: state,
    year: filters.number('year'),
    region: filters.text('region'),
    q: filters.text('q'),
    page: filters.page,
    pageSize: filters.pageSize,
  };
  const findings = useFindings(query);
  const [open, setOpen] = useState(false);
  const items = useMemo(() => findings.data?.items ?? [], [findings.data]);
  const chosen = items.filter((f) => selected.includes(findingRowKey(f)) && f.fingerprint && !f.review);

  if (health.data?.reports === 0)
    return (
      <>
        <PageTitle title="读取待核对" />
        <Card>
          <EmptyDatabase what="需要人工核对读取结果的报告" />
        </Card>
      </>
    );

  return (
    <>
      <PageTitle
        title="读取待核对"
        sub={
          findings.data
            ? `共 ${fmt.count(findings.data.total)} 份报告${state === 'pending' ? '尚未核对' : ''}`
            : undefined
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="这些报告的统计表有部分行的数字未能确定归属"
        description="多见于 PDF 文件：行标题折行、合并单元格竖排或文字层缺字时，系统不作猜测，也不据这些行提出空白、缺行或勾稽关系问题。请打开报告，对照原文核对所列的行；核对后标记为已核对，并写明核对结果。"
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Segmented<State>
            aria-label="核对状态"
            value={state}
            options={STATES}
            onChange={(v) => set({ state: v === 'pending' ? undefined : v })}
          />
          <YearSelect value={query.year} allowClear onChange={(year) => set({ year })} />
          <RegionSelect value={query.region} onChange={(region) => set({ region })} />
          <Input.Search
            aria-label="机关名称"
            placeholder="机关名称"
            allowClear
            style={{ width: 200 }}
            {...filters.search}
          />
        </Flex>
      </Card>
      <Card size="small">
        {canReview ? (
          <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
            <Typography.Text type="secondary">已选 {chosen.length} 份</Typography.Text>
            <Button
              icon={<CheckOutlined />}
              disabled={!chosen.length}
              onClick={() => setOpen(true)}
              data-testid="reading-checked"
            >
              标记为已核对
            </Button>
          </Flex>
        ) : null}
        <FindingsTable
          findings={findings}
          filters={filters}
          review={canReview ? { selected, setSelected, closed: (f) => !!f.review } : null}
          done={
            state === 'pending' && !query.year && !query.region && !query.q
              ? '没有待核对的报告：所有统计表都已确定读取，或已由人工核对。'
              : null
          }
          unit="份"
          columns={[
            {
              title: '需核对的行',
              key: 'message',
              render: (_: unknown, f) => (
                <>
                  <span>{f.message}</span>
                  {f.review ? <ReviewNote review={f.review} /> : null}
                </>
              ),
            },
            {
              title: '状态',
              key: 'state',
              width: 88,
              render: (_: unknown, f) =>
                f.review ? '已核对' : <Typography.Text type="secondary">待核对</Typography.Text>,
            },
            {
              title: '操作',
              key: 'open',
              width: 112,
              render: (_: unknown, f) => (
                <Link to={`/reports/${f.reportId}`}>
                  <FileSearchOutlined /> 对照原文
                </Link>
              ),
            },
          ]}
        />
      </Card>
      {/* a checked reading is closed as the queue closes a finding: it costs nothing either way */}
      <BulkReasonDialog
        decision={open ? 'dismiss' : null}
        items={chosen}
        title={`将所选的 ${chosen.length} 份报告标记为已核对`}
        okText="标记为已核对"
        okTestId="reading-submit"
        field={{ id: 'reading-note', label: '核对结果' }}
        placeholder="例如：已对照原文，所列各行数字读取无误"
        onClose={(done) => {
          setOpen(false);
          if (done) setSelected([]);
        }}
      />
    </>
  );
}
