/**
 * 整改通知书 of a report: choose the 整改期限 (the office's default is offered) and download the Word
 * file. Issuing it as a reviewer opens the unit's 整改台账; a viewer downloads a draft.
 */
import { useState } from 'react';
import { Button, DatePicker, Flex, Popover, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { allows, useSession } from '../api/hooks';
import { noticeUrl, useOfficeSettings } from '../api/office';

export function NoticeButton({ reportId }: { reportId: number }) {
  const settings = useOfficeSettings().data;
  const issues = allows(useSession().data, 'reviewer');
  const [due, setDue] = useState<string | undefined>();
  const fallback = dayjs().add(settings?.rectifyDays ?? 30, 'day').format('YYYY-MM-DD');
  const content = (
    <Flex vertical gap={8} style={{ width: 260 }}>
      <Typography.Text>整改期限</Typography.Text>
      <DatePicker aria-label="整改期限" value={dayjs(due ?? fallback)} onChange={(d) => setDue(d ? d.format('YYYY-MM-DD') : undefined)} allowClear={false} />
      <Typography.Text type="secondary">
        {issues ? '生成后该单位的问题列入整改台账；已有台账的，按新期限更新。被排除的问题不列入通知书。' : '查看者下载的是草稿，不建立整改台账。'}
      </Typography.Text>
      <Button type="primary" icon={<FileWordOutlined />} href={noticeUrl(reportId, due)} data-testid="notice-download">
        下载整改通知书
      </Button>
    </Flex>
  );
  return (
    <Popover content={content} title="整改通知书" trigger="click" placement="bottomRight">
      <Button icon={<FileWordOutlined />} data-testid="notice-button">
        整改通知书
      </Button>
    </Popover>
  );
}
