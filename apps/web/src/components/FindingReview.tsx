/**
 * Review decisions on a finding: the decision as taken (who, when, why), and the dialog in which a
 * reviewer confirms a finding or dismisses it (it then costs no points) with a reason.
 */
import { useState } from 'react';
import { Alert, Button, Input, Modal, Space, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, UndoOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client';
import { useReview } from '../api/hooks';
import type { Decision, FindingReview, ReviewedFinding } from '../api/types';
import { fmt } from '../format';

export const DECISION_LABEL: Record<Decision, { label: string; color: string; hint: string }> = {
  confirm: { label: '已确认', color: 'red', hint: '审核员确认该问题属实，照常扣分' },
  dismiss: { label: '已排除', color: 'default', hint: '审核员认定不是问题，不再扣分' },
};

/** The decision taken on a finding, under its message. */
export function ReviewNote({ review, onUndo }: { review: FindingReview; onUndo?: () => void }) {
  const d = DECISION_LABEL[review.decision];
  return (
    <div className="finding-review" data-testid="review-note" onClick={(e) => e.stopPropagation()}>
      <Tag color={d.color} title={d.hint} style={{ marginInlineEnd: 6 }}>
        {d.label}
        {review.decision === 'dismiss' ? '（不扣分）' : ''}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {review.reason} —— <span data-latin-ok>{review.user}</span>，{fmt.dateTime(review.at)}
      </Typography.Text>
      {onUndo ? (
        <Typography.Link style={{ fontSize: 12, marginLeft: 8 }} onClick={onUndo}>
          <UndoOutlined /> 撤销
        </Typography.Link>
      ) : null}
    </div>
  );
}

/** 确认 / 排除 buttons; they do not select the finding they sit in. */
export function ReviewButtons({ onDecide }: { onDecide: (decision: Decision) => void }) {
  return (
    <Space size={4} onClick={(e) => e.stopPropagation()} className="finding-actions">
      <Button
        size="small"
        type="text"
        icon={<CheckOutlined />}
        onClick={() => onDecide('confirm')}
        data-testid="review-confirm"
      >
        确认
      </Button>
      <Button
        size="small"
        type="text"
        icon={<CloseOutlined />}
        onClick={() => onDecide('dismiss')}
        data-testid="review-dismiss"
      >
        排除
      </Button>
    </Space>
  );
}

const PLACEHOLDER: Record<Decision, string> = {
  confirm: '例如：已核对原文，该表确有缺行，已通知该机关整改',
  dismiss: '例如：该机关本年度确无此项业务，报告正文已说明，不应扣分',
};

/** The reason for a decision, asked in a dialog; the report comes back re-scored. */
export function ReviewDialog({
  reportId,
  finding,
  decision,
  onClose,
}: {
  reportId: number;
  finding: ReviewedFinding | null;
  decision: Decision;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const review = useReview(reportId);
  const submit = () =>
    review.mutate(
      { fingerprint: finding!.fingerprint!, decision, reason: reason.trim() },
      {
        onSuccess: () => {
          setReason('');
          onClose();
        },
      },
    );
  return (
    <Modal
      open={!!finding}
      title={decision === 'confirm' ? '确认问题' : '排除问题（不再扣分）'}
      okText={decision === 'confirm' ? '确认' : '排除'}
      okButtonProps={{
        disabled: !reason.trim(),
        danger: decision === 'dismiss',
        'data-testid': 'review-submit',
      }}
      confirmLoading={review.isPending}
      onOk={submit}
      onCancel={() => {
        review.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>{finding?.message}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {decision === 'dismiss'
          ? '排除后该问题不再扣分，报告将重新计分；决定对该机关本年度报告的所有版本有效，重新评分或重新导入后仍然保留。'
          : '确认后该问题照常扣分，并记录审核人与理由。'}
      </Typography.Paragraph>
      {review.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={review.error instanceof ApiError ? review.error.message : '提交失败，请重试'}
        />
      ) : null}
      <label htmlFor="review-reason">
        <Typography.Text type="danger">* </Typography.Text>审核理由（必填，填写后才能提交）
      </label>
      <Input.TextArea
        id="review-reason"
        aria-label="审核理由"
        aria-required
        style={{ marginTop: 4 }}
        autoFocus
        rows={3}
        maxLength={2000}
        showCount
        placeholder={PLACEHOLDER[decision]}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
