/**
 * 审计日志 (administrators): who imported, reviewed, rescored or changed what, and when, newest
 * first. The filters live in the URL like those of the ranking.
 */
import { useEffect, useState } from 'react';
import { Card, DatePicker, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuditLog } from '../api/hooks';
import type { AuditLogEntry, AuditLogQuery, Decision } from '../api/types';
import { ErrorState, NoMatch, RequireRole } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';
import { AUDIT_ACTION, INGEST_ERROR_LABEL, KIND_LABEL, ROLE_LABEL } from '../labels';
import { useRuleLabel } from '../components/ruleLabel';

const PAGE_SIZE = 50;

function readQuery(p: URLSearchParams): AuditLogQuery {
  const date = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(p.get(k) ?? '') ? p.get(k)! : undefined);
  return {
    action: p.get('action') || undefined,
    actor: p.get('actor') || undefined,
    from: date('from'),
    to: date('to'),
    page: Number(p.get('page')) || undefined,
  };
}

function ActionTag({ action }: { action: string }) {
  const a = AUDIT_ACTION[action];
  return <Tag color={a?.color}>{a?.label ?? '其他操作'}</Tag>;
}

interface ImportDetail {
  summary?: { ingested: number; newVersions: number; unchanged: number; failed: number } | null;
  files?: {
    file: string;
    status: string;
    agency: string | null;
    year: number | null;
    error: string | null;
  }[];
}

/** The entry's object as a person names it: the agency and year of a report, an agency, an account. */
function Target({ entry }: { entry: AuditLogEntry }) {
  const { target, targetLabel } = entry;
  if (!target) {
    const files = entry.action === 'report.import' ? (entry.detail as ImportDetail | null)?.files : undefined;
    return <>{files ? `${files.length} 个文件` : '—'}</>;
  }
  const [kind, id] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
  if (kind === 'report')
    return targetLabel ? <Link to={`/reports/${id}`}>{targetLabel}</Link> : <>已删除的报告</>;
  if (kind === 'agency')
    return targetLabel ? <Link to={`/agencies/${id}`}>{targetLabel}</Link> : <>已合并或删除的机关</>;
  if (kind === 'user')
    return (
      <>
        账号 <span data-latin-ok>{id}</span>
      </>
    );
  return <>—</>;
}

interface ReviewDetail {
  fingerprint?: string;
  decision?: Decision;
  reason?: string;
  params?: { fingerprint?: string };
  body?: { decision?: Decision; reason?: string };
}

/** 「排除了 南开区文化和旅游局 2019年度报告的问题“……”：理由」 for a review decision. */
function ReviewSentence({ entry }: { entry: AuditLogEntry }) {
  const label = useRuleLabel();
  const d = (entry.detail ?? {}) as ReviewDetail;
  const fingerprint = d.fingerprint ?? d.params?.fingerprint;
  const decision = d.decision ?? d.body?.decision;
  const reason = d.reason ?? d.body?.reason;
  const rule = fingerprint?.slice(0, fingerprint.indexOf(':') >= 0 ? fingerprint.indexOf(':') : undefined);
  const verb = decision === 'dismiss' ? '排除了' : decision === 'confirm' ? '确认了' : '撤销了对';
  return (
    <Typography.Paragraph style={{ marginBottom: 0 }}>
      {entry.actor} {verb} {entry.targetLabel ?? '一份报告'}的问题“{rule ? label(rule) : '（未知）'}”
      {entry.action === 'finding.review-revoked' ? '的审核决定' : ''}
      {reason ? `，理由：${reason}` : ''}
    </Typography.Paragraph>
  );
}

interface CorrectionDetail {
  label?: string;
  original?: string;
  value?: string;
  reason?: string;
}

/** 「li 将 江西省人民政府 2025年度报告 表四“行政复议” · 总计 的读数「10」更正为「11」：理由」 for a cell correction. */
function CorrectionSentence({ entry }: { entry: AuditLogEntry }) {
  const d = (entry.detail ?? {}) as CorrectionDetail;
  const where = `${entry.targetLabel ?? '一份报告'} ${d.label ?? '的一个单元格'}`;
  return (
    <Typography.Paragraph style={{ marginBottom: 0 }}>
      {entry.action === 'cell.correct-revoked'
        ? `${entry.actor} 撤销了对 ${where} 的更正（原为「${d.value ?? '—'}」，恢复读数「${d.original ?? '—'}」）`
        : `${entry.actor} 将 ${where} 的读数「${d.original ?? '—'}」更正为「${d.value ?? '—'}」${d.reason ? `，理由：${d.reason}` : ''}`}
    </Typography.Paragraph>
  );
}

function Detail({ entry }: { entry: AuditLogEntry }) {
  if (entry.action === 'report.import') {
    const d = (entry.detail ?? {}) as ImportDetail;
    return (
      <div data-latin-ok>
        {d.summary ? (
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            新导入 {d.summary.ingested} 份，新版本 {d.summary.newVersions} 份，未变化 {d.summary.unchanged}{' '}
            份，失败 {d.summary.failed} 份
          </Typography.Paragraph>
        ) : null}
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {(d.files ?? []).slice(0, 20).map((f, i) => (
            <li key={i}>
              {f.file} — {f.agency ?? '未识别机关'} {f.year ? `${f.year}年度` : ''}{' '}
              {f.error ? `（失败：${INGEST_ERROR_LABEL[f.error] ?? '无法读取'}）` : ''}
            </li>
          ))}
          {(d.files?.length ?? 0) > 20 ? <li>等 {d.files!.length} 个文件</li> : null}
        </ul>
      </div>
    );
  }
  if (entry.action.startsWith('finding.review')) return <ReviewSentence entry={entry} />;
  if (entry.action.startsWith('cell.correct')) return <CorrectionSentence entry={entry} />;
  if (entry.action === 'report.copied-from') {
    return (
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {entry.actor} 导入的报告与{entry.targetLabel ?? '本地区的一份报告'}正文高度雷同；该报告未重新评分，管理员重新评分后生效
      </Typography.Paragraph>
    );
  }
  // what the API recorded of the request, without its route and parameters (words for developers)
  const { route: _route, params: _params, ...rest } = (entry.detail ?? {}) as Record<string, unknown>;
  return <Fields value={Object.keys(rest).length ? rest : null} />;
}

/** Names of the fields an entry's detail may hold (what the API recorded of a request). */
const FIELD_LABEL: Record<string, string> = {
  id: '编号',
  username: '用户名',
  role: '角色',
  region: '地区',
  disabled: '停用',
  decision: '决定',
  reason: '理由',
  fingerprint: '问题标识',
  alias: '别名',
  from: '并入的机关',
  body: '内容',
  name: '机关名称',
  regionCode: '地区代码',
  kindLabel: '类型',
  kind: '机关类型',
  parentName: '上级机关',
  fromYear: '自何年起应报',
  withdrawnFrom: '撤并年份',
  exemptFrom: '免报年份',
  url: '年报栏目网址',
  year: '年度',
  filedOn: '报送日期',
  monthDay: '期限（次年月日）',
  officeName: '本机关名称',
  rectifyDays: '默认整改天数',
  file: '文件',
  summary: '结果',
  added: '新增',
  updated: '更新',
  unchanged: '未变化',
  error: '未导入',
  status: '结果',
  agency: '机关',
  items: '问题数',
  dueOn: '整改期限',
};
const VALUE_LABEL: Record<string, string> = {
  ...ROLE_LABEL,
  ...KIND_LABEL,
  confirm: '确认',
  dismiss: '排除',
  added: '新增',
  updated: '已更新',
  unchanged: '未变化',
};

/** A detail object as label: value lines, nested objects indented; values kept as recorded. */
function Fields({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>—</>;
  if (typeof value !== 'object' || Array.isArray(value)) {
    const text =
      typeof value === 'boolean'
        ? value
          ? '是'
          : '否'
        : typeof value === 'string'
          ? (VALUE_LABEL[value] ?? value)
          : JSON.stringify(value);
    return <span data-latin-ok>{text}</span>;
  }
  return (
    <dl className="audit-detail">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <div key={k}>
          <dt>{FIELD_LABEL[k] ?? <span data-latin-ok>{k}</span>}</dt>
          <dd>
            <Fields value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function AuditLog() {
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const log = useAuditLog({
    ...query,
    pageSize: PAGE_SIZE,
    to: query.to ? dayjs(query.to).add(1, 'day').format('YYYY-MM-DD') : undefined,
  });
  const [actor, setActor] = useState(query.actor ?? '');
  useEffect(() => setActor(query.actor ?? ''), [query.actor]);
  const set = (patch: Partial<Record<keyof AuditLogQuery, string | number | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ page: undefined, ...patch })) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next);
  };
  const filtered = !!(query.action || query.actor || query.from || query.to);

  return (
    <>
      <PageTitle title="审计日志" sub="导入、审核、重新评分、机关合并、账号变更与登录记录，按时间倒序" />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <Select
            aria-label="操作"
            placeholder="全部操作"
            allowClear
            style={{ width: 180 }}
            value={query.action}
            onChange={(action?: string) => set({ action })}
            options={Object.entries(AUDIT_ACTION).map(([value, a]) => ({ value, label: a.label }))}
          />
          <Input.Search
            aria-label="操作人"
            placeholder="操作人"
            allowClear
            style={{ width: 200 }}
            value={actor}
            onChange={(e) => setActor(e.target.value)}
            onSearch={(v) => set({ actor: v.trim() })}
          />
          <DatePicker.RangePicker
            aria-label="日期"
            value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
            onChange={(range) =>
              set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
            allowEmpty={[true, true]}
          />
        </Flex>
      </Card>
      <Card size="small">
        {log.isError ? (
          <ErrorState error={log.error} onRetry={() => log.refetch()} />
        ) : (
          <Table<AuditLogEntry>
            rowKey="id"
            size="middle"
            loading={log.isFetching}
            dataSource={log.data?.items ?? []}
            scroll={{ x: 860 }}
            expandable={{
              expandedRowRender: (e) => <Detail entry={e} />,
              rowExpandable: (e) => e.detail !== null && e.detail !== undefined,
            }}
            locale={{
              emptyText: log.isLoading ? (
                ' '
              ) : (
                <NoMatch onReset={filtered ? () => setParams({}) : undefined}>
                  {filtered ? '没有符合条件的记录' : '还没有任何记录'}
                </NoMatch>
              ),
            }}
            pagination={{
              current: query.page ?? 1,
              pageSize: PAGE_SIZE,
              total: log.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (t) => `共 ${fmt.count(t)} 条`,
              onChange: (page) => set({ page: page === 1 ? undefined : page }),
            }}
            columns={[
              {
                title: '时间',
                dataIndex: 'at',
                width: 150,
                render: (at: string) => <span className="num">{fmt.dateTime(at)}</span>,
              },
              { title: '操作人', dataIndex: 'actor', width: 160, ellipsis: true },
              {
                title: '操作',
                dataIndex: 'action',
                width: 130,
                render: (a: string) => <ActionTag action={a} />,
              },
              { title: '对象', key: 'target', render: (_: unknown, e) => <Target entry={e} /> },
              {
                title: '地区',
                dataIndex: 'regionName',
                width: 140,
                ellipsis: true,
                render: (n: string | null) => n ?? '—',
              },
              {
                title: '来源地址',
                dataIndex: 'ip',
                width: 140,
                render: (ip: string | null) => <span data-latin-ok>{ip ?? '—'}</span>,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}

export default function AuditLogPage() {
  return (
    <RequireRole role="admin" what="查看审计日志">
      <AuditLog />
    </RequireRole>
  );
}
