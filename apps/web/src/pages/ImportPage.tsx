/**
 * 导入: drop report files or zip archives, upload them with progress, and see what became of each
 * file (ingested, unchanged, a new version, or failed and why).
 */
import { useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { InboxOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { ApiError, uploadReports } from '../api/client';
import { useInvalidateAll } from '../api/hooks';
import type { IngestFields, IngestResult, IngestSummary } from '../api/types';
import { GradeTag } from '../components/bits';
import { RequireRole } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';
import { INGEST_STATUS } from '../labels';

const ACCEPT = '.txt,.md,.html,.htm,.docx,.doc,.pdf,.zip';
/** Files per request: small enough for steady progress and for one failure not to hold up the rest. */
const BATCH_FILES = 20;
const BATCH_BYTES = 20 * 1024 * 1024;

function batches(files: File[]): File[][] {
  const out: File[][] = [];
  let cur: File[] = [];
  let size = 0;
  for (const f of files) {
    if (cur.length && (cur.length >= BATCH_FILES || size + f.size > BATCH_BYTES)) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(f);
    size += f.size;
  }
  if (cur.length) out.push(cur);
  return out;
}

interface FormValues {
  agency?: string;
  year?: number;
  published?: Dayjs;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; sent: number; total: number; batch: number; batches: number; processing: boolean }
  | { kind: 'done' };

const emptySummary = (): IngestSummary => ({ ingested: 0, unchanged: 0, newVersions: 0, failed: 0 });

function Import() {
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm<FormValues>();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [results, setResults] = useState<IngestResult[]>([]);
  const [summary, setSummary] = useState<IngestSummary>(emptySummary);
  const [batchError, setBatchError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const invalidate = useInvalidateAll();
  const busy = phase.kind === 'uploading';

  async function start() {
    const values = await form.validateFields();
    const fields: IngestFields = {
      agency: values.agency?.trim() || undefined,
      year: values.year ?? undefined,
      published: values.published ? values.published.format('YYYY-MM-DD') : undefined,
    };
    const list = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
    const groups = batches(list);
    const total = list.reduce((s, f) => s + f.size, 0);
    const controller = new AbortController();
    abort.current = controller;
    setResults([]);
    setSummary(emptySummary());
    setBatchError(null);
    let sentBefore = 0;
    const acc = emptySummary();
    try {
      for (let b = 0; b < groups.length; b++) {
        const group = groups[b]!;
        const groupSize = group.reduce((s, f) => s + f.size, 0);
        setPhase({
          kind: 'uploading',
          sent: sentBefore,
          total,
          batch: b + 1,
          batches: groups.length,
          processing: false,
        });
        try {
          const res = await uploadReports(
            group,
            fields,
            (loaded) =>
              setPhase({
                kind: 'uploading',
                sent: sentBefore + Math.min(loaded, groupSize),
                total,
                batch: b + 1,
                batches: groups.length,
                processing: loaded >= groupSize,
              }),
            controller.signal,
          );
          setResults((prev) => [...prev, ...res.results]);
          acc.ingested += res.summary.ingested;
          acc.unchanged += res.summary.unchanged;
          acc.newVersions += res.summary.newVersions;
          acc.failed += res.summary.failed;
          setSummary({ ...acc });
        } catch (e) {
          if ((e as Error).name === 'AbortError') throw e;
          // the whole request failed (too large, server down): mark its files and go on with the next batch
          const msg = e instanceof ApiError ? e.message : String(e);
          setBatchError(msg);
          acc.failed += group.length;
          setSummary({ ...acc });
          setResults((prev) => [
            ...prev,
            ...group.map((f) => ({
              file: f.name,
              status: 'failed' as const,
              reportId: null,
              agency: null,
              year: null,
              version: null,
              score: null,
              grade: null,
              error: { code: e instanceof ApiError ? e.code : 'upload-failed', message: msg },
            })),
          ]);
        }
        sentBefore += groupSize;
      }
      message.success(
        `导入完成：新增 ${acc.ingested} 份，新版本 ${acc.newVersions} 份，未变化 ${acc.unchanged} 份，失败 ${acc.failed} 份`,
      );
      setFiles([]);
    } catch {
      message.warning('已取消导入，已上传的文件保留在库中');
    } finally {
      abort.current = null;
      setPhase({ kind: 'done' });
      invalidate();
    }
  }

  const percent =
    phase.kind === 'uploading' && phase.total ? Math.floor((phase.sent / phase.total) * 100) : 0;
  const many = files.length > 1;

  return (
    <>
      <PageTitle
        title="导入报告"
        sub="支持 txt、md、html、docx、doc、pdf 文件，以及包含多份报告的 zip 压缩包；同一机关同一年度的报告再次导入时保存为新版本"
      />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title="选择文件">
            <Upload.Dragger
              multiple
              accept={ACCEPT}
              fileList={files}
              disabled={busy}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList)}
              data-testid="dropzone"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">将年度报告文件或 zip 压缩包拖到此处，或点击选择</p>
              <p className="ant-upload-hint">可一次选择多个文件；文件会先列在下方，点击「开始导入」后上传</p>
            </Upload.Dragger>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title="可选：统一指定（覆盖从报告中识别的内容）">
            <Form form={form} layout="vertical" disabled={busy} requiredMark={false}>
              <Form.Item
                name="agency"
                label="机关名称"
                extra={many ? '将应用于本次选择的所有文件' : '报告中未写明机关名称时使用'}
              >
                <Input placeholder="例如：南开区文化和旅游局" allowClear />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="year" label="报告年度">
                    <InputNumber min={2000} max={2100} placeholder="如 2024" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="published" label="发布日期">
                    <DatePicker style={{ width: '100%' }} placeholder="网站发布日期" />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
            {many && form.getFieldValue('agency') ? (
              <Alert
                type="warning"
                showIcon
                title="多个文件将使用同一个机关名称，请确认"
                style={{ marginBottom: 12 }}
              />
            ) : null}
            <Space>
              <Button
                type="primary"
                icon={<UploadOutlined />}
                disabled={!files.length || busy}
                loading={busy}
                onClick={start}
                data-testid="start-import"
              >
                开始导入{files.length ? `（${files.length} 个文件）` : ''}
              </Button>
              {busy ? (
                <Button icon={<StopOutlined />} onClick={() => abort.current?.abort()}>
                  取消
                </Button>
              ) : null}
            </Space>
          </Card>
        </Col>
      </Row>

      {phase.kind === 'uploading' ? (
        <Card size="small" style={{ marginTop: 16 }}>
          <Typography.Text>
            {phase.processing ? '正在解析和审查…' : '正在上传…'} 第 {phase.batch}/{phase.batches} 批 ·{' '}
            {fmt.bytes(phase.sent)} / {fmt.bytes(phase.total)}
          </Typography.Text>
          <Progress percent={percent} status="active" />
        </Card>
      ) : null}

      {results.length || phase.kind === 'done' ? (
        <Card size="small" title="导入结果" style={{ marginTop: 16 }} data-testid="import-results">
          {batchError ? (
            <Alert
              type="error"
              showIcon
              title="部分文件上传失败"
              description={batchError}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col span={6}>
              <Statistic title="新导入" value={summary.ingested} styles={{ content: { color: '#389e0d' } }} />
            </Col>
            <Col span={6}>
              <Statistic
                title="新版本"
                value={summary.newVersions}
                styles={{ content: { color: '#1677ff' } }}
              />
            </Col>
            <Col span={6}>
              <Statistic title="未变化" value={summary.unchanged} />
            </Col>
            <Col span={6}>
              <Statistic
                title="失败"
                value={summary.failed}
                styles={{ content: { color: summary.failed ? '#cf1322' : undefined } }}
              />
            </Col>
          </Row>
          <Table<IngestResult>
            size="small"
            rowKey={(r, i) => `${r.file}:${i}`}
            dataSource={results}
            pagination={results.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: 900 }}
            columns={[
              { title: '文件', dataIndex: 'file', ellipsis: true },
              {
                title: '结果',
                dataIndex: 'status',
                width: 130,
                render: (s: IngestResult['status']) => (
                  <Tag color={INGEST_STATUS[s].color}>{INGEST_STATUS[s].label}</Tag>
                ),
              },
              {
                title: '机关',
                key: 'agency',
                render: (_: unknown, r) =>
                  r.agency ? <Link to={`/agencies/${r.agency.id}`}>{r.agency.name}</Link> : '—',
              },
              { title: '年度', dataIndex: 'year', width: 80, render: (y: number | null) => fmt.year(y) },
              {
                title: '版本',
                dataIndex: 'version',
                width: 70,
                render: (v: number | null) => (v ? `第 ${v} 版` : '—'),
              },
              {
                title: '得分',
                dataIndex: 'score',
                width: 80,
                align: 'right',
                render: (v: number | null) => <span className="num">{fmt.score(v)}</span>,
              },
              {
                title: '等次',
                dataIndex: 'grade',
                width: 80,
                render: (g) => (g ? <GradeTag grade={g} /> : '—'),
              },
              {
                title: '说明',
                key: 'detail',
                render: (_: unknown, r) =>
                  r.error ? (
                    <Typography.Text type="danger">{r.error.message}</Typography.Text>
                  ) : r.reportId ? (
                    <Link to={`/reports/${r.reportId}`}>查看审查结果</Link>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}

export default function ImportPage() {
  return (
    <RequireRole role="reviewer" what="导入报告">
      <Import />
    </RequireRole>
  );
}
