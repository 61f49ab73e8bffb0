/** Small shared displays: grade tag, signed change, severity tag, agency kind, the demo-data badge. */
import { Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { fmt } from '../format';
import { GRADE_TAG, KIND_LABEL, SEVERITY_COLOR, SEVERITY_LABEL } from '../labels';
import type { AgencyKind, FindingListItem, Grade, Severity } from '../api/types';

export function GradeTag({ grade }: { grade: Grade | null | undefined }) {
  if (!grade) return <Typography.Text type="secondary">未评分</Typography.Text>;
  return (
    <Tag color={GRADE_TAG[grade]} style={{ marginInlineEnd: 0 }}>
      {grade}
    </Tag>
  );
}

export function Change({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = value > 0 ? '#389e0d' : value < 0 ? '#cf1322' : undefined;
  return (
    <span className="num" style={{ color, whiteSpace: 'nowrap' }}>
      {value > 0 ? <ArrowUpOutlined /> : value < 0 ? <ArrowDownOutlined /> : null} {fmt.change(value)}
    </span>
  );
}

export function SeverityTag({ severity }: { severity: Severity }) {
  return (
    <Tag color={SEVERITY_COLOR[severity]} style={{ marginInlineEnd: 6 }}>
      {SEVERITY_LABEL[severity]}
    </Tag>
  );
}

export function KindText({ kind }: { kind: AgencyKind | null | undefined }) {
  return <>{kind ? KIND_LABEL[kind] : '—'}</>;
}

/** Marks a generated agency or report of the demo province, so that nobody takes it for a real one. */
export function DemoTag({ demo }: { demo: boolean | undefined }) {
  if (!demo) return null;
  return (
    <Tooltip title="演示用的模拟数据，不是真实机关的报告">
      <Tag
        color="purple"
        style={{ marginInline: 6, fontWeight: 'normal', flex: 'none' }}
        data-testid="demo-tag"
      >
        示例数据
      </Tag>
    </Tooltip>
  );
}

/** Marks a report read by OCR from page images (a scan), whose figures a reviewer checks against the original. */
export function OcrTag({ ocr }: { ocr: boolean | undefined }) {
  if (!ocr) return null;
  return (
    <Tooltip title="这份报告是扫描件或照片，文字和数字是从页面图片中识别出来的；识别没有把握的数字已单独列出，请对照原件核对。">
      <Tag color="gold" style={{ marginInline: 6, fontWeight: 'normal', flex: 'none' }} data-testid="ocr-tag">
        扫描件·文字识别
      </Tag>
    </Tooltip>
  );
}

/** The report a listed finding is in: its agency (a link to the report), the demo badge, and the year and region beneath. */
export function FindingReport({ f }: { f: Pick<FindingListItem, 'reportId' | 'agency' | 'demo' | 'year'> }) {
  return (
    <>
      <Link to={`/reports/${f.reportId}`}>{f.agency.name}</Link>
      <DemoTag demo={f.demo} />
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {f.year}年度{f.agency.region ? ` · ${f.agency.region.name}` : ''}
        </Typography.Text>
      </div>
    </>
  );
}
