/**
 * A copied-text finding (the narrative copied from another agency's report of the year, or from the
 * agency's own report of the year before): a link to that report, and both narratives side by side
 * with the passages they share marked. A report of an agency outside the user's region is withheld:
 * the API answers it as not found, and so does this view.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Col, Modal, Row, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useReport, useReportSource } from '../api/hooks';
import type { ReportDetail, ReviewedFinding } from '../api/types';
import { sharedPassages, type Run } from '../sharedPassages';
import { Loading } from './PageState';

const ACROSS = 'originality.copied-across-agencies';
const LAST_YEAR = 'originality.copied-from-last-year';

/** The other report a copied-text finding is about, or null for any other finding. */
export function peerReportId(f: ReviewedFinding, report: ReportDetail): number | null {
  if (f.rule === LAST_YEAR) return report.previousReportId;
  if (f.rule !== ACROSS) return null;
  // its fingerprint is `rule:the other report's id` (the id of the version compared)
  const id = Number(f.fingerprint?.slice(ACROSS.length + 1));
  return Number.isInteger(id) && id > 0 ? id : null;
}

const withheld = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 403);
const WITHHELD = '对方报告属于您权限范围以外的地区，不予显示';

/** The narrative sections the copy rules compare (总体情况, 存在的主要问题, 其他事项), or the whole text. */
function narrative(text: string, report: ReportDetail): string {
  const parts = ['s1', 's5', 's6'].flatMap((id) => {
    const s = report.sections[id];
    return s?.present && s.span ? [text.slice(s.span[0], s.span[1]).trim()] : [];
  });
  return parts.length ? parts.join('\n\n') : text;
}

function Marked({ text, runs, testId }: { text: string; runs: Run[]; testId: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [s, e] of runs) {
    if (s > at) parts.push(text.slice(at, s));
    parts.push(
      <mark key={s} className="shared-passage">
        {text.slice(s, e)}
      </mark>,
    );
    at = e;
  }
  parts.push(text.slice(at));
  return (
    <div data-testid={testId} style={{ height: '62vh', overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 6 }}>
      <pre className="source-text">{parts}</pre>
    </div>
  );
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

function title(r: ReportDetail | undefined, fallback: string) {
  return r ? `${r.registeredAgency.name} ${r.year ? `${r.year}年度` : ''}报告` : fallback;
}

function CompareBody({ report, peerId }: { report: ReportDetail; peerId: number }) {
  const own = useReportSource(report.id);
  const peer = useReport(peerId);
  const peerSource = useReportSource(peer.data ? peerId : 0);
  const texts = useMemo(
    () =>
      own.data && peer.data && peerSource.data
        ? { a: narrative(own.data.text, report), b: narrative(peerSource.data.text, peer.data) }
        : null,
    [own.data, peer.data, peerSource.data, report],
  );
  const shared = useMemo(() => (texts ? sharedPassages(texts.a, texts.b) : null), [texts]);
  if (peer.isError || peerSource.isError) {
    const e = peer.error ?? peerSource.error;
    return <Alert type={withheld(e) ? 'info' : 'error'} showIcon title={withheld(e) ? WITHHELD : '对方报告加载失败，请稍后重试'} />;
  }
  if (own.isError) return <Alert type="error" showIcon title="本报告原文加载失败，请稍后重试" />;
  if (!texts || !shared) return <Loading rows={10} />;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        比较两份报告的正文（总体情况、存在的主要问题及改进情况、其他需要报告的事项）；数字统一看待，改了年份或数字的照抄同样标出。
        黄色为两份报告共有的段落，约占本报告正文的 <span data-testid="shared-own">{percent(shared.shareA)}</span>、对方报告正文的{' '}
        {percent(shared.shareB)}。
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Title level={5}>{title(report, '本报告')}（本报告）</Typography.Title>
          <Marked text={texts.a} runs={shared.a} testId="compare-own" />
        </Col>
        <Col span={12}>
          <Typography.Title level={5}>
            <Link to={`/reports/${peerId}`}>{title(peer.data, '对方报告')}</Link>
          </Typography.Title>
          <Marked text={texts.b} runs={shared.b} testId="compare-peer" />
        </Col>
      </Row>
    </>
  );
}

/** Under a copied-text finding: open the other report, or both side by side. */
export function CopiedActions({ report, finding }: { report: ReportDetail; finding: ReviewedFinding }) {
  const peerId = peerReportId(finding, report);
  const peer = useReport(peerId ?? 0);
  const [open, setOpen] = useState(false);
  if (!peerId) return null;
  if (peer.isError)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {withheld(peer.error) ? '对方报告属于其他地区，不予显示' : '对方报告暂时无法打开'}
      </Typography.Text>
    );
  return (
    <Space size={12} onClick={(e) => e.stopPropagation()}>
      <Typography.Link onClick={() => setOpen(true)} data-testid="compare-open">
        并排对照正文
      </Typography.Link>
      <Link to={`/reports/${peerId}`}>打开对方报告</Link>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        title="正文对照：共有的段落"
        width="min(1400px, 96vw)"
        footer={
          <Space>
            <Link to={`/reports/${peerId}`}>
              <Button>打开对方报告</Button>
            </Link>
            <Button type="primary" onClick={() => setOpen(false)}>
              关闭
            </Button>
          </Space>
        }
        destroyOnHidden
      >
        {open ? <CompareBody report={report} peerId={peerId} /> : null}
      </Modal>
    </Space>
  );
}
