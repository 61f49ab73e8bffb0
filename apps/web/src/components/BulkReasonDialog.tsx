/**
 * The dialog that applies one decision to the findings chosen in a list, with the reason it
 * requires (the 问题清单's confirm / dismiss, the 读取待核对's 已核对). It owns the reason, the
 * "tried without a reason" state and the bulk request; the page owns the selection.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Input, Modal, Typography } from 'antd';
import { ApiError } from '../api/client';
import { useBulkReview } from '../api/hooks';
import type { Decision, FindingListItem } from '../api/types';

export function BulkReasonDialog({
  decision,
  items,
  title,
  okText,
  danger,
  okTestId,
  field,
  placeholder,
  hint,
  onClose,
}: {
  /** null: the dialog is closed */
  decision: Decision | null;
  items: FindingListItem[];
  title: string;
  okText: string;
  danger?: boolean;
  okTestId: string;
  /** the reason's label (e.g. 审核理由) and its input's id */
  field: { id: string; label: string };
  placeholder: string;
  hint?: ReactNode;
  /** done: the decision was recorded (the page clears its selection) */
  onClose: (done: boolean) => void;
}) {
  const bulk = useBulkReview();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const missing = tried && !reason.trim();

  const close = (done: boolean) => {
    bulk.reset();
    setTried(false);
    if (done) setReason('');
    onClose(done);
  };
  const submit = () => {
    setTried(true);
    if (!reason.trim() || !decision) return;
    bulk.mutate(
      {
        decision,
        reason: reason.trim(),
        items: items.map((f) => ({ reportId: f.reportId, fingerprint: f.fingerprint! })),
      },
      { onSuccess: () => close(true) },
    );
  };

  return (
    <Modal
      open={!!decision}
      title={title}
      okText={okText}
      okButtonProps={{ danger, 'data-testid': okTestId }}
      confirmLoading={bulk.isPending}
      onOk={submit}
      onCancel={() => close(false)}
      destroyOnHidden
    >
      {bulk.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={bulk.error instanceof ApiError ? bulk.error.message : '提交失败，请重试'}
        />
      ) : null}
      {hint ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Paragraph>
      ) : null}
      <label htmlFor={field.id}>
        <Typography.Text type="danger">* </Typography.Text>
        {field.label}（必填）
      </label>
      <Input.TextArea
        id={field.id}
        aria-label={field.label}
        aria-required
        autoFocus
        rows={3}
        maxLength={2000}
        showCount
        status={missing ? 'error' : undefined}
        placeholder={placeholder}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && submit()}
        style={{ marginTop: 4 }}
      />
      {missing ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          请填写{field.label}
        </Typography.Text>
      ) : null}
    </Modal>
  );
}
