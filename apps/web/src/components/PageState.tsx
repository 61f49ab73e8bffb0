/**
 * Loading, error and empty states that say what to do next. An empty database invites an import.
 */
import type { ReactNode } from 'react';
import { Button, Empty, Result, Skeleton } from 'antd';
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { allows, useSession } from '../api/hooks';
import type { Role } from '../api/types';
import { ROLE_LABEL } from '../labels';

export function Loading({ rows = 6 }: { rows?: number }) {
  return (
    <div role="status" aria-label="加载中" style={{ padding: 24 }}>
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const e = error instanceof ApiError ? error : null;
  if (e?.status === 403) return <Forbidden message={e.message} />;
  if (e?.status === 401)
    return (
      <Result
        status="403"
        title="需要登录"
        subTitle={e.message}
        extra={
          <Link to="/login">
            <Button type="primary">去登录</Button>
          </Link>
        }
      />
    );
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

/** The database holds no report yet: the only useful thing to do is to import some (or ask for it). */
export function EmptyDatabase({ what = '数据' }: { what?: string }) {
  const canImport = allows(useSession().data, 'reviewer');
  return (
    <Result
      icon={<CloudUploadOutlined style={{ color: '#1677ff' }} />}
      title="还没有导入任何年度报告"
      subTitle={
        canImport
          ? `导入各机关的政府信息公开工作年度报告（txt、html、docx、doc、pdf 或 zip 压缩包）后，这里将显示${what}。`
          : `审核员或管理员导入年度报告后，这里将显示${what}。如需导入，请联系他们。`
      }
      extra={
        canImport ? (
          <Link to="/import">
            <Button type="primary" size="large" icon={<CloudUploadOutlined />}>
              去导入报告
            </Button>
          </Link>
        ) : null
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

/** What a role may not do here, and whom to ask. */
export function Forbidden({ message }: { message: string }) {
  return (
    <Result
      status="403"
      title="没有权限"
      subTitle={
        <>
          {message}
          <div>如需此权限，请联系本平台的管理员。</div>
        </>
      }
    />
  );
}

/** The page for those whose role reaches `role`; a clear refusal for the others. */
export function RequireRole({ role, what, children }: { role: Role; what: string; children: ReactNode }) {
  const session = useSession().data;
  if (allows(session, role)) return <>{children}</>;
  const current = session?.role ? `，当前账号为${ROLE_LABEL[session.role]}` : '';
  return (
    <Forbidden
      message={`${what}需要${ROLE_LABEL[role]}${role === 'admin' ? '' : '或更高'}权限${current}。`}
    />
  );
}
