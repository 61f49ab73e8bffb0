/**
 * 登录: name and password, then back to the page that asked for a login. In single-user local mode
 * there is nothing to log in to, and the page says so.
 */
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { ADD_ADMIN_COMMAND } from '../labels';
import { BarChartOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useLogin, useSession } from '../api/hooks';
import { ErrorState, Loading } from '../components/PageState';

/** Only a path of this site, never an address elsewhere (`//evil.example`). */
const safeNext = (next: string | null) =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

export default function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();

  let body;
  if (session.isLoading) body = <Loading rows={3} />;
  else if (session.isError) body = <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  else if (session.data!.mode === 'session' && !login.isSuccess) return <Navigate to={next} replace />;
  else if (session.data!.mode === 'local')
    body = (
      <Result
        status="info"
        title="单机模式，无需登录"
        subTitle={
          <>
            还没有创建任何账号，且服务只在本机监听，所有功能均可直接使用。在服务器的项目目录中创建账号后，打开看板须先登录：
            <br />
            <Typography.Text code copyable data-latin-ok>
              {ADD_ADMIN_COMMAND}
            </Typography.Text>
          </>
        }
        extra={
          <Link to={next}>
            <Button type="primary">进入看板</Button>
          </Link>
        }
      />
    );
  else
    body = (
      <Form
        layout="vertical"
        requiredMark={false}
        disabled={login.isPending}
        onFinish={(values: { username: string; password: string }) =>
          login.mutate(values, { onSuccess: () => navigate(next, { replace: true }) })
        }
      >
        {login.isError ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={login.error instanceof ApiError ? login.error.message : '登录失败，请稍后重试'}
            data-testid="login-error"
          />
        ) : null}
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={login.isPending}
          data-testid="login-submit"
        >
          登录
        </Button>
        <Typography.Paragraph type="secondary" style={{ margin: '16px 0 0', fontSize: 12 }}>
          账号由管理员创建和分配；忘记密码请联系管理员重置。
        </Typography.Paragraph>
      </Form>
    );

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: 'linear-gradient(160deg, #001529 0%, #003a70 100%)',
        padding: 24,
      }}
    >
      <Card style={{ width: 400, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 10, marginBottom: 4 }}>
          <BarChartOutlined style={{ fontSize: 26, color: '#cf1322' }} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            年报审查平台
          </Typography.Title>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
          政府信息公开工作年度报告审查平台
        </Typography.Paragraph>
        {body}
      </Card>
    </div>
  );
}
