/**
 * 导入: drop report files or zip archives; they go to the server as an import job (the job's id in
 * the URL), uploaded in batches and analysed there, and the page follows each file's state and the
 * whole job's progress to the end — after a reload too.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { InboxOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, api, uploadImportFiles } from '../api/client';
import { useInvalidateAll } from '../api/hooks';
import type { ImportFileState, ImportJob, IngestFields, IngestResult } from '../api/types';
import { GradeTag } from '../components/bits';
import { ErrorState, RequireRole } from '../components/PageState';
import { PageTitle } from '../components/PageTitle';
import { fmt } from '../format';
import { INGEST_STATUS } from '../labels';

const ACCEPT = '.txt,.md,.html,.htm,.docx,.doc,.pdf,.zip';
/** Files per request: small enough for steady progress and for one failure not to hold up the rest. */
const BATCH_FILES = 20;
const BATCH_BYTES = 20 * 1024 * 1024;

function batches<T extends { file: File }>(files: T[]): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let size = 0;
  for (const f of files) {
    if (cur.length && (cur.length >= BATCH_FILES || size + f.file.size > BATCH_BYTES)) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(f);
    size += f.file.size;
  }
  if (cur.length) out.push(cur);
  return out;
}

interface FormValues {
  agency?: string;
  year?: number;
  published?: Dayjs;
}

const FILE_STATE: Record<Exclude<ImportFileState, 'done'>, { label: string; color: string }> = {
  waiting: { label: '待上传', color: 'default' },
  queued: { label: '排队中', color: 'default' },
  processing: { label: '解析审查中', color: 'processing' },
};

/** One row of the results: a result of a file (a zip archive has one per file inside), or a file still under way. */
interface Row {
  key: string;
  file: string;
  state: ImportFileState;
  result: IngestResult | null;
}

function rowsOf(job: ImportJob): Row[] {
  return job.files.flatMap((f): Row[] =>
    f.results.length
      ? f.results.map((r, i) => ({ key: `${f.index}:${i}`, file: r.file, state: f.state, result: r }))
      : [{ key: `${f.index}`, file: f.name, state: f.state, result: null }],
  );
}

/** 「reports.zip › 2019/南开区.txt」: the file's own name first, the archive it came from after it. */
function FileName({ file }: { file: string }) {
  const zip = file.match(/^(.*?\.zip)\/(.+)$/i);
  const inner = zip ? zip[2]! : file;
  const base = inner.split('/').pop()!;
  const folder = inner.slice(0, inner.length - base.length).replace(/\/$/, '');
  return (
    <div className="import-file" data-latin-ok>
      <div>{base}</div>
      {zip || folder ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {zip ? `压缩包 ${zip[1]}` : ''}
          {zip && folder ? ' · ' : ''}
          {folder}
        </Typography.Text>
      ) : null}
    </div>
  );
}

type Show = 'all' | 'failed' | 'pending';

function JobResults({ job }: { job: ImportJob }) {
  const [show, setShow] = useState<Show>('all');
  const rows = rowsOf(job);
  const failedN = rows.filter((r) => r.result?.status === 'failed').length;
  const pendingN = rows.filter((r) => r.state !== 'done').length;
  const shown =
    show === 'failed'
      ? rows.filter((r) => r.result?.status === 'failed')
      : show === 'pending'
        ? rows.filter((r) => r.state !== 'done')
        : rows;
  const { summary } = job;
  return (
    <Card size="small" title="导入结果" style={{ marginTop: 16 }} data-testid="import-results">
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={6}>
          <Statistic title="新导入" value={summary.ingested} styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col span={6}>
          <Statistic title="新版本" value={summary.newVersions} styles={{ content: { color: '#1677ff' } }} />
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
      <Segmented<Show>
        aria-label="显示"
        style={{ marginBottom: 12 }}
        value={show}
        onChange={setShow}
        options={[
          { value: 'all', label: `全部（${rows.length}）` },
          { value: 'failed', label: `失败（${failedN}）` },
          { value: 'pending', label: `未完成（${pendingN}）` },
        ]}
      />
      <Table<Row>
        size="small"
        rowKey="key"
        dataSource={shown}
        tableLayout="fixed"
        locale={{ emptyText: show === 'failed' ? '没有失败的文件' : '所有文件都已处理完' }}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 项` } : false}
        columns={[
          { title: '文件', key: 'file', render: (_: unknown, r) => <FileName file={r.file} /> },
          {
            title: '状态',
            key: 'state',
            width: 118,
            render: (_: unknown, r) =>
              r.result ? (
                <Tag color={INGEST_STATUS[r.result.status].color}>{INGEST_STATUS[r.result.status].label}</Tag>
              ) : (
                <Tag color={FILE_STATE[r.state as keyof typeof FILE_STATE]?.color}>
                  {FILE_STATE[r.state as keyof typeof FILE_STATE]?.label ?? '已完成'}
                </Tag>
              ),
          },
          {
            title: '报告',
            key: 'report',
            width: '28%',
            render: (_: unknown, r) => {
              const res = r.result;
              if (!res?.agency) return '—';
              return (
                <>
                  <Link to={`/agencies/${res.agency.id}`}>{res.agency.name}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmt.year(res.year)}
                      {res.version && res.version > 1 ? ` · 第 ${res.version} 版` : ''}
                    </Typography.Text>
                  </div>
                </>
              );
            },
          },
          {
            title: '得分',
            key: 'score',
            width: 120,
            render: (_: unknown, r) =>
              r.result?.grade ? (
                <Space size={4}>
                  <span className="num">{fmt.score(r.result.score)}</span>
                  <GradeTag grade={r.result.grade} />
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '说明',
            key: 'detail',
            width: '26%',
            render: (_: unknown, r) =>
              r.result?.error ? (
                <Typography.Text type="danger" className="import-error">
                  {r.result.error.message}
                </Typography.Text>
              ) : r.result?.reportId ? (
                <Link to={`/reports/${r.result.reportId}`}>查看审查结果</Link>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}

/** The job's progress: files uploaded and files done, and this page's own upload in bytes. */
function JobProgress({
  job,
  upload,
  onCancel,
}: {
  job: ImportJob;
  upload: { sent: number; total: number } | null;
  onCancel: (() => void) | null;
}) {
  const percent = job.total ? Math.floor((job.done / job.total) * 100) : 0;
  const finished = job.state === 'done';
  const orphaned = job.state === 'uploading' && !upload;
  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid="import-progress">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong data-testid="import-progress-text">
          {finished
            ? `导入完成：共 ${fmt.count(job.total)} 个文件`
            : `正在导入：已处理 ${fmt.count(job.done)} / ${fmt.count(job.total)} 个文件`}
        </Typography.Text>
        <Typography.Text type="secondary">
          已上传 {fmt.count(job.received)} / {fmt.count(job.total)} 个文件
          {upload ? ` · ${fmt.bytes(upload.sent)} / ${fmt.bytes(upload.total)}` : ''}
          {' · '}开始于 {new Date(job.createdAt).toLocaleTimeString('zh-CN')}
        </Typography.Text>
      </Flex>
      <Progress percent={percent} status={finished ? (job.summary.failed ? 'normal' : 'success') : 'active'} />
      {orphaned ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={`还有 ${fmt.count(job.total - job.received)} 个文件没有上传`}
          description="上传这些文件的页面已被关闭或刷新，浏览器无法继续上传。已上传的文件会继续处理；其余文件请点击「放弃未上传的文件」后重新选择导入（十分钟内没有新的上传时也会自动放弃）。"
        />
      ) : null}
      {onCancel && !finished ? (
        <Button style={{ marginTop: 8 }} icon={<StopOutlined />} onClick={onCancel}>
          {orphaned ? '放弃未上传的文件' : '取消导入'}
        </Button>
      ) : null}
    </Card>
  );
}

function RecentJobs() {
  const jobs = useQuery({ queryKey: ['imports'], queryFn: ({ signal }) => api.imports(signal) });
  const items = jobs.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card size="small" title="最近的导入" style={{ marginTop: 16 }}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items.slice(0, 10)}
        columns={[
          { title: '开始时间', dataIndex: 'createdAt', width: 180, render: (t: string) => new Date(t).toLocaleString('zh-CN') },
          {
            title: '文件',
            key: 'files',
            render: (_: unknown, j) =>
              `${fmt.count(j.total)} 个文件：新导入 ${j.summary.ingested}，新版本 ${j.summary.newVersions}，未变化 ${j.summary.unchanged}，失败 ${j.summary.failed}`,
          },
          {
            title: '状态',
            dataIndex: 'state',
            width: 110,
            render: (s: ImportJob['state'], j) =>
              s === 'done' ? <Tag>已完成</Tag> : <Tag color="processing">进行中 {j.done}/{j.total}</Tag>,
          },
          { title: '', key: 'open', width: 90, render: (_: unknown, j) => <Link to={`/import?job=${j.id}`}>查看</Link> },
        ]}
      />
    </Card>
  );
}

function Import() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm<FormValues>();
  const [upload, setUpload] = useState<{ sent: number; total: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const invalidate = useInvalidateAll();
  const announced = useRef<string | null>(null);

  const job = useQuery({
    queryKey: ['import', jobId],
    queryFn: ({ signal }) => api.importJob(jobId!, signal),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data?.state === 'done' ? false : 1000),
  });
  const current = job.data && job.data.id === jobId ? job.data : undefined;
  const running = !!current && current.state !== 'done';
  const busy = !!upload || running;

  // once the job is over: every figure of the dashboard may have moved
  useEffect(() => {
    if (current?.state !== 'done' || announced.current === current.id) return;
    const first = announced.current !== null || !!upload;
    announced.current = current.id;
    if (first) {
      const s = current.summary;
      message.success(
        `导入完成：新增 ${s.ingested} 份，新版本 ${s.newVersions} 份，未变化 ${s.unchanged} 份，失败 ${s.failed} 份`,
      );
    }
    invalidate();
  }, [current, upload, message, invalidate]);

  async function start() {
    const values = await form.validateFields();
    const fields: IngestFields = {
      agency: values.agency?.trim() || undefined,
      year: values.year ?? undefined,
      published: values.published ? values.published.format('YYYY-MM-DD') : undefined,
    };
    const list = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
    setUploadError(null);
    let created: ImportJob;
    try {
      created = await api.createImport(
        list.map((f) => ({ name: f.name, size: f.size })),
        fields,
      );
    } catch (e) {
      setUploadError(e instanceof ApiError ? e.message : String(e));
      return;
    }
    announced.current = '';
    setParams({ job: created.id });
    setFiles([]);
    const total = list.reduce((s, f) => s + f.size, 0);
    const controller = new AbortController();
    abort.current = controller;
    setUpload({ sent: 0, total });
    let sentBefore = 0;
    try {
      for (const group of batches(list.map((file, index) => ({ index, file })))) {
        const size = group.reduce((s, g) => s + g.file.size, 0);
        try {
          await uploadImportFiles(
            created.id,
            group,
            (loaded) => setUpload({ sent: sentBefore + Math.min(loaded, size), total }),
            controller.signal,
          );
        } catch (e) {
          if ((e as Error).name === 'AbortError') throw e;
          // this batch did not reach the server (too large, connection lost): say so and go on
          setUploadError(
            `${group.length} 个文件上传失败（${group[0]!.file.name} 等）：${e instanceof ApiError ? e.message : String(e)}`,
          );
        }
        sentBefore += size;
        setUpload({ sent: sentBefore, total });
        void job.refetch();
      }
    } catch {
      message.warning('已取消导入，已导入的报告保留在库中');
    } finally {
      abort.current = null;
      setUpload(null);
      void job.refetch();
    }
  }

  async function cancel() {
    abort.current?.abort();
    if (!jobId) return;
    try {
      await api.cancelImport(jobId);
    } finally {
      void job.refetch();
    }
  }

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
              showUploadList={files.length <= 50 ? true : false}
              data-testid="dropzone"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">将年度报告文件或 zip 压缩包拖到此处，或点击选择</p>
              <p className="ant-upload-hint">
                {files.length > 50
                  ? `已选择 ${fmt.count(files.length)} 个文件（${fmt.bytes(files.reduce((s, f) => s + (f.size ?? 0), 0))}）`
                  : '可一次选择多个文件；文件会先列在下方，点击「开始导入」后上传'}
              </p>
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
                {busy ? '正在导入' : `开始导入${files.length ? `（${files.length} 个文件）` : ''}`}
              </Button>
            </Space>
          </Card>
        </Col>
      </Row>

      {uploadError ? (
        <Alert type="error" showIcon title="部分文件没有上传" description={uploadError} style={{ marginTop: 16 }} />
      ) : null}
      {jobId && job.isError ? (
        <Card size="small" style={{ marginTop: 16 }}>
          <ErrorState error={job.error} onRetry={() => job.refetch()} />
        </Card>
      ) : null}
      {current ? (
        <>
          <JobProgress job={current} upload={upload} onCancel={cancel} />
          <JobResults job={current} />
        </>
      ) : null}
      {!jobId ? <RecentJobs /> : null}
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
