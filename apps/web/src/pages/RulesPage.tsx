/** 规则: what the audit checks (generated from each rule's own metadata) and the active rubric's weights. */
import { useMemo, useState } from 'react';
import { Card, Col, Input, Progress, Row, Segmented, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useHealth, useRubric, useRules } from '../api/hooks';
import type { Category, RuleInfo, Severity } from '../api/types';
import { SeverityTag } from '../components/bits';
import { ErrorState, Loading } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';
import {
  CATEGORIES,
  CATEGORY_COLOR,
  CATEGORY_LABEL,
  DEFAULT_WEIGHTS,
  GRADE_COLOR,
  KIND_LABEL,
  SEVERITY_LABEL,
} from '../labels';

/** The rule's deduction in words: 每条扣 3 分，最多 9 分 / 按应填格比例，全部计 30 分. */
function deduction(r: RuleInfo): string {
  if (r.enabled === false) return '已停用';
  const d = r.deduction;
  if (!d) return '—';
  if (d.bySeverity && d.mode !== 'proportional') {
    const parts = Object.entries(d.bySeverity).map(
      ([s, p]) => `${SEVERITY_LABEL[s as Severity]}${p ? `每条扣 ${fmt.points(p)}` : '不扣分'}`,
    );
    return `${parts.join('、')}${d.cap !== null ? `，最多 ${fmt.points(d.cap)}` : ''}`;
  }
  if (!d.points) return '不扣分';
  if (d.mode === 'proportional') return `按所占应填格比例，全部应填格计 ${fmt.points(d.points)}`;
  return `每条扣 ${fmt.points(d.points)}${d.cap !== null ? `，最多 ${fmt.points(d.cap)}` : ''}`;
}

export default function RulesPage() {
  const rules = useRules();
  const rubric = useRubric();
  const health = useHealth();
  const [category, setCategory] = useState<Category | 'all'>('all');
  const [q, setQ] = useState('');
  const weights = rubric.data?.weights ?? DEFAULT_WEIGHTS;
  const shown = useMemo(
    () =>
      (rules.data ?? []).filter(
        (r) =>
          (category === 'all' || r.category === category) &&
          (!q || `${r.id}${r.description ?? ''}${r.docs ?? ''}`.includes(q)),
      ),
    [rules.data, category, q],
  );

  return (
    <>
      <PageTitle
        title="审查规则与评分细则"
        sub={`当前评分细则：${rubric.data?.version ?? health.data?.rubricVersion ?? '默认'}${rubric.data?.description ? ` — ${rubric.data.description}` : ''}`}
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {CATEGORIES.map((c) => (
          <Col key={c} xs={12} lg={6}>
            <Card size="small">
              <Typography.Text type="secondary">{CATEGORY_LABEL[c]}</Typography.Text>
              <div className="num" style={{ fontSize: 24, fontWeight: 600, color: CATEGORY_COLOR[c] }}>
                {fmt.count(weights[c])} <span style={{ fontSize: 14, fontWeight: 400 }}>分</span>
              </div>
              <Progress percent={weights[c]} showInfo={false} strokeColor={CATEGORY_COLOR[c]} size="small" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fmt.count((rules.data ?? []).filter((r) => r.category === c).length)} 条规则
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Text>
          满分 100 分。等次：
          {(
            rubric.data?.grades ?? [
              { grade: '优秀', min: 90 },
              { grade: '良好', min: 80 },
              { grade: '合格', min: 60 },
              { grade: '不合格', min: 0 },
            ]
          ).map((g) => (
            <Tag key={g.grade} color={GRADE_COLOR[g.grade]} style={{ marginLeft: 6 }}>
              {g.grade}{' '}
              {g.min > 0
                ? `≥ ${g.min}`
                : `< ${rubric.data?.grades?.find((x) => x.grade === '合格')?.min ?? 60}`}
            </Tag>
          ))}
          {rubric.data?.deadlines
            ? `；发布期限：${Object.entries(rubric.data.deadlines)
                .map(
                  ([k, d]) =>
                    `${KIND_LABEL[k as keyof typeof KIND_LABEL] ?? k}次年${Number(d!.slice(0, 2))}月${Number(d!.slice(3))}日前`,
                )
                .join('，')}`
            : ''}
          。每类扣分不超过该类分值；每一分扣减都能在报告详情中追溯到具体问题。
        </Typography.Text>
        {rubric.isError ? (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
            （服务端未提供当前评分细则，以上为默认权重。）
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card
        size="small"
        title={`规则（${fmt.count(rules.data?.length)}）`}
        extra={
          <Input.Search
            placeholder="搜索规则编号或说明"
            allowClear
            style={{ width: 240 }}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
          />
        }
      >
        <Segmented
          style={{ marginBottom: 12 }}
          value={category}
          onChange={(v) => setCategory(v as Category | 'all')}
          options={[
            { value: 'all', label: '全部' },
            ...CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABEL[c] })),
          ]}
        />
        {rules.isLoading ? (
          <Loading />
        ) : rules.isError ? (
          <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
        ) : (
          <Table<RuleInfo>
            rowKey="id"
            size="middle"
            dataSource={shown}
            pagination={false}
            scroll={{ x: 760 }}
            expandable={{
              rowExpandable: (r) => !!r.docs,
              expandedRowRender: (r) => (
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {r.docs}
                </Typography.Paragraph>
              ),
            }}
            columns={[
              {
                title: '规则',
                dataIndex: 'description',
                render: (d: string | undefined, r) => (
                  <>
                    <div title={`规则标识 ${r.id}`}>{d ?? '—'}</div>
                    <Link to={`/findings?rule=${encodeURIComponent(r.id)}`} className="finding-rule">
                      查看有此问题的报告
                    </Link>
                  </>
                ),
              },
              {
                title: '类别',
                dataIndex: 'category',
                width: 104,
                render: (c: Category) => <Tag color={CATEGORY_COLOR[c]}>{CATEGORY_LABEL[c]}</Tag>,
              },
              {
                title: '严重程度',
                dataIndex: 'severity',
                width: 92,
                render: (s: RuleInfo['severity'], r) => (
                  <span
                    title={
                      r.defaultSeverity && r.defaultSeverity !== s
                        ? `默认为「${SEVERITY_LABEL[r.defaultSeverity]}」，评分细则已调整`
                        : undefined
                    }
                  >
                    <SeverityTag severity={s} />
                  </span>
                ),
              },
              { title: '扣分', key: 'points', width: 240, render: (_: unknown, r) => deduction(r) },
            ]}
          />
        )}
      </Card>
    </>
  );
}
