/**
 * Loading, error and empty states that say what to do next. An empty database invites an import.
 */
import type { ReactNode } from 'react';
import { Button, Empty, Result, Skeleton } from 'antd';
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';

export function Loading({ rows = 6 }: { rows?: number }) {
  return (
    <div role="status" aria-label="加载中" style={{ padding: 24 }}>
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const e = error instanceof ApiError ? error : null;
  const notFound = e?.status === 404;
  const offline = e?.code === 'network';
  return (
    <Result
      status={notFound ? '404' : offline ? 'warning' : 'error'}
      title={title ?? (notFound ? '没有找到该记录' : offline ? '无法连接服务' : '加载失败')}
      subTitle={
        <>
          {e?.message ?? (error instanceof Error ? error.message : '发生未知错误')}
          {offline ? <div>请确认审查平台服务（npm start）正在运行。</div> : null}
        </>
      }
      extra={[
        onRetry && !notFound ? (
          <Button key="retry" type="primary" icon={<ReloadOutlined />} onClick={onRetry}>
            重试
          </Button>
        ) : null,
        notFound ? (
          <Link key="home" to="/rankings">
            <Button type="primary">返回排名</Button>
          </Link>
        ) : null,
      ]}
    />
  );
}

/** The database holds no report yet: the only useful thing to do is to import some. */
export function EmptyDatabase({ what = '数据' }: { what?: string }) {
  return (
    <Result
      icon={<CloudUploadOutlined style={{ color: '#1677ff' }} />}
      title="还没有导入任何年度报告"
      subTitle={`导入各机关的政府信息公开工作年度报告（txt、html、docx、doc、pdf 或 zip 压缩包）后，这里将显示${what}。`}
      extra={
        <Link to="/import">
          <Button type="primary" size="large" icon={<CloudUploadOutlined />}>
            去导入报告
          </Button>
        </Link>
      }
    />
  );
}

/** Nothing matches the current filters (the database itself is not empty). */
export function NoMatch({ onReset, children }: { onReset?: () => void; children?: ReactNode }) {
  return (
    <Empty description={children ?? '没有符合筛选条件的记录'}>
      {onReset ? <Button onClick={onReset}>清除筛选条件</Button> : null}
    </Empty>
  );
}
