/**
 * 问题清单: findings across reports. From a problem type anywhere in the dashboard it lists the
 * agencies and reports that have it; from the menu it is the 待复核 queue — error findings nobody
 * has confirmed or dismissed yet — worked through with bulk confirm / dismiss and a required reason.
 */
import { useMemo, useState } from 'react';
import { Button, Card, Flex, Input, Segmented, Select, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { allows, useFindings, useHealth, useRules, useSession } from '../api/hooks';
import type { Decision, FindingsQuery, Severity } from '../api/types';
import { GradeTag, SeverityTag } from '../components/bits';
import { BulkReasonDialog } from '../components/BulkReasonDialog';
import { FindingsTable, findingRowKey } from '../components/FindingsTable';
import { RegionSelect, YearSelect } from '../components/filters';
import { DECISION_LABEL, ReviewNote } from '../components/FindingReview';
import { EmptyDatabase } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';
import { useUrlFilters } from '../useUrlFilters';
import { CATEGORY_LABEL, SEVERITIES, SEVERITY_LABEL } from '../labels';

type ReviewState = NonNullable<FindingsQuery['review']>;
const REVIEW_OPTIONS: { value: ReviewState; label: string }[] = [
  { value: 'pending', label: '待复核' },
  { value: 'confirm', label: '已确认' },
  { value: 'dismiss', label: '已排除' },
  { value: 'all', label: '全部' },
];
const REVIEW_STATES = REVIEW_OPTIONS.map((o) => o.value);

export default function FindingsPage() {
  const [selected, setSelected] = useState<string[]>([]);
  const filters = useUrlFilters({ onChange: () => setSelected([]) });
  const { set } = filters;
  const health = useHealth();
  const session = useSession();
  const rules = useRules();
  const canReview = allows(session.data, 'reviewer');
  const rule = filters.text('rule');
  // the queue (no problem type chosen): unreviewed errors; a problem type: every finding of it
  const review = filters.oneOf('review', REVIEW_STATES) ?? (rule ? 'all' : 'pending');
  const severity =
    filters.text('severity') === 'any'
      ? undefined
      : (filters.oneOf('severity', SEVERITIES) ?? (rule ? undefined : 'error'));
  const query: Partial<FindingsQuery> = {
    rule,
    review,
    severity,
    year: filters.number('year'),
    region: filters.text('region'),
    q: filters.text('q'),
    page: filters.page,
    pageSize: filters.pageSize,
  };
  const findings = useFindings(query);
  const [pending, setPending] = useState<Decision | null>(null);

  const items = useMemo(() => findings.data?.items ?? [], [findings.data]);
  const chosen = items.filter((f) => selected.includes(findingRowKey(f)) && f.fingerprint);
  const ruleLabel = (id: string) => rules.data?.find((r) => r.id === id)?.description ?? '（未知问题类型）';

  if (health.data?.reports === 0)
    return (
      <>
        <PageTitle title="问题清单" />
        <Card>
          <EmptyDatabase what="审查发现的问题" />
        </Card>
      </>
    );

  const title = rule ? `问题清单：${ruleLabel(rule)}` : review === 'pending' ? '待复核的问题' : '问题清单';
  return (
    <>
      <PageTitle
        title={title}
        sub={
          findings.data
            ? `共 ${fmt.count(findings.data.total)} 个问题${rule ? '' : review === 'pending' ? '，尚未确认或排除' : ''}`
            : undefined
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Segmented<ReviewState>
            aria-label="审核状态"
            value={review}
            options={REVIEW_OPTIONS}
            onChange={(v) => set({ review: v })}
          />
          <Select<string>
            aria-label="问题类型"
            style={{ width: 300 }}
            value={rule}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部问题类型"
            loading={rules.isLoading}
            onChange={(v) => set({ rule: v })}
            options={(rules.data ?? []).map((r) => ({ value: r.id, label: r.description ?? r.id }))}
          />
          <Select<Severity | 'any'>
            aria-label="严重程度"
            style={{ width: 120 }}
            value={severity ?? 'any'}
            onChange={(v) => set({ severity: v })}
            options={[
              { value: 'any', label: '全部程度' },
              ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] })),
            ]}
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
            <Typography.Text type="secondary">已选 {chosen.length} 个问题</Typography.Text>
            <Button
              icon={<CheckOutlined />}
              disabled={!chosen.length}
              onClick={() => setPending('confirm')}
              data-testid="bulk-confirm"
            >
              确认所选
            </Button>
            <Button
              icon={<CloseOutlined />}
              danger
              disabled={!chosen.length}
              onClick={() => setPending('dismiss')}
              data-testid="bulk-dismiss"
            >
              排除所选（不扣分）
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              确认照常扣分，排除后不再扣分，均需填写理由。
            </Typography.Text>
          </Flex>
        ) : null}
        <FindingsTable
          findings={findings}
          filters={filters}
          review={canReview ? { selected, setSelected } : null}
          done={review === 'pending' && !rule ? '没有待复核的错误：所有错误都已确认或排除。' : null}
          unit="个"
          columns={[
            {
              title: '得分',
              key: 'score',
              width: 100,
              render: (_: unknown, f) => (
                <Space size={4}>
                  <span className="num">{fmt.score(f.score)}</span>
                  <GradeTag grade={f.grade} />
                </Space>
              ),
            },
            {
              title: '问题',
              key: 'message',
              render: (_: unknown, f) => (
                <>
                  <SeverityTag severity={f.severity} />
                  <span>{f.message}</span>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {CATEGORY_LABEL[f.category]} · {ruleLabel(f.rule)}
                    </Typography.Text>
                  </div>
                  {f.review ? <ReviewNote review={f.review} /> : null}
                </>
              ),
            },
            {
              title: '审核',
              key: 'review',
              width: 96,
              render: (_: unknown, f) =>
                f.review ? (
                  DECISION_LABEL[f.review.decision].label
                ) : (
                  <Typography.Text type="secondary">待复核</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <BulkReasonDialog
        decision={pending}
        items={chosen}
        title={
          pending === 'dismiss'
            ? `排除所选的 ${chosen.length} 个问题（不再扣分）`
            : `确认所选的 ${chosen.length} 个问题`
        }
        okText={pending === 'dismiss' ? '排除' : '确认'}
        danger={pending === 'dismiss'}
        okTestId="bulk-submit"
        field={{ id: 'bulk-reason', label: '审核理由' }}
        placeholder="例如：已逐份核对原文，均属实，已通知各机关整改"
        hint="同一理由记入每个问题的审核意见；每份报告随即重新计分。"
        onClose={(done) => {
          setPending(null);
          if (done) setSelected([]);
        }}
      />
    </>
  );
}
