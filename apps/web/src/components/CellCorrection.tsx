/**
 * A reviewer's correction of a cell as read (a figure OCR misread): the selected cell with its
 * reading and any correction (who, when, why), and the dialog in which a reviewer gives the value
 * the original shows and the reason; the report comes back re-audited with it.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { cellName, templateFor } from '@nianbao/model';
import { ApiError } from '../api/client';
import { useCellCorrection } from '../api/hooks';
import type { ReportDetail } from '../api/types';
import { fmt } from '../format';
import { cellText, readingText } from './cellStyle';

/** The cell as a reviewer names it: 表四“行政复议” · 总计. */
function nameOf(report: ReportDetail, key: string): string {
  return cellName(templateFor(report.template, report.year), key) ?? '所选单元格';
}

/** Whether the cell's row was read with low confidence (the audit asks for it to be checked). */
const doubtful = (report: ReportDetail, key: string) =>
  Object.values(report.reading ?? {}).some((t) => t.doubtfulRows.some((row) => key.startsWith(row + '.')));

/** The selected cell: what it holds, what was read if a reviewer corrected it, and the actions. */
export function SelectedCell({
  report,
  cell,
  canCorrect,
  onCorrect,
}: {
  report: ReportDetail;
  cell: string;
  canCorrect: boolean;
  onCorrect: () => void;
}) {
  const corrected = report.corrections[cell];
  const undo = useCellCorrection(report.id);
  const shown = cellText(report.cells[cell]);
  return (
    <div className="selected-cell" data-testid="selected-cell">
      <Space wrap size={[8, 4]}>
        <Typography.Text strong>{nameOf(report, cell)}</Typography.Text>
        <Typography.Text data-testid="selected-cell-value">{shown === '' ? '（空白）' : shown}</Typography.Text>
        {corrected ? (
          <>
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              已更正
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="selected-cell-original">
              原读数「{readingText(corrected.original)}」，{corrected.reason} —— <span data-latin-ok>{corrected.user}</span>，
              {fmt.dateTime(corrected.at)}
            </Typography.Text>
          </>
        ) : doubtful(report, cell) ? (
          <Tag color="gold">读取待核对</Tag>
        ) : null}
        {canCorrect ? (
          <Space size={4}>
            <Button size="small" icon={<EditOutlined />} onClick={onCorrect} data-testid="cell-correct">
              更正数值
            </Button>
            {corrected ? (
              <Button
                size="small"
                type="text"
                icon={<UndoOutlined />}
                loading={undo.isPending}
                onClick={() => undo.mutate({ cell })}
                data-testid="cell-uncorrect"
              >
                撤销更正
              </Button>
            ) : null}
          </Space>
        ) : null}
      </Space>
      {undo.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={undo.error instanceof ApiError ? undo.error.message : '撤销失败，请重试'}
        />
      ) : null}
    </div>
  );
}

/** The value the original shows and why, for `cell` (null: closed). */
export function CorrectionDialog({
  report,
  cell,
  onClose,
}: {
  report: ReportDetail;
  cell: string | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={!!cell}
      title="更正单元格数值"
      footer={null}
      onCancel={onClose}
      destroyOnHidden
      width={480}
    >
      {cell ? <CorrectionForm report={report} cell={cell} onClose={onClose} /> : null}
    </Modal>
  );
}

function CorrectionForm({ report, cell, onClose }: { report: ReportDetail; cell: string; onClose: () => void }) {
  const before = report.corrections[cell];
  const read = before ? before.original : report.cells[cell];
  const [value, setValue] = useState<number | null>(before ? before.value : (report.cells[cell]?.value ?? null));
  const [blank, setBlank] = useState(before ? before.value === null : false);
  const [reason, setReason] = useState('');
  const correct = useCellCorrection(report.id);
  const ready = (blank || value !== null) && !!reason.trim();
  const submit = () =>
    correct.mutate({ cell, value: blank ? null : value, reason: reason.trim() }, { onSuccess: onClose });
  return (
    <>
      <Typography.Paragraph>
        <Typography.Text strong>{nameOf(report, cell)}</Typography.Text>
        <br />
        <Typography.Text type="secondary">
          从原件读取为「{readingText(read)}」{before ? `，已更正为 ${before.value === null ? '空白' : fmt.figure(before.value)}` : ''}
        </Typography.Text>
      </Typography.Paragraph>
      {doubtful(report, cell) ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="这一行的数字读取不确定。提交更正即视为已对照原件核对这一行，表中的勾稽关系将据此重新审查。"
        />
      ) : null}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <div>
          <label htmlFor="correction-value">原件中的数值</label>
          <Space style={{ display: 'flex', marginTop: 4 }}>
            <InputNumber
              id="correction-value"
              aria-label="原件中的数值"
              min={0}
              max={1e12}
              disabled={blank}
              value={blank ? null : value}
              onChange={(v) => setValue(typeof v === 'number' ? v : null)}
              style={{ width: 180 }}
              data-testid="correction-value"
              autoFocus
            />
            <Checkbox checked={blank} onChange={(e) => setBlank(e.target.checked)}>
              原件此处为空白
            </Checkbox>
          </Space>
        </div>
        <div>
          <label htmlFor="correction-reason">
            <Typography.Text type="danger">* </Typography.Text>更正理由（必填）
          </label>
          <Input.TextArea
            id="correction-reason"
            aria-label="更正理由"
            aria-required
            style={{ marginTop: 4 }}
            rows={3}
            maxLength={2000}
            showCount
            placeholder="例如：对照扫描件，此处为“1”，识别成了箭头"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="correction-reason"
          />
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          读取的原值保留不变，更正后报告按新数值重新审查、计分，并记录更正人和理由；可随时撤销。
        </Typography.Text>
        {correct.isError ? (
          <Alert
            type="error"
            showIcon
            title={correct.error instanceof ApiError ? correct.error.message : '提交失败，请重试'}
          />
        ) : null}
        <Space style={{ justifyContent: 'flex-end', display: 'flex' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!ready} loading={correct.isPending} onClick={submit} data-testid="correction-submit">
            提交更正
          </Button>
        </Space>
      </Space>
    </>
  );
}
