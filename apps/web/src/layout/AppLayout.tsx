/** The admin shell users know: a dark side menu, a header with the store's status and the user, the page below. */
import { Suspense, useState, type ReactNode } from 'react';
import { Badge, Layout, Menu, Space, Switch, Tooltip, Typography } from 'antd';
import {
  AuditOutlined,
  BarChartOutlined,
  BankOutlined,
  BookOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  NotificationOutlined,
  ScheduleOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  EyeOutlined,
  FileSearchOutlined,
  OrderedListOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { allows, useHealth, useSession } from '../api/hooks';
import type { Role } from '../api/types';
import { fmt } from '../format';
import { ErrorState, Loading } from '../components/PageState';
import { setShowDemo, useShowDemo } from '../showDemo';
import { SessionMenu } from './SessionMenu';

const { Header, Sider, Content } = Layout;

const MENU: { key: string; icon: ReactNode; label: string; role: Role }[] = [
  { key: '/', icon: <DashboardOutlined />, label: '总览', role: 'viewer' },
  { key: '/rankings', icon: <OrderedListOutlined />, label: '排名', role: 'viewer' },
  { key: '/agencies', icon: <BankOutlined />, label: '机关', role: 'viewer' },
  { key: '/findings', icon: <FileSearchOutlined />, label: '问题清单', role: 'viewer' },
  { key: '/reading-checks', icon: <EyeOutlined />, label: '读取待核对', role: 'viewer' },
  { key: '/roster', icon: <ScheduleOutlined />, label: '报送情况', role: 'viewer' },
  { key: '/rectifications', icon: <CheckSquareOutlined />, label: '整改台账', role: 'viewer' },
  { key: '/bulletin', icon: <NotificationOutlined />, label: '年度通报', role: 'viewer' },
  { key: '/regions', icon: <ClusterOutlined />, label: '地区排名', role: 'viewer' },
  { key: '/import', icon: <CloudUploadOutlined />, label: '导入报告', role: 'reviewer' },
  { key: '/rules', icon: <BookOutlined />, label: '审查规则', role: 'viewer' },
  { key: '/audit-log', icon: <AuditOutlined />, label: '审计日志', role: 'admin' },
  { key: '/accounts', icon: <TeamOutlined />, label: '账户管理', role: 'admin' },
];

function selectedKey(path: string): string {
  if (path.startsWith('/reports')) return '/rankings';
  const hit = MENU.filter((m) => m.key !== '/' && path.startsWith(m.key));
  return hit[0]?.key ?? '/';
}

function Status() {
  const health = useHealth();
  if (health.isLoading) return <Badge status="processing" text="连接中…" />;
  if (health.isError) return <Badge status="error" text="服务未连接" />;
  const h = health.data!;
  return (
    <Tooltip title={h.rubricVersion ? `评分细则版本 ${h.rubricVersion}` : '尚未评分'}>
      <Badge
        status="success"
        text={h.reports === undefined ? '已连接' : `报告 ${fmt.count(h.reports)} 份 · 机关 ${fmt.count(h.agencies ?? 0)} 个`}
      />
    </Tooltip>
  );
}

/**
 * The switch for the demo province (示例数据), shown once there is some: off, every ranking, figure and
 * export is of real reports only; on, the demo reports join them, badged 示例数据.
 */
function DemoSwitch() {
  const health = useHealth();
  const show = useShowDemo();
  if (!health.data?.demoReports) return null;
  return (
    <Tooltip
      title={`库中有 ${fmt.count(health.data.demoReports)} 份示例数据（系统生成的示例省份，非真实报告）；关闭时排名、统计和导出均不含示例数据`}
    >
      <Space size={6} style={{ whiteSpace: 'nowrap' }}>
        <Switch size="small" checked={show} onChange={setShowDemo} aria-label="显示示例数据" data-testid="demo-switch" />
        <Typography.Text type={show ? 'warning' : 'secondary'}>显示示例数据</Typography.Text>
      </Space>
    </Tooltip>
  );
}

/** The page, once it is known who is asking; the login page for nobody. */
function Page() {
  const session = useSession();
  const location = useLocation();
  if (session.isLoading) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  if (session.data!.mode === 'anonymous') {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}

export function AppLayout() {
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();
  const session = useSession().data;
  const items = MENU.filter((m) => allows(session, m.role)).map((m) => ({
    key: m.key,
    icon: m.icon,
    label: <Link to={m.key}>{m.label}</Link>,
  }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* the wrapper runs the whole height of the page, so the dark column never ends above the page's end */}
      <div style={{ background: '#001529', flex: 'none' }}>
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="xl"
          width={208}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Link
            to="/"
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 10,
              height: 56,
              padding: '0 28px',
              color: '#fff',
              whiteSpace: 'nowrap',
              overflow: 'hidden',
            }}
          >
            <BarChartOutlined style={{ fontSize: 22, color: '#ff4d4f' }} />
            {!collapsed && <span style={{ fontSize: 16, fontWeight: 600 }}>年报审查平台</span>}
          </Link>
          <Menu theme="dark" mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} />
        </Sider>
      </div>
      <Layout style={{ minWidth: 0 }}>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Typography.Text
            strong
            style={{ fontSize: 15, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            政府信息公开工作年度报告审查平台
          </Typography.Text>
          <Space size={16} style={{ flex: 'none' }}>
            <DemoSwitch />
            <Status />
            <SessionMenu />
          </Space>
        </Header>
        <Content style={{ margin: 16, minWidth: 0 }}>
          <Page />
        </Content>
      </Layout>
    </Layout>
  );
}
